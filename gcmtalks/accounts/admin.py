from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.admin import AuditedAdmin

from .models import ApiToken, Organisation, OrganisationMember, User

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]


class OrganisationMemberInline(admin.TabularInline):
    """People join an organisation that exists only here: its members see its proposals."""

    model = OrganisationMember
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["joined_at"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "type", "country", "member_count", "created_at"]
    list_filter = ["type"]
    search_fields = ["name", "members__email"]
    autocomplete_fields = ["country"]
    inlines = [OrganisationMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, organisation):
        return organisation.member_count
