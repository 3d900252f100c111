"""The one way to send mail: queue it in the caller's transaction, deliver it from a task.

A mail is a row first (the outbox), so nothing is lost while the mail server is down: the task
only tries to send it, and a failed attempt schedules the next one with a longer wait.
"""

import base64
import logging
import smtplib
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from gcmtalks.core import audit
from gcmtalks.core.workers import resume_dead_tasks

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# The wait after the 1st, 2nd, … failed attempt; the last one repeats.
RETRY_DELAYS = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=3),
    timedelta(hours=6),
)
# Attempts stop this long after the mail was queued (the last one at this moment): the mail
# is then failed, and the admin shows it with its error.
GIVE_UP_AFTER = timedelta(hours=24)
# A mail still queued this long after its attempt was due has lost its task (a worker killed
# mid-task, a queue emptied by hand): mail_retry_due queues it again. Before that its own
# task is still expected, and a second one would only shorten the wait between attempts.
LOST_AFTER = timedelta(minutes=5)
# These waits are multiplied by settings.MAIL_RETRY_SCALE (1 but in the fault tests).
# What a mail server that is down, slow or refusing looks like (smtplib's errors and socket
# timeouts are OSErrors too). Anything else is a fault in the mail itself: no retry.
SERVER_ERRORS = (smtplib.SMTPException, OSError)
# Headers the outbox writes itself: a sender's extra headers cannot replace them.
OWN_HEADERS = frozenset(
    {"from", "to", "cc", "bcc", "subject", "date", "message-id", "content-language",
     "content-type", "content-transfer-encoding", "mime-version"}
)  # fmt: skip


def mail_queue(
    *,
    to: str,
    subject: str,
    text: str,
    key: str,
    html: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    language: str = "en",
    headers: dict[str, str] | None = None,
) -> OutgoingMail:
    """Keep a mail to send once the caller's transaction commits; the same key is sent once.

    `attachments` are (filename, content, content type), e.g. ("talk.ics", data, "text/calendar");
    `headers` are extra ones such as Reply-To or List-Unsubscribe.
    """
    validate_email(to)
    if "\n" in subject or "\r" in subject:
        raise ValueError("A mail subject is one line.")
    headers = dict(headers or {})
    check_headers(headers)
    with transaction.atomic():
        mail, created = OutgoingMail.objects.get_or_create(
            key=key,
            defaults={
                "to": to,
                "subject": subject,
                "text": text,
                "html": html or "",
                "attachments": [encode_attachment(*attachment) for attachment in attachments],
                "language": language,
                "headers": headers,
                "next_attempt_at": timezone.now(),
            },
        )
        if created:
            changes = audit.diff({}, {"to": to, "subject": subject, "key": key})
            audit.record(obj=mail, action="mail.queue", changes=changes)
            # robust: the caller's work is committed whatever happens to the queue; a mail
            # whose task was not queued is picked up by mail_retry_due.
            transaction.on_commit(partial(enqueue, mail_id=mail.pk), robust=True)
    return mail


def mail_deliver(*, mail_id: int) -> bool:
    """Try to send one queued mail; True if this call sent it.

    The row stays locked while the server is spoken to, so a mail is sent once however many
    workers hold its task: on PostgreSQL the others skip the locked row, on SQLite they wait
    for the write lock (taken when the transaction begins) and then find the mail sent.
    """
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status=OutgoingMail.Status.QUEUED)
            .first()
        )
        if mail is None:
            return False
        mail.attempts += 1
        try:
            build_message(mail).send()
        except SERVER_ERRORS as error:
            attempt_failed(mail, error, retry=True)
            return False
        except Exception as error:
            logger.exception("Mail %s cannot be sent", mail.pk)
            attempt_failed(mail, error, retry=False)
            return False
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.next_attempt_at = None
        mail.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at"])
        audit.record(obj=mail, action="mail.send", changes={"status": ["queued", "sent"]})
    return True


