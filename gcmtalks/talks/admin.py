from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from gcmtalks.core.admin import AuditedAdmin
from gcmtalks.core.timezones import format_range, zone

from .forms import TalkForm
from .models import Organiser, OrganiserMember, Series, Talk
from .services import talk_delete, talk_save


@admin.register(Talk)
class TalkAdmin(TranslationAdmin):
    form = TalkForm
    list_display = ["title", "when", "level", "format", "audience", "status", "series"]
    list_filter = [
        "status", "level", "format", "audience", "regions", "series", "organisers",
        "interpretation_languages", ("start", admin.DateFieldListFilter),
    ]  # fmt: skip
    search_fields = ["title", "summary", "slug", "city"]
    date_hierarchy = "start"
    filter_horizontal = ["regions", "organisers", "interpretation_languages", "objectives",
                         "principles"]  # fmt: skip
    readonly_fields = ["sequence", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status"]}),
        (_("Where it belongs"), {"fields": ["level", "regions", "country", "series", "organisers"]}),
        (_("When and where"), {"fields": ["start", "end", "timezone", "format", "venue", "city"]}),
        (_("Who and how"), {"fields": ["audience", "chatham_house", "interpretation_languages",
                                       "registration_mode", "registration_url"]}),
        (_("Themes"), {"fields": ["objectives", "principles"]}),
        (_("Outcomes"), {"fields": ["info_url", "report_url", "practices_url"]}),
        (_("Record"), {"fields": ["sequence", "created_at", "updated_at"]}),
    ]  # fmt: skip

    @admin.display(description=_("When (Geneva time)"), ordering="start")
    def when(self, talk):
        day = talk.start.astimezone(zone(settings.CALENDAR_TIME_ZONE))
        return f"{day:%Y-%m-%d} {format_range(talk.start, talk.end, settings.CALENDAR_TIME_ZONE)}"

    def save_model(self, request, obj, form, change):
        form.instance = talk_save(form=form, by=request.user)

    def save_related(self, request, form, formsets, change):
        # talk_save already saved the many-to-many fields, inside its transaction.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        talk_delete(talk=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for talk in queryset:
            talk_delete(talk=talk, by=request.user)


@admin.register(Series)
class SeriesAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


class OrganiserMemberInline(admin.TabularInline):
    """The people who organise for it (members and leads); for the secretariat's organiser,
    the secretariat's people. They reach the workspace with two-factor authentication."""

    model = OrganiserMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organiser)
class OrganiserAdmin(AuditedAdmin, TranslationAdmin):
    list_display = ["name", "kind", "region", "co_leads"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "co_leads"]
    filter_horizontal = ["objectives"]
    autocomplete_fields = ["organisation"]
    inlines = [OrganiserMemberInline]
    prepopulated_fields = {"slug": ["name"]}
