from django.contrib import admin

from gcmtalks.core.admin import AuditedAdmin

from .models import Intention, Note


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0
    fields = ["at", "by", "state_from", "state_to", "text"]
    readonly_fields = ["at", "by", "state_from", "state_to"]


@admin.register(Intention)
class IntentionAdmin(AuditedAdmin):
    list_display = ["__str__", "talk", "state", "progress", "owner", "due_on"]
    list_filter = ["state"]
    search_fields = ["text", "organisation", "speaker_name", "talk__title"]
    autocomplete_fields = ["talk", "owner"]
    raw_id_fields = ["pledge", "recorded_by_speaker"]
    readonly_fields = ["recorded_by", "reminded_on", "created_at", "updated_at"]
    list_select_related = ["talk", "owner"]
    inlines = [NoteInline]
