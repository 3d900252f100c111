"""Mail from queue to a real SMTP server, through the database task worker."""

import threading
import time
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar, Event

from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.notifications.services import mail_deliver, mail_queue, mail_retry_due
from tests.smtp import run_tasks

# Commits and rollbacks are real here: the task is queued when the caller's transaction
# commits, and the worker and the mail server see only what was committed. serialized_rollback
# puts the migrations' data back, as other transactional tests expect (on PostgreSQL a plain
# flush re-creates content types under new ids, which their restore then collides with).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("smtp_settings"),
]

START = datetime(2027, 5, 4, 13, 0, tzinfo=UTC)


def invitation() -> bytes:
    event = Event()
    event.add("uid", "talk-7@gcmtalks")
    event.add("summary", "Regional review: Africa")
    event.add("dtstart", START)
    event.add("dtend", START + timedelta(minutes=90))
    calendar = Calendar()
    calendar.add("prodid", "-//GCM Talks//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    return calendar.to_ical()


def queue(key="registration:42:confirm", **fields):
    with transaction.atomic():
        return mail_queue(
            to="amina@example.org",
            subject="You are registered",
            text="See you on 4 May.",
            key=key,
            **fields,
        )


def test_a_queued_mail_arrives_with_its_invitation(mail_server):
    mail = queue(
        html="<p>See you on 4 May.</p>",
        attachments=[("talk.ics", invitation(), "text/calendar")],
        language="fr",
    )
    run_tasks()

    [received] = mail_server.received
    assert received["To"] == "amina@example.org"
    assert received["Subject"] == "You are registered"
    assert received["Content-Language"] == "fr"
    assert received.get_body(("plain",)).get_content().strip() == "See you on 4 May."
    assert received.get_body(("html",)).get_content().strip() == "<p>See you on 4 May.</p>"
    [attachment] = received.iter_attachments()
    assert attachment.get_filename() == "talk.ics"
    assert attachment.get_content_type() == "text/calendar"
    [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(event["summary"]) == "Regional review: Africa"
    assert event.decoded("dtstart") == START
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == ("sent", 1, "")
    assert mail.sent_at is not None and mail.next_attempt_at is None
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["mail.queue", "mail.send"]


def test_the_same_key_twice_sends_one_mail(mail_server):
    first = queue()
    again = queue(attachments=[("talk.ics", invitation(), "text/calendar")])
    run_tasks()
    assert again.pk == first.pk
    assert len(mail_server.received) == 1
    assert OutgoingMail.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_a_rolled_back_transaction_sends_nothing(mail_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue(to="amina@example.org", subject="Registered", text="…", key="registration:7")
        raise RuntimeError("the registration failed after the mail was queued")
    run_tasks()
    assert mail_server.received == []
    assert not OutgoingMail.objects.exists() and not DBTaskResult.objects.exists()


def test_a_mail_waits_while_the_server_is_down_and_arrives_once(mail_server):
    mail_server.stop()
    mail = queue()
    run_tasks()

    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in mail.last_error
    wait = mail.next_attempt_at - timezone.now()
    assert timedelta(seconds=20) < wait <= timedelta(seconds=30)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == mail.next_attempt_at

    mail_server.start()
    run_tasks()  # the retry is not due yet
    assert mail_server.received == []

    in_an_hour = timezone.now() + timedelta(hours=1)
    assert mail_retry_due(now=in_an_hour) == 1
    run_tasks()
    assert len(mail_server.received) == 1
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("sent", 2)

    # Later the scheduled retry runs too, and mail_retry_due finds nothing: no second copy.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    assert mail_retry_due(now=in_an_hour) == 0
    run_tasks()
    assert len(mail_server.received) == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3


def test_attempts_wait_longer_each_time_then_stop_after_a_day(mail_server):
    mail_server.stop()
    mail = queue()
    waits = []
    for _ in range(4):
        mail_deliver(mail_id=mail.pk)
        mail.refresh_from_db()
        waits.append(round((mail.next_attempt_at - timezone.now()).total_seconds() / 10) * 10)
    assert waits == [30, 120, 600, 3600]

    OutgoingMail.objects.filter(pk=mail.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert mail_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.next_attempt_at) == ("failed", 5, None)
    assert AuditEntry.objects.filter(action="mail.fail", object_id=str(mail.pk)).exists()
    assert mail_deliver(mail_id=mail.pk) is False  # a failed mail is not tried again
    mail.refresh_from_db()
    assert mail.attempts == 5


def test_a_mail_whose_task_was_lost_is_sent_by_send_due_mail(mail_server):
    mail = queue()
    DBTaskResult.objects.all().delete()  # the queue lost the task
    OutgoingMail.objects.filter(pk=mail.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=10)
    )
    out = StringIO()
    call_command("send_due_mail", stdout=out)
    assert out.getvalue().strip() == "Mail queued again: 1."
    run_tasks()
    assert len(mail_server.received) == 1
    assert mail_retry_due() == 0


def test_a_just_queued_mail_is_left_to_its_own_task(mail_server):
    queue()
    assert mail_retry_due() == 0
    run_tasks()
    assert len(mail_server.received) == 1


def deliver_like_a_worker(mail_id: int) -> bool:
    """mail_deliver, waiting for SQLite's write lock as the file database does (timeout=20):
    the in-memory test database (shared cache) refuses a second writer at once instead."""
    deadline = time.monotonic() + 10
    while True:
        try:
            return mail_deliver(mail_id=mail_id)
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_two_workers_deliver_the_same_mail_once(mail_server):
    mail = queue()
    mail_server.delay = 0.5  # the first sender is still talking to the server
    start = threading.Barrier(2)
    results = []

    def worker():
        try:
            start.wait()
            results.append(deliver_like_a_worker(mail.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False, True]
    assert len(mail_server.received) == 1
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == ("sent", 1)


def test_a_mail_to_a_bad_address_is_refused_at_once():
    with pytest.raises(ValidationError):
        mail_queue(to="not an address", subject="Registered", text="…", key="registration:9")
    with pytest.raises(ValueError, match="one line"):
        mail_queue(to="a@example.org", subject="Two\nlines", text="…", key="registration:9")
    assert not OutgoingMail.objects.exists() and not DBTaskResult.objects.exists()


def test_a_mail_that_cannot_be_built_fails_at_once(mail_server):
    mail = queue(attachments=[("talk.ics", invitation(), "text/calendar")])
    OutgoingMail.objects.filter(pk=mail.pk).update(
        attachments=[{"filename": "talk.ics", "content_type": "text/calendar", "content": "a"}]
    )
    assert mail_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.next_attempt_at) == ("failed", 1, None)
    assert mail.last_error.startswith("Error: ")  # binascii.Error: incorrect padding
    assert mail_server.received == []
