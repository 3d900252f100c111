"""A generated export of the GCM pledging dashboard, written as CSV or XLSX, and clients."""

import csv
import io

import pytest

from tests.factories import StaffFactory

HEADER = [
    "Pledge ID",
    "Title",
    "Description",
    "Pledging entity",
    "Entity type",
    "Member State",
    "Stakeholder group",
    "Pledge type",
    "Matching pledge ID",
    "Form of pledge",
    "GCM Objectives",
    "Guiding principles",
    "Region",
    "Countries",
    "Status",
    "Link",
]
COUNTRIES = ["Mexico", "KE", "Philippines", "DE", "Morocco", "CO", "Bangladesh", "NG"]
REGIONS = ["Africa", "ECE", "ESCAP", "ECLAC", "ESCWA"]
FORMS = ["Financial", "Human resources", "Process", "Policy"]
GROUPS = ["Private sector", "academia", "Trade unions", ""]

# Line in the file (header = line 1) -> (what is wrong, a words of the reason shown).
BAD_LINES = {
    102: ("objectives", "27", "Unknown GCM objective “27”"),
    202: ("title", "", "The title is missing"),
    302: ("countries", "Atlantis", "Unknown country “Atlantis”"),
    402: ("link", "not a web address", "is not a valid web address"),
    502: ("matches", "PX-99999", "“PX-99999” is neither in the file nor already imported"),
    604: ("id", "", "The ID is missing"),
}


def pledge_row(number: int) -> dict:
    """A plausible pledge; every fifth by a Member State, every seventh matching another."""
    state = number % 5 == 0
    row = {
        "Pledge ID": f"PX-{number:05d}",
        "Title": f"Pledge {number}: decent work for migrant workers, part {number % 17}",
        "Description": f"Commitment number {number} to act on the GCM, with a café in Genève.",
        "Pledging entity": f"Government of {COUNTRIES[number % 8]}"
        if state
        else f"Entity {number}",
        "Entity type": "Member State" if state else "Civil society",
        "Member State": COUNTRIES[number % 8] if state else "",
        "Stakeholder group": "" if state else GROUPS[number % 4],
        "Pledge type": ["Individual", "Common", "In partnership"][number % 3],
        "Matching pledge ID": "",
        "Form of pledge": "; ".join(FORMS[: 1 + number % 4]),
        "GCM Objectives": ", ".join(str(1 + (number + k * 7) % 23) for k in range(1 + number % 3)),
        "Guiding principles": "a; Human rights" if number % 2 else "g",
        "Region": REGIONS[number % 5],
        "Countries": "; ".join(COUNTRIES[number % 8 : number % 8 + 2]),
        "Status": ["Pledged", "In progress", "Completed"][number % 3],
        "Link": f"https://migrationnetwork.un.org/pledges/{number}",
    }
    if number % 7 == 0 and number > 1:
        row["Pledge type"] = "Matching"
        row["Matching pledge ID"] = f"PX-{number - 1:05d}"
    return row


def pledge_rows(count: int = 1000, *, bad: bool = True) -> list[dict]:
    rows = [pledge_row(number) for number in range(1, count + 1)]
    if bad:
        for line, (what, value, _reason) in BAD_LINES.items():
            row = rows[line - 2]
            column = {
                "objectives": "GCM Objectives",
                "title": "Title",
                "countries": "Countries",
                "link": "Link",
                "id": "Pledge ID",
            }.get(what)
            if what == "matches":
                row["Pledge type"], row["Matching pledge ID"] = "Matching", value
            else:
                row[column] = value
    return rows


def as_csv(rows: list[dict], *, header=HEADER, encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def as_xlsx(rows: list[dict], *, header=HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pledges")
    sheet.append(header)
    for row in rows:
        sheet.append([row[name] for name in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def secretariat_client(client, db):
    user = StaffFactory(email="secretariat@example.org")
    client.force_login(user)
    client.user = user
    return client
