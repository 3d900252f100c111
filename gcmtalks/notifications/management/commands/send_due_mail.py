from django.core.management.base import BaseCommand

from gcmtalks.notifications.services import mail_retry_due


class Command(BaseCommand):
    help = "Queue again the mail whose delivery is overdue (a safety net if a task was lost)."

    def handle(self, *args, **options):
        count = mail_retry_due()
        self.stdout.write(f"Mail queued again: {count}.")
