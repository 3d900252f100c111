from django.contrib import admin

from gcmtalks.core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Pledge, PledgeImport


@admin.register(Pledge)
class PledgeAdmin(AuditedAdmin):
    # Pledges come from the dashboard's exports; a change here is undone by the next import.
    list_display = ["external_id", "title", "entity", "kind", "member_state", "status"]
    list_filter = ["kind"]
    search_fields = ["external_id", "title", "entity"]
    raw_id_fields = ["matches"]
    readonly_fields = ["imported_at", "updated_at"]
    list_select_related = ["member_state"]


@admin.register(PledgeImport)
class PledgeImportAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "created_at", "by", "status", "created", "updated", "errors"]
    list_filter = ["status"]
    exclude = ["content"]
    list_select_related = ["by"]
