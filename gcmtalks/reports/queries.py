"""Reads of summary reports, each with the joins its readers need."""

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404
from modeltranslation.utils import build_localized_fieldname

from gcmtalks.core.models import Country
from gcmtalks.panels.models import AgendaItem, Speaker
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from gcmtalks.talks.queries import public_talks

from . import chatham
from .models import SECTIONS, ReportText, SummaryReport

FALLBACK = settings.MODELTRANSLATION_DEFAULT_LANGUAGE  # English
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PARTICIPATING = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED)


def report_of(talk: Talk) -> SummaryReport | None:
    """The talk's report with its texts and justifications, or None."""
    return (
        SummaryReport.objects.filter(talk=talk)
        .prefetch_related("texts", "justifications__by")
        .first()
    )


def texts_by_language(report: SummaryReport | None) -> dict[str, ReportText]:
    """The report's texts, in the order of settings.LANGUAGES."""
    if report is None:
        return {}
    texts = {text.language: text for text in report.texts.all()}
    return {code: texts[code] for code in LANGUAGE_CODES if code in texts}


def text_for(report: SummaryReport, language: str) -> ReportText | None:
    """The text in `language`, else the English one (which a published report always has)."""
    texts = texts_by_language(report)
    return texts.get(language) or texts.get(FALLBACK)


def agenda(talk: Talk) -> list[AgendaItem]:
    speakers = Speaker.objects.order_by("position", "id")
    return list(
        AgendaItem.objects.filter(talk=talk)
        .prefetch_related(Prefetch("speakers", queryset=speakers))
        .order_by("starts_after", "id")
    )


# The Chatham House check.


def names_to_check(talk: Talk) -> list[chatham.Name]:
    """The talk's speakers and registrants, those who voiced pledge intentions, the Member States
    that took part or voiced one (by their names in every language), and the organisations of
    them all."""
    names = []
    organisations = []
    for name, organisation in talk.speakers.values_list("name", "organisation"):
        names.append(chatham.Name(chatham.SPEAKER, name))
        organisations.append(organisation)
    for name, organisation in talk.registrations.values_list("name", "organisation"):
        names.append(chatham.Name(chatham.REGISTRANT, name))
        organisations.append(organisation)
    for name, organisation in talk.intentions.values_list("speaker_name", "organisation"):
        names.append(chatham.Name(chatham.SPEAKER, name))
        organisations.append(organisation)
    states = talk.registrations.filter(status__in=PARTICIPATING, member_state__isnull=False)
    voiced = talk.intentions.filter(member_state__isnull=False)
    fields = [build_localized_fieldname("name", code) for code in LANGUAGE_CODES]
    took_part = Q(pk__in=states.values("member_state")) | Q(pk__in=voiced.values("member_state"))
    for row in Country.objects.filter(took_part).values_list(*fields):
        names += [chatham.Name(chatham.MEMBER_STATE, name) for name in row if name]
    names += [chatham.Name(chatham.ORGANISATION, name) for name in organisations if name]
    return names


AGENDA = "agenda"  # the section name of the agenda's titles, which the report shows too


def texts_to_check(report: SummaryReport, talk: Talk) -> list[tuple[str, str, str]]:
    """(language, section, text) of everything the published report shows that people wrote."""
    texts = [
        (text.language, section, getattr(text, section))
        for text in texts_by_language(report).values()
        for section in SECTIONS
    ]
    titles = talk.agenda_items.exclude(title="").values_list("title", flat=True)
    texts.append(("", AGENDA, "\n".join(titles)))
    return texts


def chatham_findings(report: SummaryReport, talk: Talk) -> list[chatham.Finding]:
    """The names found, for a talk under the Chatham House Rule; none for other talks."""
    if not talk.chatham_house:
        return []
    return chatham.find(texts_to_check(report, talk), names_to_check(talk))


# Public reads.


def published_report(slug: str) -> tuple[Talk, SummaryReport]:
    """A public talk and its published report, or Http404."""
    talk = public_talks().filter(slug=slug).first()
    if talk is None:
        raise Http404
    report = (
        SummaryReport.objects.filter(talk=talk, status=SummaryReport.Status.PUBLISHED)
        .prefetch_related("texts")
        .first()
    )
    if report is None:
        raise Http404
    return talk, report
