"""The statistics page in a real browser: the secretariat sees charts with their tables,
filters by region and year (the figures change), downloads the XLSX and asks for a PDF pack,
waits for it and downloads it. The page is also checked by axe-core in English and Arabic,
with its charts mirrored right to left."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from gcmtalks.reports.models import ReportText, SummaryReport
from gcmtalks.talks.models import Talk
from tests.browser.test_accessibility import assert_accessible
from tests.factories import StaffFactory, TalkFactory, utc
from tests.reporting.dataset import build
from tests.smtp import run_tasks

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KEY_MESSAGE = "Remittance costs must fall below three per cent."


@pytest.fixture
def data(db):
    build(talks=60, registrations=3_000, practices=100, intentions=100)
    talk = TalkFactory(slug="remittances-africa", title="Cheaper remittances in Africa",
                       level=Talk.Level.REGIONAL, start=utc(2025, 3, 4, 12),
                       end=utc(2025, 3, 4, 14), region_slugs=["africa"])  # fmt: skip
    report = SummaryReport.objects.create(
        talk=talk, status=SummaryReport.Status.PUBLISHED, published_at=utc(2025, 3, 20)
    )
    ReportText.objects.create(report=report, language="en", key_messages=KEY_MESSAGE)
    return StaffFactory(username="secretariat", first_name="Sam", last_name="Secretariat")


def total_talks(page) -> int:
    """The "Total" of the talks-by-status table, as the page shows it."""
    cell = page.locator("#table-talks-by-status tfoot td").first
    return int(cell.inner_text().replace(",", ""))


def talks_published(region: str | None, year: int | None) -> int:
    talks = Talk.objects.exclude(status=Talk.Status.DRAFT)
    if region:
        talks = talks.filter(regions__slug=region)
    if year:  # in Geneva time: 23:00 UTC on 31 December is already the next year
        talks = talks.filter(start__gte=utc(year - 1, 12, 31, 23), start__lt=utc(year, 12, 31, 23))
    return talks.distinct().count()


def test_statistics_filters_exports_and_a_pack(data, site, signed_in_page, tmp_path):
    page = signed_in_page(data)
    page.goto(f"{site}/manage/")
    page.get_by_role("link", name="Statistics and reporting packs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics")

    # Charts with their tables, named for assistive technology.
    figure = page.locator("figure#talks-by-status")
    expect(figure.get_by_role("img")).to_be_visible()
    expect(figure.get_by_role("img")).to_have_accessible_name(
        re.compile("^Chart: Talks held, scheduled, postponed and cancelled")
    )
    expect(figure.get_by_role("table")).to_be_visible()
    assert page.locator("svg.chart").count() >= 10
    assert total_talks(page) == talks_published(None, None)

    # Filter by region and year: the figures change to those of Africa in 2025.
    page.get_by_label("Region", exact=True).first.select_option("africa")
    page.get_by_label("Year").first.fill("2025")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator("#filter-summary")).to_contain_text("Africa, 2025-01-01 to 2025-12-31")
    africa = talks_published("africa", 2025)
    assert total_talks(page) == africa < talks_published(None, None)

    # A wrong period is refused next to its field.
    page.get_by_label("Until").first.fill("2024-01-01")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator("#id_end_error")).to_have_text("The period ends before it starts.")
    expect(page.get_by_label("Until").first).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Until").first.fill("")
    page.get_by_label("From").first.fill("")
    page.get_by_role("button", name="Show the figures").click()
    assert total_talks(page) == africa

    # The XLSX holds the same figures.
    with page.expect_download() as download:
        page.get_by_role("link", name="Every table (XLSX, one sheet per table)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    rows = [list(row) for row in book["talks-by-status"].iter_rows(values_only=True)]
    assert "Africa" in rows[1][0] and "2025" in rows[1][0]
    assert ["Total", africa] in rows

    # The pack for Africa in 2025, started from the same filters.
    packs = page.locator("form.pack-form")
    packs.get_by_label("Regional Review pack (one region)").check()
    expect(packs.get_by_label("Region", exact=True)).to_have_value("africa")
    packs.get_by_label("Language of the pack").select_option("en")
    packs.get_by_role("button", name="Make the pack").click()
    expect(page.locator("#pack-progress")).to_contain_text("step 0 of 4")
    run_tasks()  # what `manage.py db_worker` does
    expect(page.locator("#pack-progress")).to_contain_text("The pack is ready.", timeout=15_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack (PDF)").click()
    assert download.value.suggested_filename == ("gcm-talks-pack-africa-20250101-20251231-en.pdf")
    path = Path(download.value.path())
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    line = re.sub(r"-\s+", "-", " ".join(text.split()))
    assert "GCM Talks — Regional Review pack: Africa, 2025" in line
    assert KEY_MESSAGE in line and "Cheaper remittances in Africa" in line
    held = re.search(r"Talks held\s+(\d+)", text)
    assert held and int(held.group(1)) > 0
    assert f"Total {africa}" in line  # the talks-by-status table


# Where the chart's labels and bars are drawn: [left, right] on the screen.
GEOMETRY = """svg => {
    const edges = el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; };
    const box = svg.getBoundingClientRect();
    return {left: box.left, width: box.width,
            labels: [...svg.querySelectorAll('text.chart-label')].map(edges),
            bars: [...svg.querySelectorAll('rect.chart-bar')].map(edges)};
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_statistics_page_is_accessible_and_mirrored(language, data, site, signed_in_page):
    page = signed_in_page(data)
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{site}{prefix}/manage/statistics/?year=2025")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    chart = page.locator("figure#talks-by-region svg.chart")
    shape = chart.evaluate(GEOMETRY)
    middle = shape["left"] + shape["width"] / 2
    labels, bars = shape["labels"], [bar for bar in shape["bars"] if bar[1] - bar[0] > 10]
    assert labels and bars
    if language == "ar":  # labels on the right, bars growing leftwards from them
        assert min(left for left, _right in labels) > middle
        assert max(right for _left, right in bars) <= min(left for left, _right in labels)
    else:
        assert max(right for _left, right in labels) < middle
        assert min(left for left, _right in bars) >= max(right for _left, right in labels)
    # Gaps are said in words, with a legend.
    expect(page.locator("#coverage-legend")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_figures_are_accessible(language, data, site, new_page):
    page = new_page()
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{site}{prefix}/figures/?year=2025")
    expect(page.locator("#headline-talks-held dd")).to_be_visible()
    assert_accessible(page)
