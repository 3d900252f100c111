"""`manage.py backup` and `manage.py restore`: a backup restored into a new, empty database
gives back every row of every table, the sequences and the uploaded files; a damaged or
wrong backup is refused before anything changes. Runs on SQLite and on PostgreSQL."""

import io
import json
import secrets
import shutil
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gcmtalks.core.backups import restore, sha256
from gcmtalks.core.models import Country, Language, Region
from gcmtalks.documents.models import Version
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.documents.conftest import add_document
from tests.factories import (
    OrganisationFactory,
    OrganiserFactory,
    SeriesFactory,
    StaffFactory,
    TalkFactory,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def varied_data():
    """Talks in several languages, registrations, a document with its file, accounts."""
    workstream = OrganiserFactory(name="Labour migration", name_fr="Migration de main-d'œuvre")
    series = SeriesFactory(title="Regional reviews", title_ar="الاستعراضات الإقليمية")
    talk = TalkFactory(
        title="Who pays the recruitment fees?",
        title_fr="Qui paie les frais de recrutement ?",
        title_ar="من يدفع رسوم التوظيف؟",
        title_zh_hans="谁支付招聘费用？",
        summary="Two lines\nand an emoji 🌍, quotes \" ' and a backslash \\",
        series=series,
        languages=["en", "fr", "ar"],
        region_slugs=list(Region.objects.values_list("slug", flat=True)[:2]),
    )
    talk.organisers.set([workstream])
    TalkFactory(status=Talk.Status.CANCELLED, summary="")
    Registration.objects.create(
        talk=talk, email="ana@example.org", name="Ana Gómez", organisation="Red de migrantes",
        attendance_mode="online", status=Registration.Status.CONFIRMED,
    )  # fmt: skip
    Registration.objects.create(
        talk=talk,
        email="li@example.org",
        name="李",
        attendance_mode="online",
        status=Registration.Status.CANCELLED,
        member_state=Country.objects.first(),
        language=Language.objects.get(code="ar"),
        birth_year=1999,
    )
    add_document(talk, title="Concept note", versions=(("en", "note.pdf"), ("fr", "Texte.txt")))
    OrganisationFactory(members=[StaffFactory()])  # a user with two factors (TOTP)
    return talk


def table_rows(db, table) -> list:
    with db.cursor() as cursor:
        pk = db.introspection.get_primary_key_column(cursor, table)
        columns = len(db.introspection.get_table_description(cursor, table))
        order = db.ops.quote_name(pk) if pk else ", ".join(str(i + 1) for i in range(columns))
        cursor.execute(f"SELECT * FROM {db.ops.quote_name(table)} ORDER BY {order}")
        return cursor.fetchall()


def sequences(db) -> list:
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
        else:
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY 1")
        return cursor.fetchall()


def files(root) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def contents() -> dict:
    return {table: table_rows(connection, table) for table in connection.introspection.table_names()}  # fmt: skip


@pytest.fixture
def empty_database(tmp_path):
    """A connection to a second, empty database beside the test database: a new file, or a
    new PostgreSQL database on the same server (dropped afterwards). It keeps the alias
    "default", the only one the test case lets connect."""
    target = connection.copy()
    target.settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    if connection.vendor == "postgresql":
        target.settings_dict["NAME"] = f"gcmtalks_restore_{secrets.token_hex(4)}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{target.settings_dict["NAME"]}"')
    yield target
    target.close()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{target.settings_dict["NAME"]}"')


# A backup is of committed rows (pg_dump sees no others, and SQLite's backup waits while the
# connection has a transaction open): tests that make one commit, and the database is emptied
# and its reference data put back after each.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committed
def test_round_trip_into_empty_database_loses_nothing(settings, tmp_path, empty_database):
    varied_data()
    media = settings.MEDIA_ROOT
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    settings.MEDIA_ROOT = tmp_path / "restored-media"

    restore(source=tmp_path / "backup", connection=empty_database)

    tables = connection.introspection.table_names()
    assert empty_database.introspection.table_names() == tables
    for table in tables:
        assert table_rows(empty_database, table) == table_rows(connection, table), table
    assert sequences(empty_database) == sequences(connection)
    assert Version.objects.exclude(file="").count() == 1
    assert files(media) and files(settings.MEDIA_ROOT) == files(media)
    assert any(content == PDF for content in files(media).values())


@committed
def test_backup_is_private_and_its_manifest_describes_it(tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    backup = tmp_path / "backup"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    names = {p.name for p in backup.iterdir()}
    database = "db.dump" if connection.vendor == "postgresql" else "db.sqlite3"
    assert names == {database, "media.tar", "manifest.json"}
    assert all(stat.S_IMODE((backup / n).stat().st_mode) == 0o600 for n in names)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["files"] == {n: sha256(backup / n) for n in (database, "media.tar")}
    assert manifest["tables"]["core_region"] == Region.objects.count() > 0
    assert "talks.0001_initial" in manifest["migrations"]


@committed
def test_backup_with_uploads_in_s3_says_so_and_skips_them(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}  # fmt: skip
    out = io.StringIO()
    call_command("backup", output=tmp_path / "backup", stdout=out)
    assert "S3 bucket" in out.getvalue()
    assert not (tmp_path / "backup" / "media.tar").exists()


@pytest.mark.django_db
def test_backup_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("backup", output=tmp_path / "backup")
    assert [p.name for p in (tmp_path / "backup").iterdir()] == ["notes.txt"]


def flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def edit_manifest(backup, **changes):
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest.update(changes)
    (backup / "manifest.json").write_text(json.dumps(manifest))


def dump(backup):
    return backup / ("db.dump" if connection.vendor == "postgresql" else "db.sqlite3")


OTHER_ENGINE = {"postgresql": "sqlite", "sqlite": "postgresql"}
DAMAGES = {
    "database changed": (lambda b: flip_a_byte(dump(b)), "checksum differs"),
    "media changed": (lambda b: flip_a_byte(b / "media.tar"), "checksum differs"),
    "file missing": (lambda b: (b / "media.tar").unlink(), "Missing from .*media.tar"),
    "manifest not JSON": (lambda b: (b / "manifest.json").write_text("{oops"), "not valid JSON"),
    "manifest missing": (lambda b: (b / "manifest.json").unlink(), "has no manifest.json"),
    "file outside": (
        lambda b: edit_manifest(b, files={"../db.sqlite3": "0" * 64}),
        "manifest.json is incomplete",
    ),
    "other engine": (
        lambda b: edit_manifest(b, engine=OTHER_ENGINE[connection.vendor]),
        "This is a backup of a (SQLite|PostgreSQL) database; this site uses",
    ),
}


@committed
def test_restore_refuses_a_bad_backup_and_changes_nothing(settings, tmp_path, subtests):
    talk = TalkFactory(title="Kept as it is")
    add_document(talk)
    call_command("backup", output=tmp_path / "good", stdout=io.StringIO())
    TalkFactory(title="Added after the backup")
    before, media = contents(), files(settings.MEDIA_ROOT)
    for damage, (change, message) in DAMAGES.items():
        with subtests.test(damage):
            backup = tmp_path / damage.replace(" ", "-")
            shutil.copytree(tmp_path / "good", backup)
            change(backup)
            with pytest.raises(CommandError, match=message):
                call_command("restore", backup, yes=True, stdout=io.StringIO())
            assert contents() == before
            assert files(settings.MEDIA_ROOT) == media
    with subtests.test("database not empty, no --yes"):
        with pytest.raises(CommandError, match="is not empty .* run again with --yes"):
            call_command("restore", tmp_path / "good", stdout=io.StringIO())
        assert contents() == before


@pytest.mark.django_db
def test_restore_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="nowhere is not a folder"):
        call_command("restore", tmp_path / "nowhere")
