"""A talk with its organisers, the people around it (each a kind of viewer of its documents),
and tiny valid files of each accepted type."""

import io
import zipfile
from functools import cached_property

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmtalks.core.models import Country
from gcmtalks.documents import services
from gcmtalks.documents.models import Document
from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Organiser
from tests.factories import OrganiserFactory, OrganiserMemberFactory, TalkFactory

SLUG = "labour-talk"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def office(main_part: str, *extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        for name in extra:
            archive.writestr(name, "x")
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "Participants"
    book.save(buffer)
    return buffer.getvalue()


def upload(name="concept-note.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def people(workstream):
    """The talk's organiser, an organiser of another workstream, and the secretariat: each
    made when first asked for."""

    class People:
        @cached_property
        def organiser(self):
            return OrganiserMemberFactory(organiser=workstream).user

        @cached_property
        def other_organiser(self):
            other = OrganiserFactory(slug="ws-climate", name="Climate and migration")
            return OrganiserMemberFactory(organiser=other).user

        @cached_property
        def secretariat(self):
            secretariat = OrganiserFactory(
                slug="secretariat", name="Secretariat", kind=Organiser.Kind.SECRETARIAT
            )
            return OrganiserMemberFactory(organiser=secretariat).user

    return People()


@pytest.fixture
def talk(workstream):
    talk = TalkFactory(slug=SLUG, title="Labour mobility and skills")
    talk.organisers.set([workstream])
    return talk


def register(talk, email, status=Registration.Status.CONFIRMED, **extra):
    return Registration.objects.create(
        talk=talk, email=email, name="Ana", attendance_mode="online", status=status, **extra
    )


VIEWERS = (
    "anonymous",
    "registrant",
    "cancelled_registrant",
    "member_state",
    "organiser",
    "other_organiser",
    "secretariat",
)


@pytest.fixture
def become(client, people, talk):
    """become(name): the client is now that viewer of the talk's documents."""

    def personal_link(registration):
        response = client.get(f"/registrations/{token_for(registration)}/")
        assert response.status_code == 200

    def become(name):
        if name == "registrant":
            personal_link(register(talk, "ana@example.org"))
        elif name == "cancelled_registrant":
            personal_link(register(talk, "ben@example.org", status=Registration.Status.CANCELLED))
        elif name == "member_state":
            country = Country.objects.create(code="ZZ", name="Zedland")
            personal_link(register(talk, "chen@example.org", member_state=country))
        elif name != "anonymous":
            client.force_login(getattr(people, name))
        return client

    return become


def add_document(talk, by=None, *, kind="concept_note", title="", access="public",
                 versions=(("en", "concept-note.pdf"),), publish=True):  # fmt: skip
    """A document through the services; a version named "*.txt" is a text version."""
    document = services.document_create(talk=talk, by=by, kind=kind, title=title, access=access)
    for language, name in versions:
        if name.endswith(".txt"):
            services.version_save(document=document, by=by, language=language, text=name)
        else:
            services.version_save(document=document, by=by, language=language, upload=upload(name))
    if publish:
        services.document_publish(document=document, by=by)
    return Document.objects.get(pk=document.pk)


def stored_files(media_root):
    """Every file in storage, as paths relative to the media folder."""
    if not media_root.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def read(version) -> bytes:
    with version.file.open("rb") as file:
        return file.read()
