from django.core.management.base import BaseCommand

from gcmtalks.talks.seed import load_seed_calendar


class Command(BaseCommand):
    help = "Load the talks of the public GCM Talks page (2023 and 2024) as demo data."

    def handle(self, *args, **options):
        created, changed = load_seed_calendar()
        self.stdout.write(f"Seed calendar: {created} talks created, {changed} changed.")
