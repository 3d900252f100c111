"""What a reporting pack holds and its PDF (WeasyPrint, like the summary report's PDF).

A pack is made in its own language, whatever the language of the person who asked for it:
the talks of its region and period with the key messages of their published summary reports
(in that language, else in English), the headline figures, every figures table with its
chart, the objective coverage, the practices presented and the pledge intentions voiced
(counts by state, never a name). Everything comes from figures.py and coverage.py, so the
privacy rules of the statistics page hold here too."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmtalks.reports.models import ReportText, SummaryReport
from gcmtalks.reports.pdf import logo
from gcmtalks.reports.queries import text_for
from gcmtalks.talks.models import Talk

from . import charts, coverage, figures
from .coverage import Coverage
from .filters import Filters
from .models import Pack
from .tables import Headline, Table

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "pack.css"

# The steps of making a pack, for its progress bar.
STEPS = ("talks", "figures", "coverage", "layout")


@dataclass
class TalkEntry:
    talk: Talk
    key_messages: str = ""
    language: str = ""  # the language of the key messages ("" when there are none)


@dataclass
class PackContent:
    title: str
    description: str
    made_at: str
    talks: list[TalkEntry] = field(default_factory=list)
    headline: list[Headline] = field(default_factory=list)
    tables: list[tuple[Table, str]] = field(default_factory=list)  # (table, its chart)
    coverage: list[tuple[str, str, Coverage]] = field(default_factory=list)


def pack_filters(pack: Pack) -> Filters:
    return Filters(start=pack.start, end=pack.end, region=pack.region)


def period(start: date, end: date) -> str:
    """ "2025" for a whole calendar year, else "2025-01-01 to 2025-06-30"."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return Filters(start=start, end=end).describe_period()


def title(pack: Pack) -> str:
    """ "GCM Talks — Regional Review pack: Africa, 2025", in the active language."""
    when = period(pack.start, pack.end)
    if pack.kind == Pack.Kind.REGIONAL and pack.region_id:
        return _("GCM Talks — Regional Review pack: %(region)s, %(period)s") % {
            "region": pack.region.name,
            "period": when,
        }
    return _("GCM Talks — Global pack for the Secretary-General's report, %(period)s") % {
        "period": when
    }


def file_name(pack: Pack) -> str:
    where = pack.region.slug if pack.region_id else "global"
    return f"gcm-talks-pack-{where}-{pack.start:%Y%m%d}-{pack.end:%Y%m%d}-{pack.language}.pdf"


def talk_entries(filters: Filters, language: str) -> list[TalkEntry]:
    """The talks in scope in date order, each with its published report's key messages."""
    reports = SummaryReport.objects.filter(status=SummaryReport.Status.PUBLISHED).prefetch_related(
        Prefetch("texts", queryset=ReportText.objects.order_by("language"))
    )
    talks = (
        figures.talks(filters)
        .prefetch_related(Prefetch("summary_report", queryset=reports), "regions")
        .order_by("start", "pk")
    )
    entries = []
    for talk in talks:
        report = getattr(talk, "summary_report", None)
        text = text_for(report, language) if report is not None else None
        if text is not None and text.key_messages.strip():
            entries.append(TalkEntry(talk, text.key_messages, text.language))
        else:
            entries.append(TalkEntry(talk))
    return entries


def pack_content(pack: Pack, progress: Callable[[int], None] = lambda done: None) -> PackContent:
    """Everything the pack shows, in the active language; `progress` hears each step done."""
    filters = pack_filters(pack)
    content = PackContent(
        title=title(pack),
        description=filters.describe(),
        made_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    )
    content.talks = talk_entries(filters, pack.language)
    progress(1)
    content.headline = figures.headline(filters)
    content.tables = [(table, charts.bars(table)) for table in figures.tables(filters)]
    progress(2)
    content.coverage = [
        (_("GCM objectives by region"), "coverage-region", coverage.by_region(filters)),
        (_("GCM objectives by year"), "coverage-year", coverage.by_year(filters)),
    ]
    progress(3)
    return content


def pack_html(pack: Pack, progress: Callable[[int], None] = lambda done: None) -> str:
    with translation.override(pack.language):
        content = pack_content(pack, progress)
        return render_to_string(
            "reporting/pack_pdf.html", {"pack": pack, "content": content, "logo": logo()}
        )


def stylesheet() -> str:
    """pack.css, and the widths of the charts' bars as classes (w-0 … w-100, in percent)."""
    widths = "\n".join(f".w-{n} {{ inline-size: {n}%; }}" for n in range(101))
    return STYLESHEET.read_text(encoding="utf-8") + "\n" + widths


def pack_pdf(pack: Pack, progress: Callable[[int], None] = lambda done: None) -> bytes:
    # Imported here: WeasyPrint takes a while to load and only this needs it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    html = pack_html(pack, progress)
    # data: URLs only (the logo): nothing typed into a report is ever fetched.
    fetcher = URLFetcher(allowed_protocols={"data"})
    css = CSS(string=stylesheet(), url_fetcher=fetcher)
    data = HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[css])
    progress(len(STEPS))
    return data
