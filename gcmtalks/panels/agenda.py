"""An agenda's time slots as clock times in the talk's zone, each with the zone's name at
that moment ("10:00–10:15 CET"), so a slot across a change to summer time reads right."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmtalks.core.timezones import city, utc_offset, zone

from .models import AgendaItem


def abbreviation(moment: datetime) -> str:
    """'CET', or 'UTC+4' where the zone has no letter abbreviation."""
    name = moment.tzname() or ""
    return utc_offset(moment) if not name or name[0] in "+-" else name


def slot_times(talk, starts_after: int, minutes: int) -> tuple[datetime, datetime]:
    """The slot's start and end in the talk's zone (elapsed minutes, as clocks change)."""
    tz = zone(talk.timezone)
    start = talk.start + timedelta(minutes=starts_after)
    return start.astimezone(tz), (start + timedelta(minutes=minutes)).astimezone(tz)


def slot_label(talk, starts_after: int, minutes: int) -> str:
    start, end = slot_times(talk, starts_after, minutes)
    first, last = abbreviation(start), abbreviation(end)
    if first == last:
        text = f"{start:%H:%M}–{end:%H:%M} {last}"
    else:
        text = f"{start:%H:%M} {first}–{end:%H:%M} {last}"
    days = (end.date() - talk.start.astimezone(zone(talk.timezone)).date()).days
    if days:
        text += " " + ngettext("(+%(days)s day)", "(+%(days)s days)", days) % {"days": days}
    return text


def talk_minutes(talk) -> int:
    return int((talk.end - talk.start).total_seconds() // 60)


def zone_caption(talk) -> str:
    return _("Times are %(city)s time (%(zone)s).") % {
        "city": city(talk.timezone),
        "zone": talk.timezone,
    }


@dataclass(frozen=True, slots=True)
class Slot:
    item: AgendaItem
    label: str
    start: datetime
    speakers: list = field(default_factory=list)
    overruns: bool = False


def slots(talk, items) -> list[Slot]:
    """The items (speakers prefetched) as slots, in order."""
    length = talk_minutes(talk)
    result = []
    for item in items:
        start, _end = slot_times(talk, item.starts_after, item.minutes)
        result.append(
            Slot(
                item=item,
                label=slot_label(talk, item.starts_after, item.minutes),
                start=start,
                speakers=list(item.speakers.all()),
                overruns=item.starts_after + item.minutes > length,
            )
        )
    return result
