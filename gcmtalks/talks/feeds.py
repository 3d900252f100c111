from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.dateformat import format as date_format
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.timezones import format_range, zone

from .queries import public_talks


class TalksFeed(Feed):
    """New and changed talks, most recently changed first."""

    feed_type = Atom1Feed
    title = _("GCM Talks: new and changed talks")
    subtitle = _("The UN Network on Migration's consultations on the Global Compact for Migration.")
    link = "/"

    def items(self):
        return public_talks().order_by("-updated_at")[:50]

    def item_title(self, talk):
        if talk.status in (talk.Status.CANCELLED, talk.Status.POSTPONED):
            return f"{talk.title} ({talk.get_status_display()})"
        return talk.title

    def item_description(self, talk):
        tzname = settings.CALENDAR_TIME_ZONE
        day = talk.start.astimezone(zone(tzname))
        when = format_range(talk.start, talk.end, tzname)
        return f"{date_format(day, 'j F Y')}, {when}. {talk.summary}".strip()

    def item_pubdate(self, talk):
        return talk.created_at

    def item_updateddate(self, talk):
        return talk.updated_at

    def item_guid(self, talk):
        return f"talk-{talk.pk}@gcmtalks"

    item_guid_is_permalink = False
