from django.core.management.base import BaseCommand

from gcmtalks.registrations.services import registrants_remind


class Command(BaseCommand):
    help = "Queue the day-before reminders (with each online participant's join link). Run it every few minutes."

    def handle(self, *args, **options):
        self.stdout.write(f"{registrants_remind()} reminders due (each is sent once).")
