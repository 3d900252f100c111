from django import forms
from django.contrib import admin

from .models import Captions, Recording, Transcript
from .services import recording_delete, recording_refusals, recording_save


class RecordingAdminForm(forms.ModelForm):
    class Meta:
        model = Recording
        fields = ["talk", "url", "access", "transcript_access"]

    def clean(self):
        data = super().clean()
        talk = data.get("talk") or getattr(self.instance, "talk", None)
        if talk is None:
            return data
        errors = recording_refusals(
            talk=talk,
            url=data.get("url") or self.data.get("url", ""),
            access=data.get("access", ""),
            transcript_access=data.get("transcript_access", ""),
        )
        for field, reason in errors.items():
            if field not in self.errors:
                self.add_error(field or None, reason)
        return data


class FileInline(admin.TabularInline):
    """Files are added and removed in the workspace, where they are checked."""

    extra = 0
    fields = readonly_fields = ["language", "file_name", "content_type", "size", "uploaded_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CaptionsInline(FileInline):
    model = Captions


class TranscriptInline(FileInline):
    model = Transcript


@admin.register(Recording)
class RecordingAdmin(admin.ModelAdmin):
    form = RecordingAdminForm
    list_display = ["talk", "host", "access", "transcript_access", "status", "published_at"]
    list_filter = ["status", "host", "access"]
    search_fields = ["talk__title", "url"]
    autocomplete_fields = ["talk"]
    readonly_fields = ["host", "status", "published_at", "created_at", "updated_at"]
    inlines = [CaptionsInline, TranscriptInline]
    # Publishing is done on the talk's recording page in the workspace.

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "talk"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = recording_save(
            talk=obj.talk,
            by=request.user,
            url=obj.url,
            access=obj.access,
            transcript_access=obj.transcript_access,
        )
        obj.pk, obj.host, obj.status = saved.pk, saved.host, saved.status

    def delete_model(self, request, obj):
        recording_delete(recording=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for recording in queryset:
            recording_delete(recording=recording, by=request.user)
