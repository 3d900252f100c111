from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.privacy.services import purge_personal_data
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory

from .conftest import ALICE, BOB, mail, register


def talk_ended(days_ago, audience):
    end = timezone.now() - timedelta(days=days_ago)
    return TalkFactory(start=end - timedelta(hours=1), end=end, audience=audience)


def test_the_purge_takes_only_what_is_due_and_can_run_again(db):
    youth_old = talk_ended(200, Talk.Audience.YOUTH)  # youth: 6 months
    open_recent = talk_ended(200, Talk.Audience.OPEN_TO_ALL)  # open: 12 months
    due = register(youth_old, ALICE)
    kept = register(open_recent, BOB)
    assert purge_personal_data(dry_run=True) == {"registrations": 1, "mail": 0}
    assert Registration.objects.get(pk=due.pk).email == ALICE["email"]  # dry run changes nothing

    assert purge_personal_data()["registrations"] == 1
    due.refresh_from_db(), kept.refresh_from_db()
    assert due.name != ALICE["name"] and due.birth_year is None and due.status == "confirmed"
    assert kept.email == BOB["email"]
    assert purge_personal_data() == {"registrations": 0, "mail": 0}  # idempotent
    assert AuditEntry.objects.filter(action="privacy.purge").count() == 1

    # Half a year later, the open talk's registrations are due too.
    later = timezone.now() + timedelta(days=200)
    assert purge_personal_data(now=later)["registrations"] == 1
    kept.refresh_from_db()
    assert kept.email != BOB["email"] and kept.gender == "female"


def test_sent_mail_loses_its_body_after_its_period(db):
    old = mail("old", ALICE["email"], "Dear Alice")
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=120))
    new = mail("new", BOB["email"], "Dear Bob")
    assert purge_personal_data()["mail"] == 1
    old.refresh_from_db(), new.refresh_from_db()
    assert old.text == "" and old.to != ALICE["email"]
    assert new.text == "Dear Bob"


def test_the_command_prints_what_would_go(db, capsys):
    register(talk_ended(800, Talk.Audience.MEMBER_STATES), ALICE)
    call_command("purge_personal_data", "--dry-run")
    assert "registrations: 1 would be anonymised" in capsys.readouterr().out
    assert Registration.objects.filter(email=ALICE["email"]).exists()
    call_command("purge_personal_data")
    assert not Registration.objects.filter(email=ALICE["email"]).exists()


def test_a_past_talk_keeps_its_status_for_the_statistics(db):
    from gcmtalks.privacy.services import erase_person

    attended = register(
        talk_ended(10, Talk.Audience.OPEN_TO_ALL), ALICE, attended_at=timezone.now()
    )
    erase_person(email=ALICE["email"], by=None)
    attended.refresh_from_db()
    assert attended.status == "confirmed" and attended.attended_at is not None
    assert attended.email != ALICE["email"]
