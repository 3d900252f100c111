from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmtalks.core.admin import ReadOnlyAdmin

from .models import OutgoingMail
from .services import mail_retry_now


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdmin):
    """The outbox, read-only: mail is written by the services that send it."""

    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at",
                    "next_attempt_at", "last_error"]  # fmt: skip
    list_filter = ["status", "language", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    fields = ["key", "to", "subject", "language", "headers", "text", "html", "attachment_names",
              "status", "attempts", "last_error", "created_at", "sent_at", "next_attempt_at"]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("attachments"))
    def attachment_names(self, mail):
        return ", ".join(a["filename"] for a in mail.attachments) or "—"

    def has_retry_permission(self, request):
        # The rows are read-only; sending again needs the right to change outgoing mail.
        return request.user.has_perm("notifications.change_outgoingmail")

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        retried = sum(mail_retry_now(mail=mail, by=request.user) for mail in queryset)
        self.message_user(
            request,
            ngettext("%d mail will be sent again.", "%d mails will be sent again.", retried)
            % retried,
            messages.SUCCESS,
        )
        if skipped := queryset.count() - retried:
            self.message_user(
                request,
                ngettext("%d mail was already sent.", "%d mails were already sent.", skipped)
                % skipped,
                messages.WARNING,
            )
