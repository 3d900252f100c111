"""What the report's web page and PDF show, computed once for both."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from gcmtalks.core.language_names import language_name
from gcmtalks.core.timezones import city, local_range
from gcmtalks.panels.models import AgendaItem
from gcmtalks.talks.display import talk_view
from gcmtalks.talks.models import Talk

from . import queries
from .figures import participation
from .models import ReportText, SummaryReport


def section_label(name: str) -> str:
    if name == queries.AGENDA:
        return _("Agenda")
    return str(ReportText._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class AgendaRow:
    time: str  # "15:10–15:40", in the calendar's zone
    part: str
    title: str
    speakers: list[str] = field(default_factory=list)


def agenda_rows(talk: Talk, items: list[AgendaItem]) -> tuple[str, list[AgendaRow]]:
    """(the zone the times are in, the rows). Under the Chatham House Rule nobody is named."""
    home = settings.CALENDAR_TIME_ZONE
    rows = []
    for item in items:
        start = talk.start + timedelta(minutes=item.starts_after)
        parts = local_range(start, start + timedelta(minutes=item.minutes), home)
        speakers = []
        if not talk.chatham_house:
            speakers = [
                f"{s.name} ({s.organisation})" if s.organisation else s.name
                for s in item.speakers.all()
            ]
        rows.append(
            AgendaRow(
                time=f"{parts['start']:%H:%M}–{parts['end']:%H:%M}",
                part=item.get_kind_display(),
                title=item.title,
                speakers=speakers,
            )
        )
    zone = ""
    if items:
        parts = local_range(talk.start, talk.end, home)
        zone = _("Times are %(city)s time (%(zone)s).") % {
            "city": city(home),
            "zone": parts["zone_label"],
        }
    return zone, rows


def report_context(talk: Talk, report: SummaryReport, language: str) -> dict:
    """The report in `language`, or in English when it has no text in that language."""
    text = queries.text_for(report, language)
    zone, agenda = agenda_rows(talk, queries.agenda(talk))
    return {
        "talk": talk,
        "report": report,
        "display": talk_view(talk, timezone.now()),
        "text": text,
        "language": language,
        "shown_language": text.language if text else "",
        "shown_language_name": language_name(text.language) if text else "",
        "text_dir": "rtl" if text and get_language_info(text.language)["bidi"] else "ltr",
        "requested_language_name": language_name(language),
        "languages": [(code, language_name(code)) for code in queries.texts_by_language(report)],
        "agenda": agenda,
        "agenda_zone": zone,
        "figures": participation(talk),
    }
