from django.contrib import admin

from gcmtalks.core.admin import ReadOnlyAdmin

from .models import Message, Proposal, Score, Speaker


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    can_delete = False
    readonly_fields = ["name", "organisation", "role", "gender", "migrant", "diaspora", "youth"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "author", "text", "created_at"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    can_delete = False
    readonly_fields = ["reviewer", *Score.CRITERIA, "note"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "workstream", "status", "submitted_at"]
    list_filter = ["status", "workstream"]
    search_fields = ["title", "organisation__name"]
    inlines = [SpeakerInline, MessageInline, ScoreInline]
    # Changes go through the proposer's pages and the workspace, which check the state and
    # write the audit entry and the mail.
