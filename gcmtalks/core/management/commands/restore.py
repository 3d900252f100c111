from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from gcmtalks.core.backups import FAILURES, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: checks its files first, then replaces "
        "the database and puts the uploaded files back. Stop the site and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup's folder.")
        parser.add_argument(
            "--yes", action="store_true", help="Replace a database that is not empty."
        )
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, source, yes=False, database="default", **options):
        try:
            manifest = restore(source=source, connection=connections[database], replace=yes)
        except FAILURES as error:
            raise CommandError(f"Restore refused or failed: {error}") from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Database: {len(manifest['tables'])} tables, {rows} rows, as counted in the "
            f"backup of {manifest['created']}."
        )
        media = manifest["media"]
        if "file" not in media:
            self.stdout.write(media.get("note", "The backup has no media files."))
        elif media["restored"]:
            self.stdout.write(f"Media: {media.get('files', 0)} files.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Media not restored: uploads go to S3 here. Unpack {media['file']} into "
                    "the bucket yourself if it needs them."
                )
            )
        if manifest["unknown"]:
            self.stdout.write(
                self.style.WARNING(
                    "The backup was made by a newer version (migrations unknown here: "
                    f"{', '.join(manifest['unknown'])}): run that version's code."
                )
            )
        if manifest["pending"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(manifest['pending'])} migrations are newer than the backup: "
                    "run `manage.py migrate`."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))
