from django.core.management.base import BaseCommand

from gcmtalks.briefings.services import briefings_send_due


class Command(BaseCommand):
    help = (
        "Send the briefing packs that are due (each registrant gets one). Run it every few minutes."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{briefings_send_due()} briefing packs queued.")
