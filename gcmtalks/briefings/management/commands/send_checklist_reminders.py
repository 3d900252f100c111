from django.core.management.base import BaseCommand

from gcmtalks.briefings.services import checklist_remind


class Command(BaseCommand):
    help = "Remind owners of checklist items due within two days or overdue (once a day each). Run it every few minutes."

    def handle(self, *args, **options):
        self.stdout.write(f"{checklist_remind()} checklist reminders queued.")
