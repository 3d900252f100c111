"""Task workers that can be seen dead, and the tasks a dead one leaves behind.

django-tasks-db marks a task RUNNING when a worker claims it and never runs it again if that
worker dies. So on PostgreSQL each worker (`manage.py db_worker`, core's own) holds an
advisory lock named after its id, on a connection of its own, for as long as it lives: the
server frees the lock when the process dies, however it dies. A RUNNING task whose worker's
lock is free has lost its worker, and `resume_dead_tasks` makes it ready again. Tasks take
ids and call services that are safe to repeat, so running one again does no harm.

SQLite (one machine, development) has no such locks: there a task running for longer than
the caller's limit is taken as lost."""

import contextlib
import hashlib
import logging
import threading
from datetime import datetime

from django.db import DatabaseError, connections
from django.utils import timezone

logger = logging.getLogger(__name__)


class WorkerIdInUse(Exception):
    pass


def lock_key(worker_id: str) -> int:
    digest = hashlib.sha256(f"gcmtalks.worker:{worker_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def hold_lock(worker_id: str):
    """Take the worker's lock on a new connection (PostgreSQL), kept open by the caller for
    the worker's life."""
    connection = connections.create_connection("default")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_key(worker_id)])
        if not cursor.fetchone()[0]:
            connection.close()
            raise WorkerIdInUse(f"Another live worker has the id {worker_id!r}.")
    return connection


class LockKeeper(threading.Thread):
    """Holds the worker's lock from a thread of its own, and takes it again on a new
    connection when the database has dropped the old one (a restart): otherwise the worker
    would look dead for the rest of its life."""

    def __init__(self, worker_id: str, every: float = 10.0):
        super().__init__(daemon=True, name=f"worker lock {worker_id}")
        self.worker_id, self.every = worker_id, every
        self.connection, self.error = None, None
        self.ready, self.stopping = threading.Event(), threading.Event()

    def begin(self) -> "LockKeeper":
        """Start, and return once the lock is held (WorkerIdInUse if it cannot be)."""
        self.start()
        self.ready.wait()
        if self.error:
            raise self.error
        return self

    def run(self) -> None:
        try:
            self.connection = hold_lock(self.worker_id)
        except (DatabaseError, WorkerIdInUse) as error:
            self.error = error
        self.ready.set()
        while self.error is None and not self.stopping.wait(self.every):
            if not self.held():
                self.take_again()
        self.close()

    def held(self) -> bool:
        if self.connection is None:  # not taken again yet
            return False
        try:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except DatabaseError:
            return False

    def take_again(self) -> None:
        self.close()
        try:
            self.connection = hold_lock(self.worker_id)
            logger.warning("Worker %s: its lock was lost with its connection; held again",
                           self.worker_id)  # fmt: skip
        except (DatabaseError, WorkerIdInUse):
            logger.warning("Worker %s: its lock cannot be taken again yet", self.worker_id)

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(DatabaseError):
                self.connection.close()
            self.connection = None

    def stop(self) -> None:
        self.stopping.set()
        self.join()


def keep_lock(worker_id: str) -> LockKeeper | None:
    """The worker's lock, held for its life; None on a database without advisory locks."""
    if connections["default"].vendor != "postgresql":
        return None
    return LockKeeper(worker_id).begin()


def worker_alive(worker_id: str) -> bool:
    """Whether the worker's lock is held (always False where there are no such locks)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return False
    key = lock_key(worker_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        free = cursor.fetchone()[0]
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    return not free


def resume_dead_tasks(*, started_before: datetime, task_path: str | None = None,
                      exclude_path: str | None = None) -> list[dict]:  # fmt: skip
    """Make ready again the tasks running since before `started_before` whose worker is
    dead (one task path, or all but one); their arguments, as django-tasks-db keeps them."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.running().filter(started_at__lte=started_before)
    if task_path:
        running = running.filter(task_path=task_path)
    if exclude_path:
        running = running.exclude(task_path=exclude_path)
    resumed = []
    for pk, path, args_kwargs, worker_ids in running.values_list(
        "pk", "task_path", "args_kwargs", "worker_ids"
    ):
        if worker_ids and worker_alive(worker_ids[-1]):
            continue
        # Still RUNNING: its worker may have finished it meanwhile.
        still = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING)
        if still.update(status=TaskResultStatus.READY, run_after=timezone.now()):
            logger.warning("Task %s (%s): its worker died; it runs again", pk, path)
            resumed.append(args_kwargs)
    return resumed
