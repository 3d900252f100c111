"""Reporting packs: who may ask for which, bad requests, the pack made by its task with its
progress, the PDF's text (title, key messages, figures), and who may download it."""

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from gcmtalks.core.models import AuditEntry, Region, StakeholderGroup
from gcmtalks.registrations.models import Registration
from gcmtalks.reporting import packs
from gcmtalks.reporting.models import Pack
from gcmtalks.reports.models import ReportText, SummaryReport
from gcmtalks.talks.models import Organiser, Talk
from tests.accounts.pages import check_page
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    StaffFactory,
    TalkFactory,
    TwoFactorFactory,
    utc,
)
from tests.smtp import run_tasks

from .pages import PACKS

pytestmark = pytest.mark.django_db

TITLE = "GCM Talks — Regional Review pack: Africa, 2025"
KEY_MESSAGE = "Remittance costs must fall below three per cent."
KEY_MESSAGE_FR = "Le coût des envois de fonds doit passer sous les trois pour cent."


def held(slug: str, start, regions: list[str], **fields) -> Talk:
    talk = TalkFactory(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        level=Talk.Level.REGIONAL,
        start=start,
        end=start + timedelta(minutes=90),
        region_slugs=regions,
        **fields,
    )
    return talk


@pytest.fixture
def talks(db):
    """Two talks in Africa in 2025 (one with a published report, 12 people who came), one in
    Asia and the Pacific in 2025, one in Africa in 2024."""
    remittances = held("remittances-africa", utc(2025, 3, 4, 12), ["africa"],
                       title="Cheaper remittances in Africa")  # fmt: skip
    report = SummaryReport.objects.create(
        talk=remittances, status=SummaryReport.Status.PUBLISHED, published_at=utc(2025, 3, 20)
    )
    ReportText.objects.create(report=report, language="en", key_messages=KEY_MESSAGE)
    ReportText.objects.create(report=report, language="fr", key_messages=KEY_MESSAGE_FR)
    groups = list(StakeholderGroup.objects.all())
    for number in range(12):
        Registration.objects.create(
            talk=remittances, name=f"Participant {number}", email=f"p{number}@example.org",
            status=Registration.Status.ATTENDED, stakeholder_group=groups[number % 2],
        )  # fmt: skip
    held("labour-africa", utc(2025, 9, 10, 9), ["africa"], title="Labour mobility in Africa")
    held("asia-talk", utc(2025, 5, 5, 6), ["asia-pacific"], title="Climate mobility in Asia")
    held("africa-2024", utc(2024, 6, 1, 9), ["africa"], title="Older talk in Africa")
    return remittances


@pytest.fixture
def africa_network(db):
    return OrganiserFactory(slug="rn-africa", name="Africa network",
                            kind=Organiser.Kind.REGIONAL_NETWORK,
                            region=Region.objects.get(slug="africa"))  # fmt: skip


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def secretariat_client(client):
    return signed_in(client, StaffFactory(username="secretariat"))


@pytest.fixture
def africa_member(africa_network):
    return OrganiserMemberFactory(organiser=africa_network).user


