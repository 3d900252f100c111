"""Two workstreams, their members, the secretariat, a talk, and intentions voiced at it."""

from types import SimpleNamespace

import pytest

from gcmtalks.core.models import Country, Objective
from gcmtalks.intentions.models import Intention
from gcmtalks.talks.models import Organiser, OrganiserMember
from tests.factories import OrganiserFactory, TalkFactory, TwoFactorFactory, in_days


def member_of(organiser, **user):
    person = TwoFactorFactory(**user)
    OrganiserMember.objects.create(organiser=organiser, user=person)
    return person


@pytest.fixture
def people(db):
    labour = OrganiserFactory(slug="ws-labour", name="Labour migration")
    youth = OrganiserFactory(slug="ws-youth", name="Children and youth")
    secretariat = OrganiserFactory(slug="secretariat", name="Secretariat",
                                   kind=Organiser.Kind.SECRETARIAT)  # fmt: skip
    return SimpleNamespace(
        labour=labour,
        youth=youth,
        amal=member_of(
            labour,
            username="amal",
            first_name="Amal",
            last_name="Haddad",
            email="amal@un.example.org",
        ),  # fmt: skip
        bruno=member_of(labour, username="bruno", email="bruno@un.example.org"),
        yuki=member_of(youth, username="yuki", email="yuki@un.example.org"),
        secretariat=member_of(secretariat, username="sec", email="sec@un.example.org"),
    )


@pytest.fixture
def talk(people):
    talk = TalkFactory(slug="fair-recruitment", title="Fair recruitment", start=in_days(-2))
    talk.organisers.add(people.labour)
    talk.objectives.set(Objective.objects.filter(number__in=[6]))
    return talk


def intention(talk, **fields):
    objectives = fields.pop("objectives", (6,))
    fields.setdefault("text", "To fund a fair recruitment pilot with two sending countries.")
    if "member_state" not in fields and "organisation" not in fields:
        fields["member_state"] = Country.objects.get(code="KE")
    made = Intention.objects.create(talk=talk, **fields)
    made.objectives.set(Objective.objects.filter(number__in=objectives))
    return made


def form_data(**changes):
    data = {
        "speaker_name": "Wanjiru Kamau",
        "member_state": "KE",
        "organisation": "",
        "text": "To fund a fair recruitment pilot with two sending countries.",
        "objectives": ["6", "18"],
        "owner": "",
        "due_on": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
