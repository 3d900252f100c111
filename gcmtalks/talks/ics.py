"""iCalendar (RFC 5545) for talks: stable UIDs, SEQUENCE, UTC times."""

from datetime import UTC

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from gcmtalks.core.timezones import format_range

from .models import Talk

STATUS = {
    Talk.Status.PUBLISHED: "CONFIRMED",
    Talk.Status.POSTPONED: "TENTATIVE",
    Talk.Status.CANCELLED: "CANCELLED",
}


def talk_uid(talk: Talk) -> str:
    return f"talk-{talk.pk}@gcmtalks"


def location(talk: Talk) -> str:
    place = ", ".join(p for p in (talk.venue, talk.city) if p)
    if talk.format == Talk.Format.ONLINE or not place:
        return _("Online") if talk.format == Talk.Format.ONLINE else place
    if talk.format == Talk.Format.HYBRID:
        return _("%(place)s and online") % {"place": place}
    return place


def description(talk: Talk) -> str:
    lines = [talk.summary] if talk.summary else []
    lines.append(format_range(talk.start, talk.end, settings.CALENDAR_TIME_ZONE))
    if talk.timezone != settings.CALENDAR_TIME_ZONE:
        lines.append(format_range(talk.start, talk.end, talk.timezone))
    languages = ", ".join(str(lang) for lang in talk.interpretation_languages.all())
    if languages:
        lines.append(_("Interpretation: %(languages)s") % {"languages": languages})
    if talk.audience:
        lines.append(_("Audience: %(audience)s") % {"audience": talk.get_audience_display()})
    if talk.chatham_house:
        lines.append(_("Held under the Chatham House Rule."))
    lines.append(settings.SITE_URL + talk.get_absolute_url())
    return "\n".join(lines)


def talk_event(talk: Talk) -> Event:
    event = Event()
    event.add("uid", talk_uid(talk))
    event.add("dtstamp", talk.updated_at.astimezone(UTC))
    event.add("created", talk.created_at.astimezone(UTC))
    event.add("last-modified", talk.updated_at.astimezone(UTC))
    event.add("sequence", talk.sequence)
    event.add("dtstart", talk.start.astimezone(UTC))
    event.add("dtend", talk.end.astimezone(UTC))
    event.add("summary", talk.title)
    event.add("description", description(talk))
    event.add("url", settings.SITE_URL + talk.get_absolute_url())
    event.add("status", STATUS.get(talk.status, "CONFIRMED"))
    place = location(talk)
    if place:
        event.add("location", place)
    event.add("categories", [talk.get_level_display(), *(str(r) for r in talk.regions.all())])
    return event


def calendar_bytes(talks, name: str) -> bytes:
    """The calendar, serialised one event at a time so a large feed never sits in memory
    as a tree of components."""
    cal = Calendar()
    cal.add("prodid", "-//UN Network on Migration//GCM Talks//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    return b"".join([head, *(talk_event(t).to_ical() for t in talks), b"END:VCALENDAR", end])
