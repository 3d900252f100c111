"""django-tasks-db's worker, holding its lock while it lives (core/workers.py)."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from gcmtalks.core import workers


class Command(DatabaseWorker):
    def handle(self, *args, worker_id: str, reload: bool, **options):
        # With --reload the process that runs tasks is the reloader's child.
        if not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            try:
                self.lock = workers.keep_lock(worker_id)
            except workers.WorkerIdInUse as error:
                raise CommandError(str(error)) from None
        super().handle(*args, worker_id=worker_id, reload=reload, **options)
