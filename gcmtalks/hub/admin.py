"""Practices in the secretariat's admin: to find one and see all of it (links, documents,
reviews). Changes go through the submitter's pages and the workspace, which check the
practice's state, check uploaded files and write the audit entry and the mail."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.admin import ReadOnlyAdmin

from .models import Practice, PracticeDocument, PracticeLink, Review


class ShownInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LinkInline(ShownInline):
    model = PracticeLink
    fields = readonly_fields = ["label", "url"]


class DocumentInline(ShownInline):
    model = PracticeDocument
    fields = readonly_fields = [
        "title",
        "download",
        "content_type",
        "file_size",
        "uploaded_by",
        "uploaded_at",
    ]

    @admin.display(description=_("file"))
    def download(self, document):
        # The workspace's download: it checks who asks (the secretariat may).
        url = reverse(
            "hub_workspace:document",
            kwargs={"pk": document.practice_id, "document_pk": document.pk},
        )
        return format_html('<a href="{}">{}</a>', url, document.file_name)

    @admin.display(description=_("size"))
    def file_size(self, document):
        return filesizeformat(document.size)


class ReviewInline(ShownInline):
    model = Review
    fields = readonly_fields = [
        "reviewer",
        "is_un",
        "conflict_declared",
        "conflict",
        *Review.CRITERIA,
        "recommendation",
        "comments",
        "submitted_at",
    ]


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "submitter", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "objectives"]
    search_fields = ["title", "summary", "submitter__email", "implementing_organisations"]
    list_select_related = ["submitter"]
    inlines = [LinkInline, DocumentInline, ReviewInline]
