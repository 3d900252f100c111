"""Reading a pledging-dashboard export (CSV or XLSX): its type from its content, its header
matched to our fields, and each row checked into the values a pledge would have. Pure
functions; services.py writes."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcmtalks.core.models import Country, GuidingPrinciple, Objective, Region, StakeholderGroup

from .models import Pledge

MAX_BYTES = 20 * 1024 * 1024

# Our fields, with the header names the dashboard's exports use for them.
FIELDS = {
    "external_id": (gettext_lazy("Dashboard ID"), ["id", "pledge id", "pledge no", "ref"]),
    "title": (gettext_lazy("Title"), ["pledge title", "name", "pledge"]),
    "text": (gettext_lazy("Text"), ["description", "pledge text", "details", "summary"]),
    "entity": (gettext_lazy("Pledging entity"), ["pledging entity", "entity", "pledger"]),
    "entity_type": (gettext_lazy("Entity type"), ["type of entity", "pledging entity type"]),
    "member_state": (gettext_lazy("Member State"), ["state", "country of pledger"]),
    "stakeholder_group": (gettext_lazy("Stakeholder group"), ["stakeholder", "stakeholders"]),
    "kind": (gettext_lazy("Pledge type"), ["type", "type of pledge"]),
    "matches": (
        gettext_lazy("Matches pledge ID"),
        ["matching id", "matching pledge id", "matched pledge", "matches"],
    ),
    "forms": (gettext_lazy("Forms"), ["form", "form of pledge", "pledge form"]),
    "objectives": (gettext_lazy("GCM objectives"), ["objective", "gcm objective"]),
    "principles": (gettext_lazy("Guiding principles"), ["principle", "guiding principle"]),
    "regions": (gettext_lazy("Regions"), ["region"]),
    "countries": (gettext_lazy("Countries"), ["country", "countries covered"]),
    "status": (gettext_lazy("Status"), ["pledge status"]),
    "link": (gettext_lazy("Link"), ["url", "web link", "website"]),
}
MULTIPLE = {"forms", "objectives", "principles", "regions", "countries"}

KINDS = {
    "individual": Pledge.Kind.INDIVIDUAL,
    "common": Pledge.Kind.COMMON,
    "in partnership": Pledge.Kind.PARTNERSHIP,
    "partnership": Pledge.Kind.PARTNERSHIP,
    "matching": Pledge.Kind.MATCHING,
}
FORMS = {
    "financial": Pledge.Form.FINANCIAL,
    "human resources": Pledge.Form.HUMAN_RESOURCES,
    "human resource": Pledge.Form.HUMAN_RESOURCES,
    "process": Pledge.Form.PROCESS,
    "policy": Pledge.Form.POLICY,
}


class ImportRefused(Exception):
    """The file cannot be read at all."""


def plain(text) -> str:
    return re.sub(r"[^\w]+", " ", str(text or "").casefold()).strip()


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# The file.


def file_type(data: bytes) -> str:
    """'csv' or 'xlsx', judged from the content, never the name."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise ImportRefused(_("This file is neither a CSV nor an XLSX file."))
    if b"\x00" in data[:4096] or not data.strip():
        raise ImportRefused(_("This file is neither a CSV nor an XLSX file."))
    return "csv"