def mail_erase(*, key_prefix: str) -> int:
    """Forget the mail kept under keys starting with `key_prefix` (sent or not: a queued one
    is then never sent), when the person it was for is erased. Returns how many."""
    if not key_prefix:
        raise ValueError("Erasing needs a key prefix.")
    return OutgoingMail.objects.filter(key__startswith=key_prefix).delete()[0]


def mail_retry_due(*, now: datetime | None = None) -> int:
    """Queue again the mail whose attempt is overdue: its task was lost, or its worker died
    in the middle (that task then runs again); how many."""
    lost_since = (now or timezone.now()) - scaled(LOST_AFTER)
    from .tasks import deliver_mail  # tasks.py imports this module

    resumed = {
        task["kwargs"]["mail_id"]
        for task in resume_dead_tasks(started_before=lost_since, task_path=deliver_mail.module_path)
    }
    overdue = OutgoingMail.objects.filter(
        status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=lost_since
    ).exclude(pk__in=resumed)
    mail_ids = list(overdue.values_list("pk", flat=True))
    for mail_id in mail_ids:
        enqueue(mail_id=mail_id)
    return len(resumed) + len(mail_ids)


def scaled(wait: timedelta) -> timedelta:
    return wait * settings.MAIL_RETRY_SCALE


def mail_retry_now(*, mail: OutgoingMail, by) -> bool:
    """Attempt a queued or failed mail again at once (the admin's "retry now")."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if mail.status == OutgoingMail.Status.SENT:
            return False
        before = mail.status
        mail.status = OutgoingMail.Status.QUEUED
        mail.next_attempt_at = timezone.now()
        mail.save(update_fields=["status", "next_attempt_at"])
        audit.record(obj=mail, action="mail.retry", by=by, changes={"status": [before, "queued"]})
        transaction.on_commit(partial(enqueue, mail_id=mail.pk), robust=True)
    return True


def attempt_failed(mail: OutgoingMail, error: Exception, *, retry: bool) -> None:
    now = timezone.now()
    mail.last_error = f"{type(error).__name__}: {error}"[:255]
    give_up_at = mail.created_at + scaled(GIVE_UP_AFTER)
    if retry and now < give_up_at:
        delay = scaled(RETRY_DELAYS[min(mail.attempts, len(RETRY_DELAYS)) - 1])
        mail.next_attempt_at = min(now + delay, give_up_at)
        transaction.on_commit(
            partial(enqueue, mail_id=mail.pk, run_after=mail.next_attempt_at), robust=True
        )
    else:
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        changes = {"status": ["queued", "failed"], "last_error": [None, mail.last_error]}
        audit.record(obj=mail, action="mail.fail", changes=changes)
    mail.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def enqueue(*, mail_id: int, run_after: datetime | None = None) -> None:
    from .tasks import deliver_mail  # tasks.py imports this module

    deliver_mail.using(run_after=run_after).enqueue(mail_id=mail_id)


def check_headers(headers: dict[str, str]) -> None:
    for name, value in headers.items():
        if not name.replace("-", "").isalnum() or name.lower() in OWN_HEADERS:
            raise ValueError(f"The outbox does not take a {name!r} header.")
        if not isinstance(value, str) or "\n" in value or "\r" in value:
            raise ValueError(f"The {name} header is one line of text.")


def encode_attachment(filename: str, content: bytes, content_type: str) -> dict:
    return {
        "filename": filename,
        "content_type": content_type,
        "content": base64.b64encode(content).decode("ascii"),
    }


def build_message(mail: OutgoingMail) -> EmailMultiAlternatives:
    host = urlsplit(settings.SITE_URL).hostname or "gcmtalks"
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        to=[mail.to],
        # The same Message-ID on every attempt: if a worker dies after the server took the
        # mail but before it was marked sent, mail clients can show the second copy as one.
        headers={
            **mail.headers,
            "Message-ID": f"<mail-{mail.pk}.{mail.created_at:%Y%m%d%H%M%S}@{host}>",
            "Content-Language": mail.language,
        },
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for attachment in mail.attachments:
        content = base64.b64decode(attachment["content"])
        message.attach(attachment["filename"], content, attachment["content_type"])
    return message
