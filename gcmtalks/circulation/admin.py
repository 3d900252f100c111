from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmtalks.core.admin import ReadOnlyAdmin

from .models import Subscriber
from .services import subscription_end


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    """Subscribers, read-only: they change their own choices. The secretariat can unsubscribe
    an address (e.g. on a mail to the List-Unsubscribe mailto), which deletes it."""

    list_display = ["email", "language", "confirmed_at", "weekly_digest", "announcements",
                    "created_at", "digest_week"]  # fmt: skip
    list_filter = ["language", "weekly_digest", "announcements",
                   ("confirmed_at", admin.EmptyFieldListFilter)]  # fmt: skip
    search_fields = ["email"]
    fields = ["email", "language", "weekly_digest", "announcements", "regions", "organisers",
              "languages", "objectives", "created_at", "confirmed_at", "link_sent_at",
              "digest_week", "digest_since"]  # fmt: skip
    readonly_fields = fields
    actions = ["unsubscribe"]

    def has_unsubscribe_permission(self, request):
        return request.user.has_perm("circulation.delete_subscriber")

    @admin.action(description=_("Unsubscribe (deletes the address)"), permissions=["unsubscribe"])
    def unsubscribe(self, request, queryset):
        count = 0
        for subscriber in queryset:
            subscription_end(subscriber=subscriber, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%d address unsubscribed.", "%d addresses unsubscribed.", count) % count,
            messages.SUCCESS,
        )