def ask(client, **fields):
    data = {"kind": "regional", "region": "africa", "year": "2025", "language": "en"} | fields
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(PACKS, {key: value for key, value in data.items() if value is not None})


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def flat(text: str) -> str:
    """The text on one line, words split at a line's end joined again."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def status(client, url: str) -> int:
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # reading a file answer to its end closes it
    return response.status_code


def made(client, **fields) -> Pack:
    response = ask(client, **fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    run_tasks()
    pack = Pack.objects.latest("pk")
    assert response["Location"].endswith(f"{PACKS}{pack.pk}/")
    assert pack.status == Pack.Status.DONE, pack.message
    return pack


# Who may ask.


def test_regional_network_member_makes_their_regions_pack(client, africa_member, talks):
    client = signed_in(client, africa_member)
    pack = made(client)
    assert (pack.kind, pack.region.slug, pack.start, pack.end) == (
        "regional", "africa", date(2025, 1, 1), date(2025, 12, 31))  # fmt: skip
    assert pack.created_by == africa_member
    assert pack.done == pack.total == len(packs.STEPS)
    entries = AuditEntry.objects.filter(object_type="reporting.pack", object_id=str(pack.pk))
    actions = list(entries.order_by("pk").values_list("action", flat=True))
    assert actions == ["reporting.pack_request", "reporting.pack_build"]


def test_workstream_member_cannot_ask_for_a_global_pack(member_client):
    response = ask(member_client, kind="global", region="")
    assert response.status_code == 403
    assert "Only the secretariat may ask for a global pack." in response.content.decode()
    assert not Pack.objects.exists()


def test_regional_member_cannot_ask_for_another_regions_pack(client, africa_member):
    response = ask(signed_in(client, africa_member), region="asia-pacific")
    assert response.status_code == 403
    assert "may ask for its pack" in response.content.decode()
    assert not Pack.objects.exists()


def test_workstream_member_without_region_cannot_ask_for_a_regional_pack(member_client):
    assert ask(member_client).status_code == 403
    assert not Pack.objects.exists()


def test_registrant_without_organiser_role_gets_403(client):
    client = signed_in(client, TwoFactorFactory())
    assert ask(client).status_code == 403
    assert client.get(PACKS).status_code == 403
    assert not Pack.objects.exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(PACKS)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Bad requests.


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"language": "xx"}, "language", "Choose one of the six UN languages."),
        ({"language": "de"}, "language", "Choose one of the six UN languages."),
        ({"year": "", "start": "2025-06-01", "end": "2025-01-01"}, "end",
         "The period ends before it starts."),
        ({"region": "atlantis"}, "region", "Choose a region from the list."),
        ({"region": ""}, "region", "Choose the region of a regional pack."),
        ({"year": ""}, "year", "Give a year, or the first and last days of the period."),
        ({"year": "twenty"}, "year", "Enter a year such as 2025."),
        ({"kind": "everything"}, "kind", "Choose a regional or a global pack."),
    ],
)  # fmt: skip
def test_bad_pack_request_is_400_with_the_message_by_its_field(
    secretariat_client, fields, field, message
):
    response = ask(secretariat_client, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(rf'id="pack_{field}_error">(<p>)?{re.escape(message)}', page), page
    assert re.search(rf'aria-describedby="[^"]*pack_{field}_error', page)
    assert not Pack.objects.exists()


# The pack and its file.


def test_pack_pdf_has_the_title_talks_key_messages_and_figures(secretariat_client, talks):
    pack = made(secretariat_client)
    response = secretariat_client.get(f"{PACKS}{pack.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    text = pdf_text(data)
    line = flat(text)
    assert TITLE in line
    assert "Cheaper remittances in Africa" in line and "Labour mobility in Africa" in line
    assert KEY_MESSAGE in line
    assert "Climate mobility in Asia" not in line and "Older talk in Africa" not in line
    # Figures: two talks held, 12 people who came, the registrations by stakeholder group.
    assert re.search(r"Talks held\s+2\b", text), text[:2000]
    assert re.search(r"People taking part\s+12\b", text)
    assert "Registrations by stakeholder group" in line
    # No personal data.
    assert "Participant 1" not in line and "p1@example.org" not in line


def test_pack_in_french_has_the_french_key_messages(secretariat_client, talks):
    pack = made(secretariat_client, language="fr")
    with pack.file.open("rb") as file:
        line = flat(pdf_text(file.read()))
    assert KEY_MESSAGE_FR in line and KEY_MESSAGE not in line


def test_pack_in_arabic_falls_back_to_english_key_messages(secretariat_client, talks):
    pack = made(secretariat_client, language="ar")
    html = packs.pack_html(pack)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<table class="bars"' in html  # charts as HTML, which WeasyPrint lays out in Arabic
    with pack.file.open("rb") as file:
        assert KEY_MESSAGE in flat(pdf_text(file.read()))


def test_global_pack_by_the_secretariat(secretariat_client, talks):
    pack = made(secretariat_client, kind="global", region="")
    assert pack.region is None
    with pack.file.open("rb") as file:
        line = flat(pdf_text(file.read()))
    assert "GCM Talks — Global pack for the Secretary-General's report, 2025" in line
    assert "Climate mobility in Asia" in line


def test_pack_file_only_for_its_creator_and_the_secretariat(client, africa_network, talks):
    creator = OrganiserMemberFactory(organiser=africa_network).user
    colleague = OrganiserMemberFactory(organiser=africa_network).user
    pack = made(signed_in(client, creator))
    download = f"{PACKS}{pack.pk}/download/"
    assert status(client, download) == 200
    assert status(client, f"{PACKS}{pack.pk}/") == 200
    signed_in(client, colleague)
    assert status(client, download) == 403
    assert status(client, f"{PACKS}{pack.pk}/") == 403
    assert pack.pk not in [p.pk for p in client.get(PACKS).context["packs"]]
    signed_in(client, StaffFactory())
    assert status(client, download) == 200
    client.logout()
    assert status(client, download) == 302


def test_pack_not_ready_is_404_and_its_page_polls_until_done(secretariat_client, talks):
    response = ask(secretariat_client)
    pack = Pack.objects.get()
    assert pack.status == Pack.Status.QUEUED
    assert secretariat_client.get(f"{PACKS}{pack.pk}/download/").status_code == 404
    page = secretariat_client.get(f"{PACKS}{pack.pk}/")
    assert 'hx-trigger="every 1s"' in page.content.decode()
    assert "step 0 of 4" in page.content.decode()
    run_tasks()
    partial = secretariat_client.get(f"{PACKS}{pack.pk}/", headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and 'id="pack-progress"' in body
    assert "hx-trigger" not in body
    assert f"{PACKS}{pack.pk}/download/" in body
    assert response.status_code == 302


def test_pack_pages_are_in_the_layout_with_labelled_controls(secretariat_client, talks):
    check_page(secretariat_client.get(PACKS))
    pack = made(secretariat_client)
    page = secretariat_client.get(f"{PACKS}{pack.pk}/")
    check_page(page)
    assert "GCM Talks — Regional Review pack" not in page.content.decode()  # the PDF's title
    assert "Regional Review pack (one region): Africa" in page.content.decode()


def test_unknown_pack_is_404(secretariat_client):
    assert secretariat_client.get(f"{PACKS}999/").status_code == 404
    assert secretariat_client.get(f"{PACKS}999/download/").status_code == 404


def test_packs_page_costs_the_same_queries_for_one_and_many_packs(secretariat_client, db):
    user = StaffFactory(username="maker")
    africa = Region.objects.get(slug="africa")
    counts = []
    for total in (1, 30):
        Pack.objects.all().delete()
        Pack.objects.bulk_create(
            Pack(kind="regional", region=africa, start=date(2025, 1, 1), end=date(2025, 12, 31),
                 language="en", created_by=user, status=Pack.Status.DONE, total=4, done=4)
            for _ in range(total)
        )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            response = secretariat_client.get(PACKS)
        assert response.status_code == 200
        assert len(response.context["packs"]) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_pack_that_cannot_be_kept_fails_with_a_message(secretariat_client, talks, settings,
                                                        tmp_path):  # fmt: skip
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("the storage cannot write under a file")
    settings.MEDIA_ROOT = blocked
    assert ask(secretariat_client).status_code == 302
    run_tasks()
    pack = Pack.objects.get()
    assert pack.status == Pack.Status.FAILED
    assert "An unexpected error stopped it" in pack.message
    assert not pack.file
    page = secretariat_client.get(f"{PACKS}{pack.pk}/").content.decode()
    assert "The pack could not be made." in page and "hx-trigger" not in page
    assert status(secretariat_client, f"{PACKS}{pack.pk}/download/") == 404
    entries = AuditEntry.objects.filter(object_type="reporting.pack", action="reporting.pack_build")
    assert entries.get().changes["status"] == ["running", "failed"]
