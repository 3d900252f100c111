"""A task whose worker died is run again; a live worker's task is left to it."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gcmtalks.core import workers
from gcmtalks.notifications.tasks import deliver_mail
from gcmtalks.registrations.tasks import notify_registrants_of_change

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's"
)


def running(task, worker_id, minutes_ago=10):
    result = task.enqueue(1, 1) if task is notify_registrants_of_change else task.enqueue(1)
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=[worker_id],
    )
    return result.id


def status(task_id):
    return DBTaskResult.objects.get(id=task_id).status


def resume_tasks():
    out = StringIO()
    call_command("resume_tasks", stdout=out)
    return out.getvalue().strip()


@postgres_only
def test_the_task_of_a_live_worker_is_left_and_a_dead_ones_runs_again():
    alive = workers.hold_lock("worker-alive")
    try:
        left = running(notify_registrants_of_change, "worker-alive")
        lost = running(notify_registrants_of_change, "worker-gone")
        assert workers.worker_alive("worker-alive") and not workers.worker_alive("worker-gone")
        assert resume_tasks() == "Tasks run again: 1."
        assert (status(left), status(lost)) == ("RUNNING", "READY")
        assert resume_tasks() == "Tasks run again: 0."
    finally:
        alive.close()  # the worker dies: the server frees its lock
    assert not workers.worker_alive("worker-alive")
    assert resume_tasks() == "Tasks run again: 1."
    assert status(left) == "READY"


@postgres_only
def test_two_live_workers_cannot_share_an_id():
    first = workers.hold_lock("worker-twin")
    try:
        with pytest.raises(workers.WorkerIdInUse):
            workers.hold_lock("worker-twin")
    finally:
        first.close()
    workers.hold_lock("worker-twin").close()


def test_a_task_that_just_started_is_left_to_its_worker():
    task_id = running(notify_registrants_of_change, "worker-gone", minutes_ago=1)
    assert resume_tasks() == "Tasks run again: 0."
    assert status(task_id) == "RUNNING"


def test_mail_deliveries_are_left_to_send_due_mail():
    task_id = running(deliver_mail, "worker-gone")
    assert resume_tasks() == "Tasks run again: 0."
    assert status(task_id) == "RUNNING"


def test_a_finished_task_is_not_run_again():
    task_id = running(notify_registrants_of_change, "worker-gone")
    DBTaskResult.objects.filter(id=task_id).update(status="SUCCESSFUL")
    assert resume_tasks() == "Tasks run again: 0."
    assert status(task_id) == "SUCCESSFUL"


@postgres_only
def test_a_worker_takes_its_lock_again_when_the_database_dropped_its_connection():
    keeper = workers.LockKeeper("worker-kept", every=0.05).begin()
    try:
        first = keeper.connection.connection.info.backend_pid
        assert workers.worker_alive("worker-kept")
        with connection.cursor() as cursor:  # what a database restart does to it
            cursor.execute("SELECT pg_terminate_backend(%s)", [first])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            again = keeper.connection
            if (
                again is not None
                and again.connection
                and again.connection.info.backend_pid != first
            ):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the lock was not taken again within 10 s")
        assert workers.worker_alive("worker-kept")
    finally:
        keeper.stop()
    assert not workers.worker_alive("worker-kept")
