"""What the calendar and the talk page show of a talk, computed once in Python.

Templates only place these values; keeping the logic here keeps a 2,000-row calendar fast.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gcmtalks.core.timezones import format_range, zone

from .models import Talk


def ltr(text) -> SafeString:
    """Clock times read left to right, also inside Arabic text."""
    return format_html('<bdi dir="ltr">{}</bdi>', text)


def time_html(talk: Talk, tzname: str) -> SafeString:
    # Safe: the zone name is a validated IANA name and the clock parts are escaped by ltr().
    return mark_safe(format_range(talk.start, talk.end, tzname, isolate=ltr))  # noqa: S308


def registration(talk: Talk, is_past: bool) -> tuple[str, str]:
    """(label, link) for the registration column."""
    mode = Talk.Registration
    if talk.status == Talk.Status.CANCELLED:
        return _("Cancelled"), ""
    if is_past or talk.registration_mode == mode.CLOSED:
        return _("Closed"), ""
    if talk.registration_mode == mode.EXTERNAL:
        return _("Register"), talk.registration_url
    if talk.registration_mode == mode.OPEN:
        return _("Register"), reverse("registrations:register", kwargs={"slug": talk.slug})
    return _("Not yet open"), ""


@dataclass(frozen=True, slots=True)
class TalkView:
    talk: Talk
    url: str
    day: date
    is_past: bool
    time_main: SafeString
    time_local: SafeString | str
    registration: tuple[str, str]
    meta: str
    info: tuple[tuple[str, str], ...] = ()  # (label, link): "More information / Recording"
    report: str = ""  # link to the summary report
    practices: int = 0  # accepted Hub practices presented at the talk


def outcomes(talk: Talk, briefs=()) -> tuple[tuple[tuple[str, str], ...], str]:
    """The calendar's "More information / Recording" links and its summary report link: the
    published public concept note and agenda (`briefs`, from documents.queries), the
    recording and the report when published here (annotations of queries.calendar_talks),
    else the links the secretariat typed."""
    info = [(brief.kind_label, brief.url) for brief in briefs]
    if getattr(talk, "has_recording", False):
        info.append((_("Recording"), talk.get_absolute_url() + "#recording"))
    if talk.info_url:
        info.append((_("Information and recording"), talk.info_url))
    if getattr(talk, "has_report", False):
        report = reverse("reports:report", kwargs={"slug": talk.slug})
    else:
        report = talk.report_url
    return tuple(info), report


def talk_rows(talks, now: datetime) -> list[TalkView]:
    """The calendar's rows, with their outcome links and Hub practices (three more queries
    for any number)."""
    from gcmtalks.documents.queries import page_language, public_briefs
    from gcmtalks.hub.queries import accepted_counts

    from .queries import with_calendar_relations

    talks = with_calendar_relations(talks)
    ids = [talk.pk for talk in talks]
    briefs = public_briefs(ids, page_language()) if talks else {}
    practices = accepted_counts(ids) if talks else {}
    return [
        talk_view(talk, now, briefs.get(talk.pk, ()), practices.get(talk.pk, 0)) for talk in talks
    ]


def talk_view(talk: Talk, now: datetime, briefs=(), practices: int = 0) -> TalkView:
    home = settings.CALENDAR_TIME_ZONE
    is_past = talk.end < now
    meta = [talk.get_format_display()] if talk.format else []
    meta.append(talk.get_level_display())
    meta += [str(region) for region in talk.regions.all()]
    if talk.series_id:
        meta.append(str(talk.series))
    info, report = outcomes(talk, briefs)
    return TalkView(
        talk=talk,
        url=talk.get_absolute_url(),
        day=talk.start.astimezone(zone(home)).date(),
        is_past=is_past,
        time_main=time_html(talk, home),
        time_local=time_html(talk, talk.timezone) if talk.timezone != home else "",
        registration=registration(talk, is_past),
        meta=" · ".join(meta),
        info=info,
        report=report,
        practices=practices,
    )
