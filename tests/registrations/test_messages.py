from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.services import (
    registrants_notify_change,
    registrants_remind,
    registration_confirm_email,
    registration_create,
)
from gcmtalks.talks.forms import TalkForm
from gcmtalks.talks.models import Talk
from gcmtalks.talks.services import talk_save
from tests.registrations.conftest import person
from tests.smtp import run_tasks

pytestmark = pytest.mark.django_db


def registered(talk, n, confirm=True, capture=None):
    form = RegistrationForm(person(n), talk=talk)
    assert form.is_valid(), form.errors
    with capture(execute=True):
        registration = registration_create(talk=talk, registration=form.save())[0]
        if confirm:
            registration = registration_confirm_email(registration=registration)
    run_tasks()  # the registrant's mails are written by tasks
    return registration


def test_confirmation_carries_a_calendar_invitation(open_talk, django_capture_on_commit_callbacks):
    registered(open_talk, 1, capture=django_capture_on_commit_callbacks)
    mail = OutgoingMail.objects.filter(to="person1@example.org").latest("id")
    (attachment,) = mail.attachments
    import base64

    cal = Calendar.from_ical(base64.b64decode(attachment["content"]))
    assert str(cal["METHOD"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == open_talk.start
    assert "Geneva time" in mail.text


def test_a_new_time_tells_every_registrant_once(
    open_talk, staff, django_capture_on_commit_callbacks
):
    from gcmtalks.api.talks import form_data

    for n in (1, 2):
        registered(open_talk, n, capture=django_capture_on_commit_callbacks)
    new_start = (open_talk.start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with django_capture_on_commit_callbacks(execute=True):
        talk = talk_save(
            form=TalkForm(
                {**form_data(open_talk), "start": new_start, "end": ""}, instance=open_talk
            ),
            by=staff,
        )
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="notify_registrants_of_change").exists()
    assert registrants_notify_change(talk_id=talk.pk, sequence=talk.sequence) == 2
    assert registrants_notify_change(talk_id=talk.pk, sequence=talk.sequence) == 2
    changes = OutgoingMail.objects.filter(subject__startswith="New time")
    assert changes.count() == 2  # the second run queued nothing new
    assert registrants_notify_change(talk_id=talk.pk, sequence=talk.sequence - 1) == 0


def test_reminders_go_once_per_start_time(open_talk, django_capture_on_commit_callbacks):
    registered(open_talk, 1, capture=django_capture_on_commit_callbacks)
    registered(open_talk, 2, confirm=False, capture=django_capture_on_commit_callbacks)
    day_before = open_talk.start - timedelta(hours=20)
    assert registrants_remind(now=day_before) == 1
    registrants_remind(now=day_before)
    assert OutgoingMail.objects.filter(subject__startswith="Tomorrow").count() == 1
    Talk.objects.filter(pk=open_talk.pk).update(
        start=open_talk.start + timedelta(hours=2), end=open_talk.end + timedelta(hours=2)
    )
    registrants_remind(now=day_before + timedelta(hours=1))
    assert OutgoingMail.objects.filter(subject__startswith="Tomorrow").count() == 2
    assert registrants_remind(now=timezone.now()) == 0  # ten days before: nothing due


def test_a_declined_registrant_is_told_why(open_talk, staff, django_capture_on_commit_callbacks):
    from gcmtalks.registrations.services import registration_decline

    registration = registered(open_talk, 1, capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        registration_decline(
            registration=registration, by=staff, reason="This talk is for government participants."
        )
    run_tasks()
    mail = OutgoingMail.objects.filter(to="person1@example.org").latest("id")
    assert "was declined" in mail.text and "This talk is for government participants." in mail.text
