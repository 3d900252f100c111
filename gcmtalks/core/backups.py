"""Backups of the database and the uploaded files, checked before they are put back.

A backup is a folder (0700, its files 0600: it holds personal data) with `db.dump`
(PostgreSQL's `pg_dump --format=custom`) or `db.sqlite3` (SQLite's online backup API),
`media.tar` (MEDIA_ROOT; none when uploads are in S3, whose versioning or replication keeps
them) and `manifest.json`: when, the engine, the migrations applied, the rows of each table
and the sha256 of each file. The rows are counted in the same snapshot the dump is made from,
so a restore can check it got exactly them back, even from a backup taken while the site ran.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar"
DUMPS = {"postgresql": "db.dump", "sqlite": "db.sqlite3"}
ENGINES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class BackupError(Exception):
    """Something the operator must fix; the message says what, without a traceback."""


# What the commands report as a message rather than a traceback: ours, and those of the
# database, the disk, sqlite3's own backup API and tar files.
FAILURES = (BackupError, DatabaseError, OSError, sqlite3.Error, tarfile.TarError)


def backup(*, output: Path | None = None, connection=None) -> dict:
    """Write a backup of `connection`'s database (default: the site's) into `output` (default
    var/backups/<UTC time>/) and return its manifest."""
    connection = connection or connections["default"]
    if connection.vendor not in DUMPS:
        raise BackupError(f"Cannot back up a {connection.vendor} database.")
    now = datetime.now(UTC)
    output = Path(output or Path(settings.VAR_DIR) / "backups" / now.strftime("%Y%m%dT%H%M%SZ"))
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise BackupError(f"{output} already exists and is not an empty folder: choose another.")
    created = not output.exists()
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    output.chmod(0o700)
    try:
        dump = output / DUMPS[connection.vendor]
        if connection.vendor == "postgresql":
            tables, migrations = _pg_dump(connection, dump)
        else:
            tables, migrations = _sqlite_backup(connection, dump)
        files = [dump]
        media = _media_backup(output / MEDIA)
        if "file" in media:
            files.append(output / MEDIA)
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(timespec="seconds"),
            "django": django.get_version(),
            "engine": connection.vendor,
            "database": dump.name,
            "tables": tables,
            "migrations": migrations,
            "media": media,
            "files": {path.name: sha256(path) for path in files},
        }
        for path in files:
            path.chmod(0o600)
        _write_private(output / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    except BaseException:
        if created:
            shutil.rmtree(output, ignore_errors=True)
        else:
            for path in output.iterdir():
                path.unlink()
        raise
    manifest["path"] = str(output)
    return manifest


def restore(*, source: Path, connection=None, replace: bool = False) -> dict:
    """Check the backup in `source`, then put its database (into `connection`'s, default the
    site's) and media back. Refuses a database that already has tables unless `replace`.
    Returns the manifest, with the migrations this code has that the backup lacks
    ("pending") and those it does not know ("unknown")."""
    connection = connection or connections["default"]
    manifest = check(source=Path(source), vendor=connection.vendor)
    tables = connection.introspection.table_names()
    if tables and not replace:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables). Restoring replaces everything in it: run again with --yes to do so."
        )
    dump = Path(source) / manifest["database"]
    if connection.vendor == "postgresql":
        _pg_restore(connection, dump)
    else:
        _sqlite_restore(connection, dump)
    if "file" in manifest["media"]:
        manifest["media"]["restored"] = _media_restore(Path(source) / manifest["media"]["file"])
    differences = compare_counts(connection, manifest["tables"])
    if differences:
        raise BackupError(
            "The database was restored but does not hold what the backup counted: "
            + "; ".join(differences)
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    manifest["pending"] = sorted(known - set(manifest["migrations"]))
    manifest["unknown"] = sorted(set(manifest["migrations"]) - known)
    return manifest


def check(*, source: Path, vendor: str) -> dict:
    """The backup's manifest, once every file in it is there with its checksum and the
    backup is of the engine `vendor`."""
    if not source.is_dir():
        raise BackupError(f"{source} is not a folder.")
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            f"{source} has no {MANIFEST}: not a backup, or an unfinished one."
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise BackupError(
            f"{source / MANIFEST} is not valid JSON: the backup is damaged."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST} is not a manifest of backup format {FORMAT}.")
    files = manifest.get("files")
    if (
        not isinstance(files, dict)
        # A name such as "../x" would make the checks read, and a restore use, another file.
        or any(Path(name).name != name or name in ("", ".", "..") for name in files)
        or manifest.get("database") not in files
        or not isinstance(manifest.get("created"), str)
        or not isinstance(manifest.get("tables"), dict)
        or not all(isinstance(count, int) for count in manifest["tables"].values())
        or not isinstance(manifest.get("migrations"), list)
        or not isinstance(manifest.get("media"), dict)
        or ("file" in manifest["media"] and manifest["media"]["file"] not in files)
    ):
        raise BackupError(f"{source / MANIFEST} is incomplete: the backup is damaged.")
    missing = [name for name in files if not (source / name).is_file()]
    if missing:
        raise BackupError(f"Missing from {source}: {', '.join(missing)}.")
    damaged = [name for name, digest in files.items() if sha256(source / name) != digest]
    if damaged:
        raise BackupError(
            f"Damaged or changed since the backup was made (checksum differs): "
            f"{', '.join(damaged)}. Nothing was restored."
        )
    if manifest.get("engine") != vendor:
        theirs = ENGINES.get(manifest.get("engine"), str(manifest.get("engine")))
        raise BackupError(
            f"This is a backup of a {theirs} database; this site uses "
            f"{ENGINES.get(vendor, vendor)}. Restore it into a {theirs} database."
        )
    return manifest


def count_rows(cursor, quote, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (a table name)
        counts[table] = cursor.fetchone()[0]
    return counts


def compare_counts(connection, expected: dict) -> list[str]:
    present = set(connection.introspection.table_names())
    differences = [f"{table} is missing" for table in expected if table not in present]
    with connection.cursor() as cursor:
        found = count_rows(cursor, connection.ops.quote_name, sorted(present & set(expected)))
    differences += [
        f"{table} has {count} rows, not {expected[table]}"
        for table, count in found.items()
        if count != expected[table]
    ]
    return differences


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _write_private(path: Path, text: str):
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
        file.write(text)


def _describe(connection, cursor) -> tuple[dict, list]:
    """Rows per table and the migrations applied, as `cursor` sees the database."""
    tables = connection.introspection.table_names(cursor)
    migrations = []
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return count_rows(cursor, connection.ops.quote_name, tables), migrations


def _pg_env(connection) -> dict:
    """libpq's environment for pg_dump and pg_restore: the password stays off the command
    line, where any user of the machine could read it in the process list."""
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("NAME", "PGDATABASE"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                      ("HOST", "PGHOST"), ("PORT", "PGPORT")):  # fmt: skip
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS", {})
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service"):
        if options.get(option):
            env[f"PG{option.upper()}"] = str(options[option])
    return env


def _run(command: list[str], env: dict):
    try:
        # Our fixed arguments: no shell, nothing from the backup's contents.
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client tools (Debian: "
            "postgresql-client), of the server's major version or newer."
        ) from None
    if result.returncode:
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        raise BackupError(f"{command[0]} failed: {lines[-1]}")


def _pg_dump(connection, dump: Path) -> tuple[dict, list]:
    # The rows are counted in a snapshot that pg_dump then dumps, so the counts are exactly
    # what the dump holds, whatever the site writes meanwhile.
    raw = connection.Database.connect(**connection.get_connection_params())
    try:
        raw.isolation_level = connection.Database.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            described = _describe(connection, cursor)
            _run(["pg_dump", "--format=custom", "--no-password", f"--snapshot={snapshot}",
                  f"--file={dump}"], _pg_env(connection))  # fmt: skip
    finally:
        raw.close()
    return described


def _pg_restore(connection, dump: Path):
    # Our own connection could hold locks that pg_restore's DROP TABLE would wait for.
    connection.close()
    # One transaction: a restore that fails half-way leaves the database as it was. Owners and
    # grants are the target server's (its roles may differ from the backed-up one's).
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl",
          "--single-transaction", "--no-password", f"--dbname={connection.settings_dict['NAME']}",
          str(dump)], _pg_env(connection))  # fmt: skip


def _sqlite_backup(connection, dump: Path) -> tuple[dict, list]:
    connection.ensure_connection()
    target = sqlite3.connect(dump)
    try:
        # The online backup API copies a consistent state even while others write.
        connection.connection.backup(target, progress=_give_up_when_locked())
        # One self-contained file: the copy would otherwise keep the live file's WAL mode.
        target.execute("PRAGMA journal_mode=DELETE")
        return _describe(connection, target.cursor())
    finally:
        target.close()


def _give_up_when_locked(seconds=30):
    """A progress callback for sqlite3's backup, which otherwise retries forever, every
    250 ms, while the database is locked (by this very connection's open transaction, say)."""
    tries = seconds * 4

    def progress(status, remaining, total):
        nonlocal tries
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            tries -= 1
            if tries < 0:
                raise BackupError(f"The database stayed locked for {seconds} s: try again.")

    return progress


def _sqlite_restore(connection, dump: Path):
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        source.backup(connection.connection, progress=_give_up_when_locked())
    finally:
        source.close()


def _media_backup(path: Path) -> dict:
    if not _local_media():
        return {
            "storage": settings.STORAGES["default"]["BACKEND"],
            "note": "Uploads are in the S3 bucket: its own versioning or replication keeps them.",
        }
    root = Path(settings.MEDIA_ROOT)
    names = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    with (
        os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file,
        tarfile.open(fileobj=file, mode="w") as tar,
    ):
        for name in names:
            tar.add(name, arcname=str(name.relative_to(root)))
    return {"file": path.name, "files": len(names)}


def _media_restore(path: Path) -> bool:
    if not _local_media():
        return False
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path) as tar:
        # "data" refuses absolute paths, links out of the folder and device files.
        tar.extractall(root, filter="data")
    return True


def _local_media() -> bool:
    return settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
