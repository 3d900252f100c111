from django.core.management.base import BaseCommand

from gcmtalks.circulation.services import talks_announce


class Command(BaseCommand):
    help = (
        "Mail each newly published talk to the subscribers who asked for announcements and "
        "whose choices it matches (each talk once). Run it every few minutes."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{talks_announce()} announcements queued.")
