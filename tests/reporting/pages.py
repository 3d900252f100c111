"""Helpers for the statistics pages' tests: clients, a small generated data set, and the
figures read back from the page, the XLSX and the CSV in one shape to compare them."""

import csv
import io
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from gcmtalks.registrations.models import Registration
from tests.factories import StaffFactory

from .dataset import build

STATISTICS = "/manage/statistics/"
PACKS = "/manage/statistics/packs/"
SUPPRESSED = "<5"


@pytest.fixture
def small_dataset(db):
    """The generated data set, small enough for page tests (the full one is H1's)."""
    return build(talks=60, registrations=4_000, practices=150, intentions=150)


@pytest.fixture
def statistics_client(client, small_dataset):
    """A client signed in as the secretariat (two factors on), over the small data set."""
    user = StaffFactory(username="secretariat")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def people(small_dataset):
    return list(Registration.objects.order_by("pk")[:200])


def number(text: str):
    """A figure as printed on the page, back to what a file holds: 1234, 42.5 or "<5"."""
    text = text.strip()
    if text == "fewer than 5":
        return SUPPRESSED
    if text.endswith(" %"):
        text = text[:-2]
    elif text.endswith(" days"):
        text = text[:-5]
    plain = text.replace(",", "")
    try:
        return float(plain) if "." in plain else int(plain)
    except ValueError:
        return text


class TableReader(HTMLParser):
    """The figures tables of a page (<table id="table-KEY">): {key: rows of cell texts}."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.key = None
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (attrs.get("id") or "").startswith("table-"):
            self.key = attrs["id"][len("table-") :]
            self.tables[self.key] = []
        elif self.key and tag == "tr":
            self.row = []
        elif self.key and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.key = None
        elif self.key and tag in ("th", "td") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif self.key and tag == "tr":
            self.tables[self.key].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(response) -> dict[str, list[list]]:
    """Each figures table of the page: its header, rows and total, numbers as numbers."""
    reader = TableReader()
    reader.feed(response.content.decode())
    return {
        key: [rows[0]] + [[row[0], *(number(cell) for cell in row[1:])] for row in rows[1:]]
        for key, rows in reader.tables.items()
    }


def xlsx_sheets(content: bytes) -> dict[str, dict]:
    """{sheet: {"filters": its filter line, "rows": from the header on}}."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        blank = next(index for index, row in enumerate(values) if not any(row))
        sheets[sheet.title] = {
            "filters": values[1][0],
            "rows": [[cell for cell in row] for row in values[blank + 1 :]],
        }
    return sheets


def csv_cells(content: bytes) -> tuple[str, list[list]]:
    """(the filter line, the rows from the header on, numbers as numbers)."""
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    blank = rows.index([])
    table = rows[blank + 1 :]
    return rows[1][0], [table[0]] + [
        [row[0], *(number(cell) for cell in row[1:])] for row in table[1:]
    ]
