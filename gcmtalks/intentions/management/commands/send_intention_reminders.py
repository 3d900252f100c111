from django.core.management.base import BaseCommand

from gcmtalks.intentions.services import intentions_remind


class Command(BaseCommand):
    help = (
        "Mail owners the pledge intentions due within three days or overdue (one mail per "
        "owner a day). Run it every few minutes."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{intentions_remind()} owners reminded.")
