"""A task worker killed in the middle of a task: the task is run again and finishes once. For
a mail, it is sent once, by the same task run again, and the task and the mail end finished.

django-tasks-db marks a task RUNNING when a worker claims it and nothing ever runs it again if
that worker dies. Each worker holds an advisory lock while it lives (core/workers.py), so
`send_due_mail` (every minute in production) makes ready again a delivery task that has run
longer than the outbox's LOST_AFTER while its worker's lock is free, and `resume_tasks` does
the same for every other task."""

import asyncio
import os
import signal
import time

import pytest

from tests.faults.conftest import LOST_AFTER_SECONDS, django_env, manage, query, wait_for
from tests.smtp import MailServer, free_port

pytestmark = pytest.mark.faults

QUEUE = """
from gcmtalks.notifications.services import mail_queue
mail_queue(to="amina@example.org", subject="You are registered", text="See you.", key="faults:1")
"""


class SlowMailServer(MailServer):
    """Takes each message only after `delay` seconds, and notes the messages that begin to
    arrive and those it drops because the sender went away before it took them."""

    def __init__(self, port):
        super().__init__(port)
        self.arriving, self.dropped = [], []

    async def handle_DATA(self, server, session, envelope):
        self.arriving.extend(envelope.rcpt_tos)
        try:
            return await super().handle_DATA(server, session, envelope)
        except asyncio.CancelledError:  # aiosmtpd cancels the handler when the client is gone
            self.dropped.extend(envelope.rcpt_tos)
            raise


def the_mail(database_url):
    [mail] = query(database_url, "SELECT status, attempts FROM notifications_outgoingmail")
    return mail


def the_task(database_url):
    tasks = query(
        database_url,
        "SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult",
    )
    assert len(tasks) == 1, f"one task expected: {tasks}"
    return tasks[0]


def test_a_worker_killed_mid_send_leaves_its_task_to_finish_once(mail_database, processes):
    server = SlowMailServer(free_port())
    server.delay = 8  # holds the worker in the middle of the send (its timeout is 10 s)
    server.start()
    try:
        env = django_env(mail_database, EMAIL_URL=f"smtp://127.0.0.1:{server.port}")
        first = processes.worker(env, "faults-first")
        manage(env, "shell", "-v0", "-c", QUEUE)
        wait_for(lambda: server.arriving, 30, "the worker sending the mail")
        arrived_at = time.monotonic()
        assert the_task(mail_database)["status"] == "RUNNING"

        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        # The server drops the message it had not taken; the killed worker's transaction is
        # rolled back, so the mail is still queued, its attempt not counted.
        wait_for(lambda: server.dropped, 10, "the server dropping the half-sent message")
        server.delay = 0
        assert the_mail(mail_database) == {"status": "queued", "attempts": 0}

        processes.worker(env, "faults-second")
        wait_for(lambda: "Starting worker" in processes.log("faults-second"), 30, "a new worker")
        time.sleep(max(0.5, arrived_at + LOST_AFTER_SECONDS + 0.5 - time.monotonic()))
        # A new worker alone leaves the task as the dead one left it.
        task = the_task(mail_database)
        assert (task["status"], task["worker_ids"]) == ("RUNNING", ["faults-first"])
        assert server.received == []

        assert manage(env, "send_due_mail").strip() == "Mail queued again: 1."
        wait_for(lambda: server.received, 30, "the mail sent")
        wait_for(lambda: the_task(mail_database)["status"] == "SUCCESSFUL", 10, "the task done")

        # The same task, run by the new worker; no other task; the mail sent once.
        task = the_task(mail_database)
        assert task["worker_ids"] == ["faults-first", "faults-second"]
        assert task["return_value"] is True
        assert the_mail(mail_database) == {"status": "sent", "attempts": 1}
        assert [message["To"] for message in server.received] == ["amina@example.org"]
    finally:
        server.stop()


def test_a_worker_killed_mid_task_leaves_it_to_run_again_once(mail_database, processes, tmp_path):
    note = tmp_path / "note"
    hold = tmp_path / "note.hold"
    hold.touch()
    env = django_env(mail_database)
    first = processes.worker(env, "faults-first")
    enqueue = f"from tests.faults.tasks import note_while_held as t; t.enqueue({str(note)!r})"
    manage(env, "shell", "-v0", "-c", enqueue)
    wait_for(lambda: note.exists() and note.read_text() == "start\n", 30, "the task started")
    # Its worker is alive: the task is left to it.
    assert manage(env, "resume_tasks", "--after", "0").strip() == "Tasks run again: 0."

    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    hold.unlink()
    processes.worker(env, "faults-second")
    wait_for(lambda: "Starting worker" in processes.log("faults-second"), 30, "a new worker")
    time.sleep(0.5)
    task = the_task(mail_database)
    assert (task["status"], task["worker_ids"]) == ("RUNNING", ["faults-first"])

    assert manage(env, "resume_tasks", "--after", "0").strip() == "Tasks run again: 1."
    wait_for(lambda: the_task(mail_database)["status"] == "SUCCESSFUL", 30, "the task done")
    task = the_task(mail_database)
    assert task["worker_ids"] == ["faults-first", "faults-second"]
    assert task["return_value"] == "done"
    assert note.read_text() == "start\nstart\nend\n"
