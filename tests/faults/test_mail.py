"""The mail server down, then up again: no mail lost, none sent twice.

Two real task workers (`manage.py db_worker`) send 20 mails, queued by the app's own code in
another process, to a real SMTP server (aiosmtpd) that is not listening at first."""

from collections import Counter

import pytest

from tests.faults.conftest import django_env, manage, query, wait_for
from tests.smtp import MailServer, free_port

pytestmark = pytest.mark.faults

PEOPLE = [f"person{n}@example.org" for n in range(20)]
QUEUE = f"""
from gcmtalks.notifications.services import mail_queue
for n, to in enumerate({PEOPLE!r}):
    mail_queue(to=to, subject=f"Talk {{n}}", text="Your registration.", key=f"faults:{{n}}")
"""


def outbox(database_url):
    return query(
        database_url,
        'SELECT id, "to", status, attempts, last_error FROM notifications_outgoingmail',
    )


def tasks(database_url):
    return query(
        database_url,
        "SELECT (args_kwargs->'kwargs'->>'mail_id')::int AS mail_id, status"
        " FROM django_tasks_database_dbtaskresult",
    )


def test_mail_queued_while_the_server_is_down_arrives_once_when_it_is_back(
    mail_database, processes
):
    server = MailServer(free_port())  # not started yet: its port refuses connections
    env = django_env(mail_database, EMAIL_URL=f"smtp://127.0.0.1:{server.port}")
    for n in (1, 2):
        processes.worker(env, f"faults-mail-{n}")
    manage(env, "shell", "-v0", "-c", QUEUE)

    # Each mail is tried and tried again, and stays queued: none is sent, none given up.
    wait_for(
        lambda: (rows := outbox(mail_database)) and all(row["attempts"] >= 2 for row in rows),
        40,
        "two failed attempts for every mail",
    )
    rows = outbox(mail_database)
    assert sorted(row["to"] for row in rows) == sorted(PEOPLE)
    assert {row["status"] for row in rows} == {"queued"}
    assert all("ConnectionRefusedError" in row["last_error"] for row in rows)

    server.start()
    try:
        wait_for(
            lambda: {row["status"] for row in outbox(mail_database)} == {"sent"},
            40,
            "every mail sent once the server is back",
        )
        # Every task has ended, so no retry is left that could send a second copy…
        wait_for(
            lambda: {task["status"] for task in tasks(mail_database)} == {"SUCCESSFUL"},
            10,
            "every delivery task done",
        )
        # …and the safety net for lost tasks finds nothing to send again.
        assert manage(env, "send_due_mail").strip() == "Mail queued again: 0."

        assert Counter(message["To"] for message in server.received) == Counter(PEOPLE)
        # One task per attempt: the first, then one per failed attempt, none doubled.
        per_mail = Counter(task["mail_id"] for task in tasks(mail_database))
        rows = outbox(mail_database)
        assert {row["id"]: row["attempts"] for row in rows} == per_mail
        assert all(row["attempts"] >= 3 for row in rows)  # sent by a retry
    finally:
        server.stop()
