from django.contrib import admin

from gcmtalks.core.admin import AuditedAdmin

from .models import AgendaItem, Speaker
from .services import speaker_remove


@admin.register(Speaker)
class SpeakerAdmin(AuditedAdmin):
    list_display = ["name", "talk", "role", "confirmed", "recording_consent", "invited_at"]
    list_filter = ["talk__organisers", "role", "confirmed"]
    list_select_related = ["talk"]
    search_fields = ["name", "organisation", "talk__title"]
    raw_id_fields = ["talk"]
    readonly_fields = ["invited_at", "invitations", "answered_at", "created_at", "updated_at"]

    # Removal erases the speaker's personal data from the record too.
    def delete_model(self, request, obj):
        speaker_remove(speaker=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for speaker in queryset:
            speaker_remove(speaker=speaker, by=request.user)


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedAdmin):
    list_display = ["__str__", "talk", "kind", "starts_after", "minutes"]
    list_filter = ["talk__organisers", "kind"]
    list_select_related = ["talk"]
    raw_id_fields = ["talk"]
    filter_horizontal = ["speakers"]
