from django.core.management.base import BaseCommand, CommandError

from gcmtalks.branding import assets


class Command(BaseCommand):
    help = (
        "Write static/branding/ (tokens.css, the logo as SVG and PNG) from "
        "gcmtalks/branding/tokens.py and logo.py. --check only reports stale files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if a file differs; write nothing."
        )

    def handle(self, *args, check=False, **options):
        if check:
            stale = assets.stale()
            if stale:
                raise CommandError(
                    "Out of date (run manage.py branding_assets): " + ", ".join(stale)
                )
            self.stdout.write("static/branding/ is up to date.")
            return
        changed = assets.write()
        self.stdout.write(("Written: " + ", ".join(changed)) if changed else "Nothing to change.")
