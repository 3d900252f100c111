from django.core.management.base import BaseCommand

from gcmtalks.privacy.services import purge_personal_data


class Command(BaseCommand):
    help = "Anonymise registrations and outgoing mail past their retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only print what would go.")

    def handle(self, *args, dry_run=False, **options):
        counts = purge_personal_data(dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb}")
