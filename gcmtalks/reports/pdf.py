"""The branded PDF of a summary report, made with WeasyPrint from the page's own template."""

import base64
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from gcmtalks.talks.models import Talk

from .display import report_context
from .models import SummaryReport

HERE = Path(__file__).resolve().parent
LOGO = HERE.parent / "core" / "static" / "img" / "logo.svg"
STYLESHEET = HERE / "pdf.css"


@cache
def logo() -> str:
    """The logo as a data: URL, read from the file (the PDF fetches nothing over the network)."""
    return "data:image/svg+xml;base64," + base64.b64encode(LOGO.read_bytes()).decode()


def report_html(talk: Talk, report: SummaryReport, language: str) -> str:
    """The page WeasyPrint lays out: in `language`, right to left for Arabic."""
    with translation.override(language):
        context = report_context(talk, report, language)
        return render_to_string("reports/pdf.html", {**context, "logo": logo()})


def report_pdf(talk: Talk, report: SummaryReport, language: str) -> bytes:
    # Imported here: WeasyPrint takes a while to load and only this needs it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    html = report_html(talk, report, language)
    # data: URLs only (the logo): a link typed into the text is never fetched, so rendering
    # reaches neither the network nor the file system.
    fetcher = URLFetcher(allowed_protocols={"data"})
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
