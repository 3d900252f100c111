"""The statistics as files: one XLSX with a sheet per table, or one CSV per table.

Both start with what was counted (the table's title and the filters), then the table as the
page shows it. The tables come from figures.py already protected, so a cell for fewer than 5
people is written "<5" and no file can hold more than the page does; no name, address or
other personal data is ever a cell. Labels are always text, never formulas (see
registrations/exports.py), and numbers stay numbers, so a spreadsheet can add them up."""

import csv
import io
from collections.abc import Iterator

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.registrations.exports import XLSX_TYPE, as_text

from .tables import MIN_GROUP, Table, Value

SUPPRESSED = "<5"
SHEET_NAME_LENGTH = 31  # Excel's limit


def cell_value(value: Value) -> int | float | str:
    return SUPPRESSED if value is None else value


def heading_lines(table: Table, description: str) -> list[str]:
    """What the file counts, before its table."""
    lines = [table.title, _("Filters: %(filters)s") % {"filters": description}]
    if table.note:
        lines.append(table.note)
    if table.people:
        lines.append(
            _("Cells for fewer than %(count)s people are written “%(mark)s”.")
            % {"count": MIN_GROUP, "mark": SUPPRESSED}
        )
    return lines


def table_rows(table: Table) -> Iterator[list]:
    """The header, each row, and the total when the table has one."""
    yield list(table.columns)
    for label, values in table.rows:
        yield [label, *(cell_value(value) for value in values)]
    if table.total is not None:
        yield [_("Total"), *(cell_value(value) for value in table.total)]


def sheet_names(tables: list[Table]) -> list[str]:
    """Each table's key, cut to Excel's length and made unique."""
    names, seen = [], set()
    for table in tables:
        name = table.key[:SHEET_NAME_LENGTH]
        number = 2
        while name.lower() in seen:
            suffix = f"-{number}"
            name = table.key[: SHEET_NAME_LENGTH - len(suffix)] + suffix
            number += 1
        seen.add(name.lower())
        names.append(name)
    return names


def text_cell(sheet, value: str, *, bold: bool = False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never read as a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_bytes(tables: list[Table], description: str) -> bytes:
    # openpyxl is imported where a workbook is made: 16 MB that app workers need only then.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for table, name in zip(tables, sheet_names(tables), strict=True):
        sheet = workbook.create_sheet(name)
        for number, line in enumerate(heading_lines(table, description)):
            sheet.append([text_cell(sheet, line, bold=number == 0)])
        sheet.append([])
        for number, values in enumerate(table_rows(table)):
            header = number == 0
            sheet.append(
                [
                    text_cell(sheet, value, bold=header)
                    if isinstance(value, str)
                    else WriteOnlyCell(sheet, value=value)
                    for value in values
                ]
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(table: Table, description: str) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read UTF-8 (Arabic, Chinese labels) right
    writer = csv.writer(out)
    for line in heading_lines(table, description):
        writer.writerow([as_text(line)])
    writer.writerow([])
    for values in table_rows(table):
        writer.writerow([as_text(value) if isinstance(value, str) else value for value in values])
    return out.getvalue()


def file_name(stem: str, extension: str) -> str:
    return f"gcm-talks-{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xlsx_response(tables: list[Table], description: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(tables, description), content_type=XLSX_TYPE)
    return attachment(response, file_name("statistics", "xlsx"))


def csv_response(table: Table, description: str) -> HttpResponse:
    response = HttpResponse(csv_text(table, description), content_type="text/csv; charset=utf-8")
    return attachment(response, file_name(table.key, "csv"))
