from django import template
from django.urls import reverse

from gcmtalks.reports.models import SummaryReport
from gcmtalks.reports.queries import texts_by_language

register = template.Library()


def report_or_none(talk) -> SummaryReport | None:
    try:
        return talk.summary_report
    except SummaryReport.DoesNotExist:
        return None


@register.inclusion_tag("reports/_workspace_section.html")
def workspace_report(talk):
    """The summary report's section on the talk's workspace page."""
    report = report_or_none(talk)
    return {"talk": talk, "report": report, "languages": texts_by_language(report)}


@register.inclusion_tag("reports/_talk_report.html")
def talk_report(talk):
    """The link to the published summary report (web page and PDF) on the public talk page."""
    return {"talk": talk, "url": published_report_url(talk)}


def published_report_url(talk) -> str:
    """The public address of the talk's published summary report, or "". Uses the talk's
    `has_report` annotation (talks.queries.outcome_flags) when it has one."""
    published = getattr(talk, "has_report", None)
    if published is None:
        report = report_or_none(talk)
        published = report is not None and report.is_published
    return reverse("reports:report", kwargs={"slug": talk.slug}) if published else ""
