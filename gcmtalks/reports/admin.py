"""Summary reports in the admin: to look at, not to change. Reports are written and published
in the organisers' workspace, where every change is checked and audited."""

from django.contrib import admin

from gcmtalks.core.admin import ReadOnlyAdmin

from .models import SECTIONS, Justification, ReportText, SummaryReport


class ReadOnlyInline(admin.StackedInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class ReportTextInline(ReadOnlyInline):
    model = ReportText
    fields = ["language", *SECTIONS, "updated_at", "updated_by"]


class JustificationInline(ReadOnlyInline):
    model = Justification
    fields = ["name", "kind", "reason", "by", "at"]


@admin.register(SummaryReport)
class SummaryReportAdmin(ReadOnlyAdmin):
    list_display = ["talk", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["talk__title", "talk__slug"]
    list_select_related = ["talk"]
    inlines = [ReportTextInline, JustificationInline]
