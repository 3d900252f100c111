from django.core.management.base import BaseCommand

from gcmtalks.recordings.announce import announce_outcomes, talks_to_announce


class Command(BaseCommand):
    help = (
        "Tell the registrants of talks held in the last 90 days about their published "
        "recordings and summary reports (each person once). Run it every hour or so."
    )

    def handle(self, *args, **options):
        queued = sum(announce_outcomes(talk_id=pk) for pk in talks_to_announce())
        self.stdout.write(f"{queued} announcements queued (each is sent once).")
