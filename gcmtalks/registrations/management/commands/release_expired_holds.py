from django.core.management.base import BaseCommand

from gcmtalks.registrations.services import registrations_release_expired


class Command(BaseCommand):
    help = (
        "Free the seats of registrants who did not confirm their email address in time and "
        "move people up from the waiting lists. Run it every few minutes (cron, systemd timer)."
    )

    def handle(self, *args, **options):
        moved = registrations_release_expired()
        self.stdout.write(f"{moved} registrants moved up from waiting lists.")
