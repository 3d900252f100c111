"""The published summary report: a web page in the page's language (English where it has no
text in it) and a PDF per language."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from gcmtalks.core.middleware import cache_publicly

from .display import report_context
from .pdf import report_pdf
from .queries import LANGUAGE_CODES, published_report


def pdf_url(talk, language: str) -> str:
    return f"{reverse('reports:pdf', kwargs={'slug': talk.slug})}?lang={language}"


@require_safe
def report(request, slug):
    talk, summary = published_report(slug)
    language = get_language()
    context = report_context(talk, summary, language)
    context["versions"] = [
        (code, name, translate_url(request.path, code), pdf_url(talk, code))
        for code, name in context["languages"]
    ]
    context["pdf_url"] = pdf_url(talk, context["shown_language"] or language)
    cache_publicly(request)
    return render(request, "reports/report.html", context)


def pdf_response(talk, summary, language: str, disposition: str = "inline") -> HttpResponse:
    response = HttpResponse(report_pdf(talk, summary, language), content_type="application/pdf")
    filename = f"{talk.slug}-report-{language}.pdf"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def chosen_language(request) -> str:
    """?lang=xx when it is one of the site's languages, else the page's language."""
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else get_language()


@require_safe
def pdf(request, slug):
    talk, summary = published_report(slug)
    response = pdf_response(talk, summary, chosen_language(request))
    cache_publicly(request)
    return response
