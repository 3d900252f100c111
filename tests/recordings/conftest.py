"""A talk held two days ago by the workstream ws-labour, its organisers, its registrants, and
captions and transcript files good and bad."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmtalks.core.models import Access, Country
from gcmtalks.recordings.models import Recording
from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration
from tests.factories import TalkFactory, in_days

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to this GCM Talk.\n"
SRT = "1\n00:00:01,000 --> 00:00:04,000\nBienvenue à ce GCM Talk.\n"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes | str, content_type="application/octet-stream"):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type=content_type)


def held(workstream, **fields):
    """A talk that took place two days ago (or as `fields` say), organised by `workstream`."""
    fields.setdefault("start", in_days(-2))
    fields.setdefault("end", fields["start"] + timedelta(minutes=90))
    talk = TalkFactory(**fields)
    talk.organisers.set([workstream])
    return talk


@pytest.fixture
def talk(workstream):
    return held(workstream, slug="held-talk", title="Fair recruitment in practice")


def recording_of(talk, **fields) -> Recording:
    values = {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "host": "youtube",
              "access": Access.PUBLIC, "transcript_access": Access.PUBLIC, **fields}  # fmt: skip
    return Recording.objects.create(talk=talk, **values)


def registration(talk, n=1, status=Registration.Status.CONFIRMED, **extra) -> Registration:
    return Registration.objects.create(
        talk=talk, email=f"person{n}@example.org", name=f"Person {n}",
        attendance_mode="online", status=status, **extra,
    )  # fmt: skip


def member_state():
    return Country.objects.get_or_create(code="ZZ", defaults={"name": "Zedland"})[0]


def as_registrant(client, registration):
    """The registrant opens their personal link, as from any of their mails."""
    client.get(f"/registrations/{token_for(registration)}/")
    return client