def read_rows(data: bytes, kind: str) -> list[list[str]]:
    """Every row as a list of cell texts; the first is the header (line 1)."""
    if kind == "xlsx":
        return xlsx_rows(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            _(
                "The file is not UTF-8 text: line %(line)s cannot be read. "
                "Save it as “CSV UTF-8” and upload it again."
            )
            % {"line": line}
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[cell(value) for value in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise ImportRefused(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from None
    return rows


def xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise ImportRefused(_("The XLSX file cannot be read: it may be damaged.")) from None
    try:
        return [
            [cell(value) for value in row] for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        book.close()


def read_file(data: bytes) -> tuple[str, list[list[str]]]:
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 20 MB."))
    kind = file_type(data)
    rows = read_rows(data, kind)
    if not rows or not any(rows[0]):
        raise ImportRefused(_("The file has no header row."))
    return kind, rows


# The mapping.


def guess_mapping(header: list[str]) -> dict[str, str]:
    """{column index (as text): field} for the header names we know."""
    names = {}
    for key, (label, aliases) in FIELDS.items():
        for name in [key, str(label), *aliases]:
            names.setdefault(plain(name), key)
    mapping, taken = {}, set()
    for index, name in enumerate(header):
        key = names.get(plain(name))
        if key and key not in taken:
            mapping[str(index)] = key
            taken.add(key)
    return mapping


def mapping_problems(mapping: dict[str, str]) -> list[str]:
    fields = list(mapping.values())
    problems = [
        _("“%(field)s” is given to more than one column.") % {"field": FIELDS[key][0]}
        for key in sorted(set(fields))
        if fields.count(key) > 1
    ]
    for key in ("external_id", "title"):
        if key not in fields:
            problems.append(_("No column is mapped to “%(field)s”.") % {"field": FIELDS[key][0]})
    return problems


# The rows.


@dataclass
class Lookups:
    """Reference data and existing pledges, read once per run."""

    objectives: dict = field(default_factory=dict)
    principles: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    existing: dict = field(default_factory=dict)  # external id -> values

    @classmethod
    def load(cls):
        found = cls()
        for pk, number in Objective.objects.values_list("pk", "number"):
            found.objectives[str(number)] = pk
        for pk, letter, label in GuidingPrinciple.objects.values_list("pk", "letter", "label"):
            found.principles[plain(letter)] = found.principles[plain(label)] = pk
        for pk, *names in Region.objects.values_list("pk", "slug", "name", "commission"):
            found.regions.update({plain(name): pk for name in names})
        for pk, code, name in Country.objects.values_list("pk", "code", "name"):
            found.countries[plain(code)] = found.countries[plain(name)] = pk
        for pk, slug, name in StakeholderGroup.objects.values_list("pk", "slug", "name"):
            found.groups[plain(slug)] = found.groups[plain(name)] = pk
        found.existing = existing_values()
        return found


def existing_values() -> dict[str, dict]:
    pledges = Pledge.objects.select_related("matches").prefetch_related(
        "objectives", "principles", "regions", "countries"
    )
    return {pledge.external_id: values_of(pledge) for pledge in pledges}


def values_of(pledge: Pledge) -> dict:
    """A pledge as the comparable values a row is checked into."""
    return {
        "title": pledge.title,
        "text": pledge.text,
        "entity": pledge.entity,
        "entity_type": pledge.entity_type,
        "member_state": pledge.member_state_id,
        "stakeholder_group": pledge.stakeholder_group_id,
        "kind": pledge.kind,
        "matches": pledge.matches.external_id if pledge.matches else "",
        "forms": sorted(pledge.forms),
        "objectives": sorted(o.pk for o in pledge.objectives.all()),
        "principles": sorted(p.pk for p in pledge.principles.all()),
        "regions": sorted(r.pk for r in pledge.regions.all()),
        "countries": sorted(c.pk for c in pledge.countries.all()),
        "status": pledge.status,
        "link": pledge.link,
    }


def pieces(text: str, *, commas: bool) -> list[str]:
    pattern = r"[;|\n,]" if commas else r"[;|\n]"
    return [piece.strip() for piece in re.split(pattern, text) if piece.strip()]


@dataclass
class Row:
    line: int
    external_id: str
    values: dict
    errors: list[str]


def check_row(line: int, cells: list[str], mapping: dict, known: Lookups, ids: set) -> Row:
    """One data row checked into a pledge's values, with every reason it cannot be loaded.
    `ids` are the dashboard IDs in the file, which a matching pledge may point to."""
    raw = {key: "" for key in FIELDS}
    for index, key in mapping.items():
        position = int(index)
        if position < len(cells):
            raw[key] = cells[position]
    errors = []
    values = {
        key: raw[key][:limit]
        for key, limit in (
            ("text", 100_000),
            ("entity", 255),
            ("entity_type", 100),
            ("status", 100),
        )
    }
    external_id = raw["external_id"][:64]
    if not external_id:
        errors.append(_("The ID is missing."))
    values["title"] = raw["title"][:500]
    if not values["title"]:
        errors.append(_("The title is missing."))

    def one(key, table, message):
        if not raw[key]:
            return None
        pk = table.get(plain(raw[key]))
        if pk is None:
            errors.append(message % {"value": raw[key]})
        return pk

    values["member_state"] = one(
        "member_state", known.countries, _("Unknown Member State “%(value)s”.")
    )
    values["stakeholder_group"] = one(
        "stakeholder_group", known.groups, _("Unknown stakeholder group “%(value)s”.")
    )

    kind = KINDS.get(plain(raw["kind"])) if raw["kind"] else Pledge.Kind.INDIVIDUAL
    if kind is None:
        errors.append(_("Unknown pledge type “%(value)s”.") % {"value": raw["kind"]})
    values["kind"] = kind or Pledge.Kind.INDIVIDUAL
    values["matches"] = raw["matches"] if kind == Pledge.Kind.MATCHING else ""
    if kind == Pledge.Kind.MATCHING:
        if not values["matches"]:
            errors.append(_("A matching pledge needs the ID of the pledge it matches."))
        elif values["matches"] not in ids and values["matches"] not in known.existing:
            errors.append(
                _("The matched pledge ID “%(value)s” is neither in the file nor already imported.")
                % {"value": values["matches"]}
            )

    forms = []
    for piece in pieces(raw["forms"], commas=True):
        form = FORMS.get(plain(piece))
        if form is None:
            errors.append(_("Unknown form “%(value)s”.") % {"value": piece})
        elif form not in forms:
            forms.append(form)
    values["forms"] = sorted(forms)

    objectives = set()
    for piece in pieces(raw["objectives"], commas=True):
        number = re.fullmatch(r"(?:objective\s*)?0*(\d+)", piece.casefold())
        pk = known.objectives.get(number.group(1)) if number else None
        if pk is None:
            errors.append(_("Unknown GCM objective “%(value)s”.") % {"value": piece})
        else:
            objectives.add(pk)
    values["objectives"] = sorted(objectives)

    for key, table, message in (
        ("principles", known.principles, _("Unknown guiding principle “%(value)s”.")),
        ("regions", known.regions, _("Unknown region “%(value)s”.")),
        ("countries", known.countries, _("Unknown country “%(value)s”.")),
    ):
        found = set()
        for piece in pieces(raw[key], commas=False):
            pk = known_piece(table, piece)
            if pk is None:
                errors.append(message % {"value": piece})
            else:
                found.add(pk)
        values[key] = sorted(found)

    values["link"] = raw["link"]
    if raw["link"]:
        try:
            URLValidator(schemes=["http", "https"])(raw["link"])
            if len(raw["link"]) > 500:
                raise ValidationError("too long")
        except ValidationError:
            errors.append(
                _("The link “%(value)s” is not a valid web address.") % {"value": raw["link"][:80]}
            )
    return Row(line=line, external_id=external_id, values=values, errors=errors)


def known_piece(table: dict, piece: str):
    return table.get(plain(piece))


def check_rows(rows: list[list[str]], mapping: dict, known: Lookups, progress=None):
    """[(Row, result)] for the data rows: result is created, updated, unchanged or error.
    `progress(n)` is called as rows are checked."""
    id_column = next((int(i) for i, key in mapping.items() if key == "external_id"), None)
    ids = set()
    if id_column is not None:
        ids = {row[id_column] for row in rows[1:] if id_column < len(row) and row[id_column]}
    checked, seen = [], set()
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        row = check_row(line, cells, mapping, known, ids)
        if row.external_id and row.external_id in seen:
            row.errors.append(
                _("The ID “%(value)s” is on an earlier line too.") % {"value": row.external_id}
            )
        seen.add(row.external_id)
        checked.append(row)
        if progress and len(checked) % 100 == 0:
            progress(len(checked))
    refuse_matches_of_bad_rows(checked, known)
    return [(row, result_of(row, known)) for row in checked]


def refuse_matches_of_bad_rows(checked: list[Row], known: Lookups) -> None:
    """A matching pledge whose match is only on a line that cannot be loaded cannot be
    loaded either (repeated, since that may refuse another's match)."""
    while True:
        bad = {row.external_id: row.line for row in checked if row.errors}
        refused = [
            row
            for row in checked
            if not row.errors
            and row.values["matches"]
            and row.values["matches"] in bad
            and row.values["matches"] not in known.existing
        ]
        if not refused:
            return
        for row in refused:
            row.errors.append(
                _("The matched pledge “%(value)s” (line %(line)s) cannot be loaded.")
                % {"value": row.values["matches"], "line": bad[row.values["matches"]]}
            )


def result_of(row: Row, known: Lookups) -> str:
    if row.errors:
        return "error"
    if row.external_id not in known.existing:
        return "created"
    return "unchanged" if known.existing[row.external_id] == row.values else "updated"


def data_rows(rows: list[list[str]]) -> int:
    return sum(1 for cells in rows[1:] if any(cells))
