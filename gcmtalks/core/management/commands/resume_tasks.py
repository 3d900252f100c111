from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from gcmtalks.core.workers import resume_dead_tasks
from gcmtalks.notifications.tasks import deliver_mail

# Where a worker cannot be seen dead (SQLite), a task running this long is taken as lost;
# on PostgreSQL the wait only spares the lock checks of tasks that will soon end.
LOST_AFTER = timedelta(minutes=5)


class Command(BaseCommand):
    help = "Run again the tasks whose worker died mid-task (mail deliveries are send_due_mail's)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--after", type=float, default=LOST_AFTER.total_seconds(),
            help="Look only at tasks running for at least so many seconds (default: %(default)s).",
        )  # fmt: skip

    def handle(self, *args, after, **options):
        resumed = resume_dead_tasks(
            started_before=timezone.now() - timedelta(seconds=after),
            exclude_path=deliver_mail.module_path,
        )
        self.stdout.write(f"Tasks run again: {len(resumed)}.")
