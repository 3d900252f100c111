"""Documents in the secretariat's admin: what the workspace shows, to find and correct. Files
are added and published in the workspace, where they are checked; changes here go through the
same services, so they are audited."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Document, Version
from .services import document_delete, document_update


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    can_delete = False
    fields = ["language", "file_name", "content_type", "file_size", "uploaded_by", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("size"))
    def file_size(self, version):
        return filesizeformat(version.size) if version.file_name else _("text")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "talk", "kind", "status", "access", "published_at"]
    list_filter = ["kind", "status", "access"]
    search_fields = ["title", "talk__title", "talk__slug"]
    list_select_related = ["talk"]
    fields = ["talk", "kind", "title", "access", "status", "published_at"]
    readonly_fields = ["talk", "status", "published_at"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        form.instance = document_update(
            document=obj,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            access=data["access"],
        )

    def delete_model(self, request, obj):
        document_delete(document=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            document_delete(document=document, by=request.user)
