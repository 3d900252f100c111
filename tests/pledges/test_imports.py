"""Importing the pledging dashboard's exports: type and encoding checks, the column mapping,
the dry run, the import with its progress, and re-imports."""

import io
import zipfile

import pytest
from django.test import TestCase

from gcmtalks.core.models import AuditEntry, Country
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.pledges.models import Pledge, PledgeImport
from tests.smtp import run_tasks

from .conftest import BAD_LINES, HEADER, as_csv, as_xlsx, pledge_rows

pytestmark = pytest.mark.django_db

NEW = "/manage/pledges/import/"


def upload(client, data: bytes, name="pledges.csv"):
    return client.post(NEW, {"file": named(data, name)})


def named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def uploaded(client, data: bytes, name="pledges.csv") -> PledgeImport:
    response = upload(client, data, name)
    assert response.status_code == 302, response.content[:2000]
    return PledgeImport.objects.latest("pk")


def mapping_data(item: PledgeImport, **changes) -> dict:
    data = {f"column_{index}": key for index, key in item.mapping.items()}
    data.update(changes)
    return data


def dry_run(client, item: PledgeImport, **changes):
    return client.post(f"{NEW}{item.pk}/check/", mapping_data(item, **changes))


def start(client, item: PledgeImport):
    """Start the import; the task is queued when the request's transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"{NEW}{item.pk}/start/")


def imported(client, data: bytes, name="pledges.csv") -> PledgeImport:
    item = uploaded(client, data, name)
    assert dry_run(client, item).status_code == 302
    assert start(client, item).status_code == 302
    run_tasks()
    item.refresh_from_db()
    assert item.status == PledgeImport.Status.DONE
    return item


def test_upload_recognises_the_dashboards_columns(secretariat_client):
    item = uploaded(secretariat_client, as_csv(pledge_rows(3, bad=False)))
    assert sorted(item.mapping.values()) == sorted(
        [
            "external_id",
            "title",
            "text",
            "entity",
            "entity_type",
            "member_state",
            "stakeholder_group",
            "kind",
            "matches",
            "forms",
            "objectives",
            "principles",
            "regions",
            "countries",
            "status",
            "link",
        ]
    )
    page = secretariat_client.get(f"{NEW}{item.pk}/").content.decode()
    assert "Column 1: “Pledge ID”" in page
    assert '<option value="external_id" selected>' in page


def test_dry_run_reports_each_bad_row_by_line_and_reason_and_writes_nothing(secretariat_client):
    item = uploaded(secretariat_client, as_csv(pledge_rows(1000)))
    response = dry_run(secretariat_client, item)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == PledgeImport.Status.CHECKED
    assert (item.total, item.created, item.errors) == (1000, 994, 6)
    assert Pledge.objects.count() == 0
    page = secretariat_client.get(f"{NEW}{item.pk}/").content.decode()
    errors = {line["line"]: " ".join(line["reasons"]) for line in item.report if line["reasons"]}
    assert sorted(errors) == sorted(BAD_LINES)
    for line, (_what, _value, reason) in BAD_LINES.items():
        assert reason in errors[line]
        assert f"<td>{line}</td>" in page
    assert "Unknown GCM objective “27”." in page
    assert "Import: load 994 changes" in page


def test_import_loads_the_good_rows_and_reports_the_bad_ones(secretariat_client, settings):
    item = imported(secretariat_client, as_csv(pledge_rows(1000)))
    assert (item.created, item.updated, item.unchanged, item.errors) == (994, 0, 0, 6)
    assert Pledge.objects.count() == 994
    pledge = Pledge.objects.get(external_id="PX-00014")
    assert pledge.kind == Pledge.Kind.MATCHING
    assert pledge.matches.external_id == "PX-00013"
    assert pledge.text.endswith("café in Genève.")
    assert sorted(o.number for o in pledge.objectives.all()) == [6, 15, 22]
    assert {c.code for c in pledge.countries.all()} == {"BD", "NG"}
    assert pledge.forms == ["financial", "human_resources", "process"]
    state = Pledge.objects.get(external_id="PX-00005")
    assert state.member_state == Country.objects.get(code="CO")
    assert not Pledge.objects.filter(external_id="PX-00101").exists()  # line 102
    entry = AuditEntry.objects.get(action="pledges.import")
    assert entry.changes["created"] == [None, 994]
    assert entry.actor == secretariat_client.user
    mail = OutgoingMail.objects.get(key=f"pledges.import.{item.pk}")
    assert mail.to == "secretariat@example.org"
    assert "994 created" in mail.text
    page = secretariat_client.get(f"{NEW}{item.pk}/").content.decode()
    assert "The import is done." in page
    assert "hx-trigger" not in page


def test_a_second_import_of_the_same_file_changes_nothing(secretariat_client):
    data = as_csv(pledge_rows(1000))
    imported(secretariat_client, data)
    before = dict(Pledge.objects.values_list("external_id", "updated_at"))
    again = imported(secretariat_client, data)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 994, 6)
    assert dict(Pledge.objects.values_list("external_id", "updated_at")) == before


def test_an_edited_row_is_updated_not_duplicated(secretariat_client):
    rows = pledge_rows(1000)
    imported(secretariat_client, as_csv(rows))
    rows[9]["Title"] = "A new title for pledge ten"
    rows[9]["GCM Objectives"] = "23"
    again = imported(secretariat_client, as_csv(rows))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 993)
    assert Pledge.objects.count() == 994
    pledge = Pledge.objects.get(external_id="PX-00010")
    assert pledge.title == "A new title for pledge ten"
    assert [o.number for o in pledge.objectives.all()] == [23]


def test_xlsx_export_is_imported_like_the_csv(secretariat_client):
    item = imported(secretariat_client, as_xlsx(pledge_rows(1000)), name="pledges.xlsx")
    assert item.file_type == "xlsx"
    assert (item.created, item.errors) == (994, 6)
    assert sorted(line["line"] for line in item.report if line["reasons"]) == sorted(BAD_LINES)
    again = imported(secretariat_client, as_csv(pledge_rows(1000)))
    assert (again.created, again.unchanged) == (0, 994)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04 not really a zip",
        b"",
    ],
    ids=["png", "broken-zip", "empty"],
)
def test_a_file_that_is_not_csv_or_xlsx_is_refused(secretariat_client, data):
    response = upload(secretariat_client, data, "pledges.xlsx")
    assert response.status_code == 200
    assert PledgeImport.objects.count() == 0
    errors = response.context["form"].errors["file"]
    assert errors


def test_a_zip_that_is_not_a_workbook_is_refused(secretariat_client):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    response = upload(secretariat_client, out.getvalue(), "pledges.xlsx")
    assert "This file is neither a CSV nor an XLSX file." in response.content.decode()
    assert PledgeImport.objects.count() == 0


def test_a_latin1_csv_is_refused_with_the_line_that_cannot_be_read(secretariat_client):
    response = upload(secretariat_client, as_csv(pledge_rows(5, bad=False), encoding="latin-1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file is not UTF-8 text: line 2 cannot be read." in page
    assert PledgeImport.objects.count() == 0
    assert Pledge.objects.count() == 0


def test_mapping_changes_are_honoured(secretariat_client):
    header = ["Ref code", "Heading", "Description", "GCM Objectives"]
    rows = [
        {"Ref code": "A-1", "Heading": "First", "Description": "Text", "GCM Objectives": "3"},
        {"Ref code": "A-2", "Heading": "Second", "Description": "More", "GCM Objectives": "4"},
    ]
    item = uploaded(secretariat_client, as_csv(rows, header=header))
    assert item.mapping == {"2": "text", "3": "objectives"}
    response = dry_run(secretariat_client, item)
    assert response.status_code == 400
    page = response.content.decode()
    assert "No column is mapped to “Dashboard ID”." in page
    item.refresh_from_db()
    assert item.status == PledgeImport.Status.UPLOADED
    response = dry_run(
        secretariat_client, item, column_0="external_id", column_1="title", column_2=""
    )
    assert response.status_code == 302
    assert start(secretariat_client, item).status_code == 302
    run_tasks()
    pledge = Pledge.objects.get(external_id="A-2")
    assert (pledge.title, pledge.text) == ("Second", "")


def test_a_column_given_twice_is_refused(secretariat_client):
    item = uploaded(secretariat_client, as_csv(pledge_rows(2, bad=False)))
    response = dry_run(secretariat_client, item, column_2="title")
    assert "“Title” is given to more than one column." in response.content.decode()
    item.refresh_from_db()
    assert item.status == PledgeImport.Status.UPLOADED


def test_an_import_cannot_start_before_its_dry_run(secretariat_client):
    item = uploaded(secretariat_client, as_csv(pledge_rows(2, bad=False)))
    response = secretariat_client.post(f"{NEW}{item.pk}/start/", follow=True)
    assert "Run the dry run first" in response.content.decode()
    run_tasks()
    assert Pledge.objects.count() == 0


def test_progress_is_polled_while_the_import_waits(secretariat_client):
    item = uploaded(secretariat_client, as_csv(pledge_rows(300, bad=False)))
    dry_run(secretariat_client, item)
    start(secretariat_client, item)
    page = secretariat_client.get(f"{NEW}{item.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "0 of 300 rows checked" in page
    assert '<progress id="import-bar" max="300" value="0">' in page
    run_tasks()
    page = secretariat_client.get(f"{NEW}{item.pk}/progress/").content.decode()
    assert "hx-trigger" not in page
    assert "The import is done." in page


def test_header_of_the_generated_file_is_the_dashboards():
    assert HEADER[0] == "Pledge ID"


def test_a_matching_pledge_whose_match_cannot_be_loaded_is_refused_too(secretariat_client):
    rows = pledge_rows(3, bad=False)
    rows[1]["Title"] = ""  # PX-00002, line 3
    rows[2]["Pledge type"], rows[2]["Matching pledge ID"] = "Matching", "PX-00002"
    item = imported(secretariat_client, as_csv(rows))
    reasons = {line["line"]: line["reasons"] for line in item.report}
    assert reasons[4] == ["The matched pledge “PX-00002” (line 3) cannot be loaded."]
    assert list(Pledge.objects.values_list("external_id", flat=True)) == ["PX-00001"]
    again = imported(secretariat_client, as_csv(rows))
    assert (again.unchanged, again.errors) == (1, 2)


def test_an_upload_without_a_file_is_refused(secretariat_client):
    response = secretariat_client.post(NEW, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert PledgeImport.objects.count() == 0


def test_a_mapping_to_an_unknown_field_is_refused(secretariat_client):
    item = uploaded(secretariat_client, as_csv(pledge_rows(2, bad=False)))
    response = dry_run(secretariat_client, item, column_0="password")
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    item.refresh_from_db()
    assert item.status == PledgeImport.Status.UPLOADED
