"""People around two workstreams, a talk with its registrants, and a published concept note."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from gcmtalks.core.models import Access, Country
from gcmtalks.documents.models import Document, Version
from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.talks.models import Organiser, OrganiserMember
from tests.factories import OrganiserFactory, TalkFactory, TwoFactorFactory, in_days

Status = Registration.Status


def organiser_member(organiser, **user):
    person = TwoFactorFactory(**user)
    OrganiserMember.objects.create(organiser=organiser, user=person)
    return person


@pytest.fixture
def people(db):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    other_workstream = OrganiserFactory(slug="ws-climate", name="Climate and migration")
    secretariat = OrganiserFactory(
        slug="secretariat", name="Secretariat", kind=Organiser.Kind.SECRETARIAT
    )
    return SimpleNamespace(
        workstream=workstream,
        other_workstream=other_workstream,
        member=organiser_member(workstream, first_name="Amina", last_name="Diallo"),
        member_other=organiser_member(other_workstream),
        secretariat=organiser_member(secretariat, first_name="Sam", last_name="Secretariat"),
    )


def organised(workstream, **fields):
    talk = TalkFactory(**fields)
    talk.organisers.set([workstream])
    return talk


@pytest.fixture
def talk(people):
    """A published online talk in thirty days; the join link shows 30 minutes before."""
    talk = organised(
        people.workstream,
        slug="fair-recruitment",
        title="Fair recruitment",
        start=in_days(30),
        end=in_days(30) + timedelta(minutes=90),
    )
    Settings.objects.create(
        talk=talk, join_url="https://meet.example.org/x", join_visible_minutes=30
    )
    return talk


def registrant(talk, n, status=Status.CONFIRMED, **extra):
    values = {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "attendance_mode": Registration.Mode.ONLINE,
        **extra,
    }
    return Registration.objects.create(talk=talk, status=status, **values)


def concept_note(
    talk,
    languages=("en", "fr"),
    access=Access.PUBLIC,
    status=Document.Status.PUBLISHED,
    title="Why fair recruitment matters",
):
    document = Document.objects.create(
        talk=talk, kind=Document.Kind.CONCEPT_NOTE, title=title, status=status, access=access
    )
    for language in languages:
        Version.objects.create(document=document, language=language, text=f"Text ({language})")
    return document


def a_member_state():
    return Country.objects.order_by("pk").first()


def goes(talk, days=3):
    """The moment the pack is due, for a pack sent `days` before the start."""
    return talk.start - timedelta(days=days)
