"""Every write to summary reports: one transaction, one audit entry, and the public cache
refreshed whenever what the public sees changes. A refused change raises ReportNotAllowed,
whose message says why; the view shows it."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmtalks.core import audit, public_cache
from gcmtalks.recordings.tasks import announce_outcomes_task
from gcmtalks.talks.models import Talk

from . import chatham
from .models import SECTIONS, Justification, ReportText, SummaryReport
from .queries import FALLBACK, LANGUAGE_CODES, chatham_findings, texts_by_language


class ReportNotAllowed(Exception):
    """A change the report or its talk does not allow; the message says why."""


class NamesFound(ReportNotAllowed):
    """The Chatham House check found names that are neither removed nor justified."""

    def __init__(self, findings: list[chatham.Finding]):
        names = sorted({finding.name for finding in findings})
        super().__init__(
            ngettext(
                "The Chatham House check found a name that is neither removed nor justified: "
                "%(names)s.",
                "The Chatham House check found names that are neither removed nor justified: "
                "%(names)s.",
                len(names),
            )
            % {"names": ", ".join(names)}
        )
        self.findings = findings


def unresolved_findings(report: SummaryReport, talk: Talk) -> list[chatham.Finding]:
    justified = report.justifications.values_list("finding", flat=True)
    return chatham.unresolved(chatham_findings(report, talk), justified)


def publish_refusals(talk: Talk, report: SummaryReport | None, now: datetime) -> list[str]:
    """Why the report cannot be published now, the Chatham House check aside."""
    if report is None:
        return [_("Write the report first.")]
    refusals = []
    if report.is_published:
        refusals.append(_("The report is already published."))
    if talk.status != Talk.Status.PUBLISHED:
        refusals.append(_("Only the report of a published talk can be published."))
    elif talk.end > now:
        refusals.append(_("The report can be published once the talk has ended."))
    if FALLBACK not in texts_by_language(report):
        refusals.append(
            _("Write the English text first: it is shown wherever a language is missing.")
        )
    return refusals


def locked_report(talk: Talk) -> SummaryReport | None:
    return SummaryReport.objects.select_for_update().filter(talk=talk).first()


def sections_of(text: ReportText | None, language: str) -> dict:
    """The text's sections as an audit entry keeps them: "fr.context", …"""
    if text is None:
        return {}
    return {f"{language}.{name}": getattr(text, name) for name in SECTIONS}


def require_clean_check(report: SummaryReport, talk: Talk) -> None:
    findings = unresolved_findings(report, talk)
    if findings:
        raise NamesFound(findings)


def report_text_save(*, talk: Talk, language: str, sections: dict, by) -> ReportText:
    """Write the report's text in one language, creating the report if needed. A published
    report of a talk under the Chatham House Rule is checked again before the change is kept."""
    if language not in LANGUAGE_CODES:
        raise ReportNotAllowed(_("Reports are written in the six UN languages only."))
    values = {name: (sections.get(name) or "").strip() for name in SECTIONS}
    if not any(values.values()):
        raise ReportNotAllowed(_("Write at least one section."))
    with transaction.atomic():
        # get_or_create survives two first saves at once; then the row is the report's lock.
        report, created = SummaryReport.objects.get_or_create(talk=talk)
        if created:
            audit.record(obj=report, action="report.create", by=by)
        report = locked_report(talk)
        text = report.texts.filter(language=language).first()
        before = sections_of(text, language)
        text = text or ReportText(report=report, language=language)
        for name, value in values.items():
            setattr(text, name, value)
        changes = audit.diff(before, sections_of(text, language))
        if not changes:
            return text
        text.updated_by = by if getattr(by, "is_authenticated", False) else None
        text.save()
        if report.is_published:
            require_clean_check(report, talk)  # raising undoes the save
            transaction.on_commit(public_cache.bump)
        report.save(update_fields=["updated_at"])
        audit.record(obj=report, action="report.text_save", by=by, changes=changes)
    return text


def report_text_remove(*, talk: Talk, language: str, by) -> None:
    with transaction.atomic():
        report = locked_report(talk)
        text = report.texts.filter(language=language).first() if report else None
        if text is None:
            raise ReportNotAllowed(_("The report has no text in that language."))
        if report.is_published and language == FALLBACK:
            raise ReportNotAllowed(
                _("A published report keeps its English text. Put the report back to draft first.")
            )
        changes = audit.diff(sections_of(text, language), {})
        text.delete()
        report.save(update_fields=["updated_at"])
        audit.record(obj=report, action="report.text_remove", by=by, changes=changes)
        if report.is_published:
            transaction.on_commit(public_cache.bump)


def report_justify(*, talk: Talk, key: str, reason: str, by) -> Justification:
    """Keep a name the Chatham House check found, for the reason given (audited)."""
    reason = reason.strip()
    if not reason:
        raise ReportNotAllowed(_("Give the reason the name may stay in the report."))
    with transaction.atomic():
        report = locked_report(talk)
        found = report and next(
            (g for g in chatham.grouped(chatham_findings(report, talk)) if g.key == key), None
        )
        if not found:
            raise ReportNotAllowed(_("That name is no longer in the report: nothing to justify."))
        kinds = ", ".join(found.kinds)
        justification = report.justifications.filter(finding=key).first()
        before = {"reason": justification.reason} if justification else {}
        justification = justification or Justification(report=report, finding=key)
        justification.name, justification.kind, justification.reason = found.name, kinds, reason
        justification.by = by if getattr(by, "is_authenticated", False) else None
        justification.save()
        changes = audit.diff({"name": None, **before}, {"name": found.name, "reason": reason})
        changes["kind"] = [None, kinds]
        audit.record(obj=report, action="report.justify", by=by, changes=changes)
    return justification


def report_publish(*, talk: Talk, by) -> SummaryReport:
    """Publish the report: only after the talk, with an English text and, for a talk under the
    Chatham House Rule, once every name found is removed or justified."""
    now = timezone.now()
    with transaction.atomic():
        report = locked_report(talk)
        refusals = publish_refusals(talk, report, now)
        if refusals:
            raise ReportNotAllowed(refusals[0])
        require_clean_check(report, talk)
        report.status = SummaryReport.Status.PUBLISHED
        report.published_at, report.published_by = now, by
        report.save()
        changes = audit.diff(
            {"status": SummaryReport.Status.DRAFT},
            {"status": report.status, "published_at": now},
        )
        audit.record(obj=report, action="report.publish", by=by, changes=changes)
        transaction.on_commit(public_cache.bump)
        transaction.on_commit(lambda: tell_registrants(report))
    return report


def tell_registrants(report: SummaryReport) -> None:
    """Registrants of the talk are told in a task, which writes one mail per person once
    (recordings/announce.py tells of the report and the recording alike)."""
    announce_outcomes_task.enqueue(talk_id=report.talk_id)


def report_unpublish(*, talk: Talk, by) -> SummaryReport:
    """Back to draft: the public pages answer 404 again."""
    with transaction.atomic():
        report = locked_report(talk)
        if report is None or not report.is_published:
            raise ReportNotAllowed(_("The report is not published."))
        before = {"status": report.status, "published_at": report.published_at}
        report.status = SummaryReport.Status.DRAFT
        report.published_at, report.published_by = None, None
        report.save()
        changes = audit.diff(before, {"status": report.status, "published_at": None})
        audit.record(obj=report, action="report.unpublish", by=by, changes=changes)
        transaction.on_commit(public_cache.bump)
    return report
