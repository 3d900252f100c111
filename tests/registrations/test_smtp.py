"""Registration mail through a real SMTP server (aiosmtpd on loopback) and the task worker."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from gcmtalks.notifications.services import mail_retry_due
from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.registrations.services import registration_confirm_email, registration_create
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days
from tests.registrations.conftest import person
from tests.smtp import run_tasks

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("smtp_settings"),
]


@pytest.fixture
def talk():
    talk = TalkFactory(slug="smtp-talk", registration_mode=Talk.Registration.OPEN,
                       format=Talk.Format.ONLINE, start=in_days(12), languages=["en"])  # fmt: skip
    Settings.objects.create(talk=talk, capacity_online=10)
    return talk


def register(talk, n):
    form = RegistrationForm(person(n), talk=talk)
    assert form.is_valid(), form.errors
    return registration_create(talk=talk, registration=form.save())[0]


def test_confirmation_mails_arrive_with_a_valid_invitation(talk, mail_server):
    registration = register(talk, 1)
    run_tasks()
    (first,) = mail_server.received
    assert first["To"] == "person1@example.org" and "Please confirm" in first["Subject"]
    assert "/registrations/" in first.get_body(("plain",)).get_content()

    registration_confirm_email(registration=registration)
    run_tasks()
    confirmed = mail_server.received[1]
    (attachment,) = [part for part in confirmed.iter_attachments()]
    cal = Calendar.from_ical(attachment.get_payload(decode=True))
    assert str(cal["METHOD"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert (
        event.decoded("DTSTART") == talk.start and str(event["UID"]) == f"talk-{talk.pk}@gcmtalks"
    )
    assert "Geneva time" in confirmed.get_body(("plain",)).get_content()


def test_with_the_mail_server_down_registrations_are_kept_and_mail_goes_once_it_is_back(
    talk, mail_server
):
    mail_server.stop()
    for n in (1, 2, 3):
        register(talk, n)
    run_tasks()
    assert Registration.objects.filter(talk=talk).count() == 3
    mail_server.start()
    assert mail_retry_due(now=timezone.now() + timedelta(hours=1)) == 3
    run_tasks()
    run_tasks()
    assert sorted(m["To"] for m in mail_server.received) == [
        "person1@example.org", "person2@example.org", "person3@example.org"
    ]  # fmt: skip
    assert mail_retry_due(now=timezone.now() + timedelta(hours=2)) == 0
    run_tasks()
    assert len(mail_server.received) == 3
