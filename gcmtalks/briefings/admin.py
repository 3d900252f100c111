from django.contrib import admin

from gcmtalks.core.admin import AuditedAdmin, ReadOnlyAdmin

from .models import BriefingDelivery, BriefingPack, ChecklistItem


@admin.register(BriefingPack)
class BriefingPackAdmin(AuditedAdmin):
    list_display = ["talk", "days_before", "sent_at", "updated_at"]
    search_fields = ["talk__title"]
    autocomplete_fields = ["talk"]
    readonly_fields = ["sent_at", "updated_at"]


@admin.register(BriefingDelivery)
class BriefingDeliveryAdmin(ReadOnlyAdmin):
    # Written by the schedule and the workspace's resend, which queue the mail with it.
    list_display = ["registration", "pack", "at", "manual", "by"]
    list_filter = ["manual"]
    search_fields = ["registration__email", "registration__name", "pack__talk__title"]
    list_select_related = ["registration", "pack__talk", "by"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(AuditedAdmin):
    list_display = ["__str__", "talk", "owner", "anchor", "offset_days", "done_at"]
    list_filter = ["kind"]
    search_fields = ["title", "talk__title"]
    autocomplete_fields = ["talk", "owner"]
    readonly_fields = ["last_reminded_at"]
    list_select_related = ["talk", "owner"]
