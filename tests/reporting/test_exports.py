"""Statistics exports: XLSX (one sheet per table) and CSV (one per table), each saying what was
counted first, suppressed cells as "<5", labels never formulas, and the page's figures."""

import csv
import io

import pytest
from openpyxl import load_workbook

from gcmtalks.reporting import exports
from gcmtalks.reporting.tables import Table

from . import pages
from .pages import STATISTICS, csv_cells, page_tables, xlsx_sheets

# The fixtures of pages.py, for this module's tests.
small_dataset, statistics_client, people = (
    pages.small_dataset,
    pages.statistics_client,
    pages.people,
)


def tables() -> list[Table]:
    return [
        Table(
            key="talks-by-status",
            title="Talks by status",
            columns=["Status", "Talks"],
            rows=[("Held", [40]), ("Cancelled", [2])],
            total=[42],
        ),
        Table(
            key="registrations-by-group",
            title="Registrations by stakeholder group",
            columns=["Stakeholder group", "Registered", "Attended"],
            rows=[("Member State", [120, 90]), ('=HYPERLINK("x")', [30, None])],
            people=True,
            total=[150, None],
            note="Confirmed and attended.",
        ),
    ]


def test_xlsx_has_a_sheet_per_table_with_the_filters_on_top():
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(tables(), "Africa, 2025")))
    assert book.sheetnames == ["talks-by-status", "registrations-by-group"]
    sheet = book["registrations-by-group"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Registrations by stakeholder group"
    assert rows[1][0] == "Filters: Africa, 2025"
    assert rows[2][0] == "Confirmed and attended."
    assert "“<5”" in rows[3][0]
    header = rows.index(["Stakeholder group", "Registered", "Attended"])
    assert rows[header + 1] == ["Member State", 120, 90]
    assert rows[header + 2] == ['=HYPERLINK("x")', 30, "<5"]
    assert rows[header + 3] == ["Total", 150, "<5"]
    # A label that looks like a formula stays text.
    cell = sheet.cell(row=header + 3, column=1)
    assert cell.data_type == "s"


def test_sheet_names_are_cut_to_31_characters_and_unique():
    long = "x" * 40
    named = [Table(key=long, title="A", columns=["A", "B"], rows=[]) for _ in range(3)]
    names = exports.sheet_names(named)
    assert len(set(names)) == 3
    assert all(len(name) <= 31 for name in names)


def test_csv_starts_with_a_bom_and_the_filters_and_writes_suppressed_cells_as_lt5():
    text = exports.csv_text(tables()[1], "Africa, 2025")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Registrations by stakeholder group"]
    assert rows[1] == ["Filters: Africa, 2025"]
    assert ['\'=HYPERLINK("x")', "30", "<5"] in rows
    assert ["Total", "150", "<5"] in rows


# Against the page, on a small data set built through the models.


@pytest.mark.django_db
def test_xlsx_cells_equal_the_pages_figures(statistics_client):
    query = "?year=2025&region=africa"
    page = statistics_client.get(STATISTICS + query)
    assert page.status_code == 200
    shown = page_tables(page)
    response = statistics_client.get(STATISTICS + "export.xlsx" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheets = xlsx_sheets(response.content)
    assert set(shown) <= set(sheets)
    for key, rows in shown.items():
        assert sheets[key]["rows"] == rows, key
        assert "Africa" in sheets[key]["filters"] and "2025" in sheets[key]["filters"]
    assert any(cell == "<5" for rows in shown.values() for row in rows for cell in row)


@pytest.mark.django_db
def test_csv_cells_equal_the_pages_figures(statistics_client):
    query = "?year=2025"
    shown = page_tables(statistics_client.get(STATISTICS + query))
    for key in ("talks-by-status", "registrations-by-group", "registrations-by-country"):
        response = statistics_client.get(f"{STATISTICS}export/{key}.csv{query}")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        filters, rows = csv_cells(response.content)
        assert "2025" in filters
        assert rows == shown[key], key


@pytest.mark.django_db
def test_exports_hold_no_personal_data(statistics_client, people):
    content = statistics_client.get(STATISTICS + "export.xlsx").content
    sheets = xlsx_sheets(content)
    everything = repr(sheets)
    for person in people:
        assert person.email not in everything
        assert person.name not in everything


@pytest.mark.django_db
def test_unknown_export_key_is_404(statistics_client):
    assert statistics_client.get(STATISTICS + "export/no-such-table.csv").status_code == 404


@pytest.mark.django_db
def test_export_with_bad_filters_is_400_with_the_message(statistics_client):
    response = statistics_client.get(STATISTICS + "export.xlsx?start=2025-05-01&end=2025-01-01")
    assert response.status_code == 400
    assert "The period ends before it starts." in response.content.decode()
    response = statistics_client.get(STATISTICS + "export/talks-by-status.csv?region=atlantis")
    assert response.status_code == 400
    assert "Choose a region from the list." in response.content.decode()
