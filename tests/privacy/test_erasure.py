import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django_tasks_db.models import DBTaskResult as TaskResult

from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.privacy import people
from gcmtalks.privacy.people import PARTICIPANT_REMOVED
from gcmtalks.privacy.services import NothingToErase, erase_person
from gcmtalks.registrations.models import Registration
from tests.smtp import run_tasks

from .conftest import ALICE, BOB


def database_text() -> str:
    """dumpdata of every app plus every table's raw rows."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    parts = [out.getvalue()]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.append(repr(cursor.fetchall()))
    return "\n".join(parts).lower()


def statistics():
    return list(
        Registration.objects.values("talk", "attendance_mode", "gender", "country")
        .annotate(n=Count("pk"))
        .order_by("talk", "gender")
    )


def test_export_holds_the_persons_records_and_nothing_of_another(world):
    data = people.export(people.find_person(ALICE["email"]))
    assert len(data["registrations"]) == 2
    assert {r["name"] for r in data["registrations"]} == {ALICE["name"]}
    assert data["speaker_entries"][0]["email"] == ALICE["email"]
    assert data["account"][0]["username"] == "aliceq"
    assert len(data["mail"]) == 2  # the one to her and the notice naming her
    text = repr(data).lower()
    assert "bob" not in text and "thistlewood" not in text


def test_erasure_leaves_no_trace_of_the_person_but_keeps_the_counts(
    world, django_capture_on_commit_callbacks
):
    before = statistics()
    text = database_text()
    assert ALICE["email"] in text and ALICE["name"].lower() in text and "quartermaine" in text

    with django_capture_on_commit_callbacks(execute=True):
        counts = erase_person(email=ALICE["email"], by=world["secretariat"])
    queued, mails = TaskResult.objects.count(), OutgoingMail.objects.count()
    run_tasks()  # the cancellations' mail tasks: nothing is written to the erased address
    assert queued and OutgoingMail.objects.count() == mails

    text = database_text()
    for trace in (ALICE["email"], ALICE["name"].lower(), "quartermaine", "aliceq"):
        assert trace not in text, trace
    assert BOB["email"] in text and BOB["name"].lower() in text  # the other person untouched
    assert statistics() == before
    assert counts["registrations"] == 2 and counts["speaker_entries"] == 1
    entry = AuditEntry.objects.filter(action="privacy.erase").get()
    assert entry.actor == world["secretariat"]
    assert entry.changes["records"]["registrations"] == 2
    statuses = Registration.objects.filter(name=PARTICIPANT_REMOVED).values_list(
        "status", flat=True
    )
    assert set(statuses) == {"cancelled"}  # talks to come: the seats went back
    world["alice"].refresh_from_db()
    assert not world["alice"].is_active and not world["alice"].has_usable_password()


def test_erasing_twice_or_an_unknown_address_changes_nothing(world):
    erase_person(email=ALICE["email"], by=world["secretariat"])
    with pytest.raises(NothingToErase):
        erase_person(email=ALICE["email"], by=world["secretariat"])
    with pytest.raises(NothingToErase):
        erase_person(email="nobody@example.org", by=world["secretariat"])
    assert AuditEntry.objects.filter(action="privacy.erase").count() == 1
