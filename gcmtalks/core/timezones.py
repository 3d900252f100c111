"""Time helpers: times are stored in UTC and always shown with their zone."""

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# Zones named after the city the Network thinks of, not the one the tz database chose.
CITY_OF_ZONE = {"Europe/Zurich": gettext_lazy("Geneva")}


@cache
def known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_timezone(value: str) -> None:
    if value not in known_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Zurich or Africa/Cairo."),
            params={"value": value},
            code="invalid_timezone",
        )


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def city(tzname: str) -> str:
    return str(CITY_OF_ZONE.get(tzname) or tzname.rsplit("/", 1)[-1].replace("_", " "))


def utc_offset(moment: datetime) -> str:
    """'UTC+2', 'UTC+5:30', 'UTC-3', 'UTC'."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(moment: datetime) -> str:
    """'CEST, UTC+2', or just 'UTC+4' where the zone has no letter abbreviation."""
    offset = utc_offset(moment)
    abbreviation = moment.tzname() or ""
    if not abbreviation or abbreviation[0] in "+-" or abbreviation == "UTC":
        return offset
    return f"{abbreviation}, {offset}"


def local_range(start: datetime, end: datetime, tzname: str) -> dict:
    """The parts a template needs to show a talk's time in one zone."""
    tz = zone(tzname)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    days_later = (local_end.date() - local_start.date()).days
    return {
        "start": local_start,
        "end": local_end,
        "days_later": days_later,
        "city": city(tzname),
        "zone_label": zone_label(local_start),
    }


def format_range(start: datetime, end: datetime, tzname: str, isolate=str) -> str:
    """'15:00–16:30 Geneva time (CEST, UTC+2)'. `isolate` wraps the clock times, e.g. in
    <bdi dir="ltr"> so they read left to right inside Arabic text."""
    parts = local_range(start, end, tzname)
    text = f"{parts['start']:%H:%M}–{parts['end']:%H:%M}"
    if parts["days_later"]:
        days = parts["days_later"]
        text += " " + ngettext("(+%(days)s day)", "(+%(days)s days)", days) % {"days": days}
    return _("%(range)s %(city)s time (%(zone)s)") % {
        "range": isolate(text),
        "city": parts["city"],
        "zone": isolate(parts["zone_label"]),
    }


def to_utc(local: datetime, tzname: str) -> datetime:
    """A naive wall-clock time in `tzname` as an aware UTC datetime."""
    return local.replace(tzinfo=zone(tzname)).astimezone(UTC)


def default_end(start: datetime, minutes: int) -> datetime:
    return start + timedelta(minutes=minutes)


def geneva_day(moment: datetime) -> date:
    """The calendar's day (in its home zone) of a moment: what "due on" dates are counted in."""
    return moment.astimezone(zone(settings.CALENDAR_TIME_ZONE)).date()
