"""The registrants list of a talk as CSV and XLSX files, for the secretariat only.

Both formats share one list of columns. Join keys are never written. Cells are always text,
never formulas: a name such as "=HYPERLINK(…)" stays a name when the file is opened in a
spreadsheet (CSV gets a leading apostrophe, XLSX cells are typed as strings)."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from gcmtalks.core.timezones import zone, zone_label
from gcmtalks.talks.models import Talk

from .models import Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def registered_at(moment) -> str:
    """'2025-03-04 15:05 (CET, UTC+1)': Geneva time with its zone, as on the page."""
    local = moment.astimezone(zone(settings.CALENDAR_TIME_ZONE))
    return f"{local:%Y-%m-%d %H:%M} ({zone_label(local)})"


def headers() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Stakeholder group"),
        _("Country"),
        _("Attendance"),
        _("Listening language"),
        _("Status"),
        _("Registered (Geneva time)"),
        _("Created at (UTC)"),
    ]


def row(registration: Registration) -> list[str]:
    return [
        registration.name,
        registration.email,
        registration.organisation,
        str(registration.stakeholder_group or ""),
        str(registration.country or ""),
        registration.get_attendance_mode_display(),
        str(registration.language or ""),
        registration.get_status_display(),
        registered_at(registration.created_at),
        registration.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    ]


def rows(registrations: Iterable[Registration]) -> Iterator[list[str]]:
    yield headers()
    for registration in registrations:
        yield row(registration)


def as_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def attachment(response: HttpResponse, talk: Talk, extension: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{talk.slug}-registrants.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(talk: Talk, registrations: Iterable[Registration]) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read UTF-8 (Arabic, Chinese names) right
    writer = csv.writer(out)
    for values in rows(registrations):
        writer.writerow([as_text(value) for value in values])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, talk, "csv")


def xlsx_response(talk: Talk, registrations: Iterable[Registration]) -> HttpResponse:
    from openpyxl import Workbook  # 16 MB, imported only when a workbook is made
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrants"))
    for values in rows(registrations):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return attachment(HttpResponse(out.getvalue(), content_type=XLSX_TYPE), talk, "xlsx")
