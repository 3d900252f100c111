"""A past talk of one workstream, the people around it, and ways to fill its report."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from gcmtalks.core.models import Country, StakeholderGroup
from gcmtalks.panels.models import Speaker
from gcmtalks.registrations.models import Registration
from gcmtalks.reports.services import report_text_save
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    TalkFactory,
    UserFactory,
    in_days,
)

Status = Registration.Status


@pytest.fixture
def people(db):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    other_workstream = OrganiserFactory(slug="ws-climate", name="Climate and migration")
    return SimpleNamespace(
        workstream=workstream,
        member=OrganiserMemberFactory(organiser=workstream).user,
        member_other=OrganiserMemberFactory(organiser=other_workstream).user,
        outsider=UserFactory(),
    )


def past_talk(workstream, **fields):
    """A published talk that ended three days ago."""
    start = in_days(-3)
    talk = TalkFactory(start=start, end=start + timedelta(minutes=90), **fields)
    talk.organisers.set([workstream])
    return talk


@pytest.fixture
def talk(people):
    return past_talk(people.workstream, slug="fair-recruitment", title="Fair recruitment")


@pytest.fixture
def chatham_talk(people):
    return past_talk(
        people.workstream,
        slug="member-states-dialogue",
        title="Member States dialogue",
        chatham_house=True,
        audience="member_states",
    )


def register(talk, name, *, status=Status.CONFIRMED, n=None, **fields):
    n = n if n is not None else Registration.objects.count() + 1
    return Registration.objects.create(
        talk=talk,
        name=name,
        email=f"person{n}@example.org",
        attendance_mode=Registration.Mode.ONLINE,
        status=status,
        **fields,
    )


def speak(talk, name, **fields):
    return Speaker.objects.create(talk=talk, name=name, **fields)


def write(talk, by, language="en", **sections):
    sections = sections or {"context": "Why we met.", "key_messages": "What was said."}
    return report_text_save(talk=talk, language=language, sections=sections, by=by)


def country(code):
    return Country.objects.get(code=code)


def group(slug):
    return StakeholderGroup.objects.get(slug=slug)
