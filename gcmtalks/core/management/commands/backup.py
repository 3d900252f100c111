from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from gcmtalks.core.backups import FAILURES, backup


class Command(BaseCommand):
    help = (
        "Back up the database, the uploaded files and a manifest with their checksums into a "
        "new folder (default var/backups/<UTC time>/). It holds personal data: keep it safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="A new or empty folder to write to.")
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, output=None, database="default", **options):
        try:
            manifest = backup(output=output, connection=connections[database])
        except FAILURES as error:
            raise CommandError(f"Backup failed: {error}") from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Database: {len(manifest['tables'])} tables, {rows} rows.")
        media = manifest["media"]
        self.stdout.write(f"Media: {media['files']} files." if "file" in media else media["note"])
        self.stdout.write(self.style.SUCCESS(f"Backup written to {manifest['path']}"))
