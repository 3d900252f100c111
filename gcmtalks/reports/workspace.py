"""The summary report in the organisers' workspace: its overview (languages, status, the
Chatham House check, participation figures), writing it in each language, justifying a name
the check found, publishing. Every change goes through a service in services.py; a refused
one becomes a message."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace import manages_talk
from gcmtalks.talks.workspace_queries import moment

from . import chatham, queries
from .display import language_name, section_label
from .figures import participation
from .forms import JustificationForm, ReportTextForm
from .models import SummaryReport
from .services import (
    ReportNotAllowed,
    publish_refusals,
    report_justify,
    report_publish,
    report_text_remove,
    report_text_save,
    report_unpublish,
)
from .views import chosen_language, pdf_response

ACTIONS = {
    "report.create": gettext_lazy("Started"),
    "report.text_save": gettext_lazy("Text written"),
    "report.text_remove": gettext_lazy("Language removed"),
    "report.justify": gettext_lazy("Name justified"),
    "report.publish": gettext_lazy("Published"),
    "report.unpublish": gettext_lazy("Back to draft"),
}


def to_overview(talk: Talk):
    return redirect("reports_workspace:report", slug=talk.slug)


def refused(request, error: Exception) -> None:
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})


def known_language(language: str) -> str:
    if language not in queries.LANGUAGE_CODES:
        raise Http404
    return language


def person(user) -> str:
    if user is None:
        return _("The system")
    return user.get_full_name() or user.username


def history(report: SummaryReport | None) -> list[dict]:
    if report is None:
        return []
    entries = AuditEntry.objects.filter(
        object_type=SummaryReport._meta.label_lower, object_id=str(report.pk)
    ).select_related("actor")
    return [
        {
            "at": entry.at,
            "when": moment(entry.at),
            "action": ACTIONS.get(entry.action, entry.action),
            "actor": person(entry.actor),
            "name": (entry.changes.get("name") or [None, ""])[1],
            "reason": (entry.changes.get("reason") or [None, ""])[1],
        }
        for entry in entries
    ]


def check_results(report, talk, bound: JustificationForm | None) -> list[dict]:
    """The names found, each with where, its justification if any, and a form to give one."""
    if report is None:
        return []
    justified = {j.finding: j for j in report.justifications.all()}
    results = []
    for number, group in enumerate(chatham.grouped(queries.chatham_findings(report, talk))):
        form = JustificationForm(initial={"key": group.key}, auto_id=f"justify-{number}-%s")
        if bound is not None and bound.data.get("key") == group.key:
            bound.auto_id = f"justify-{number}-%s"
            form = bound
        justification = justified.get(group.key)
        results.append(
            {
                "name": group.name,
                "kinds": [chatham.KINDS.get(kind, kind) for kind in group.kinds],
                "places": [
                    (language_name(language) if language else _("All languages"),
                     section_label(section))
                    for language, section in group.places
                ],
                "justification": justification,
                "when": moment(justification.at) if justification else "",
                "who": person(justification.by) if justification else "",
                "form": form,
            }
        )  # fmt: skip
    return results


def overview_context(talk: Talk, bound: JustificationForm | None = None) -> dict:
    report = queries.report_of(talk)
    texts = queries.texts_by_language(report)
    results = check_results(report, talk, bound)
    refusals = publish_refusals(talk, report, timezone.now())
    if any(result["justification"] is None for result in results):
        refusals.append(_("Remove or justify each name the Chatham House check found."))
    return {
        "talk": talk,
        "report": report,
        "languages": [
            {
                "code": code,
                "name": language_name(code),
                "text": texts.get(code),
                "when": moment(texts[code].updated_at) if code in texts else "",
            }
            for code in queries.LANGUAGE_CODES
        ],
        "results": results,
        "refusals": refusals,
        "figures": participation(talk),
        "history": history(report),
    }


# Views.


@require_GET
@manages_talk
def overview(request, talk: Talk):
    return render(request, "reports/workspace/overview.html", overview_context(talk))


@require_http_methods(["GET", "POST"])
@manages_talk
def edit(request, talk: Talk, language: str):
    language = known_language(language)
    report = queries.report_of(talk)
    text = queries.texts_by_language(report).get(language)
    data = request.POST if request.method == "POST" else None
    form = ReportTextForm(data, instance=text, language=language)
    if form.is_bound and form.is_valid():
        try:
            report_text_save(
                talk=talk, language=language, sections=form.cleaned_data, by=request.user
            )
        except ReportNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The %(language)s text is saved.") % {"language": language_name(language)},
            )
            return to_overview(talk)
    english = queries.texts_by_language(report).get(queries.FALLBACK)
    context = {
        "talk": talk,
        "report": report,
        "form": form,
        "language": language,
        "language_name": language_name(language),
        "english": english if language != queries.FALLBACK else None,
    }
    return render(request, "reports/workspace/edit.html", context)


@require_http_methods(["GET", "POST"])
@manages_talk
def remove(request, talk: Talk, language: str):
    language = known_language(language)
    if request.method == "POST":
        try:
            report_text_remove(talk=talk, language=language, by=request.user)
        except ReportNotAllowed as error:
            refused(request, error)
        else:
            messages.success(
                request,
                _("The %(language)s text is removed.") % {"language": language_name(language)},
            )
        return to_overview(talk)
    text = queries.texts_by_language(queries.report_of(talk)).get(language)
    if text is None:
        raise Http404
    context = {"talk": talk, "language": language, "language_name": language_name(language)}
    return render(request, "reports/workspace/remove.html", context)


@require_POST
@manages_talk
def justify(request, talk: Talk):
    form = JustificationForm(request.POST)
    if form.is_valid():
        try:
            justification = report_justify(
                talk=talk,
                key=form.cleaned_data["key"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ReportNotAllowed as error:
            refused(request, error)
        else:
            messages.success(
                request,
                _("“%(name)s” may stay in the report; your reason is kept in its history.")
                % {"name": justification.name},
            )
        return to_overview(talk)
    messages.error(request, _("Nothing was changed: give the reason the name may stay."))
    return render(request, "reports/workspace/overview.html", overview_context(talk, form))


@require_POST
@manages_talk
def publish(request, talk: Talk):
    try:
        report_publish(talk=talk, by=request.user)
    except ReportNotAllowed as error:
        refused(request, error)
    else:
        messages.success(request, _("The summary report is published."))
    return to_overview(talk)


@require_POST
@manages_talk
def unpublish(request, talk: Talk):
    try:
        report_unpublish(talk=talk, by=request.user)
    except ReportNotAllowed as error:
        refused(request, error)
    else:
        messages.success(
            request, _("The summary report is a draft again: the public no longer sees it.")
        )
    return to_overview(talk)


@require_GET
@manages_talk
def preview_pdf(request, talk: Talk):
    """The PDF as it would be published, draft or not."""
    report = queries.report_of(talk)
    if report is None or not queries.texts_by_language(report):
        raise Http404
    return pdf_response(talk, report, chosen_language(request))
