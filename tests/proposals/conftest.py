"""People in every role around one proposing organisation and two workstreams."""

from types import SimpleNamespace

import pytest

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.talks.models import Organiser, OrganiserMember
from tests.factories import OrganiserFactory, TwoFactorFactory, UserFactory


def member_of(organisation, **user):
    person = UserFactory(**user)
    OrganisationMember.objects.create(organisation=organisation, user=person)
    return person


def organiser_member(organiser, role=OrganiserMember.Role.MEMBER):
    person = TwoFactorFactory()
    OrganiserMember.objects.create(organiser=organiser, user=person, role=role)
    return person


@pytest.fixture
def people(db):
    org = Organisation.objects.create(name="Diaspora Link", type="migrant_diaspora")
    other_org = Organisation.objects.create(name="Youth Forum", type="youth")
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    other_workstream = OrganiserFactory(slug="ws-climate", name="Climate and migration")
    secretariat = OrganiserFactory(slug="secretariat", name="Secretariat",
                                   kind=Organiser.Kind.SECRETARIAT)  # fmt: skip
    return SimpleNamespace(
        org=org,
        workstream=workstream,
        other_workstream=other_workstream,
        partner=member_of(org, email="amina@diaspora.example.org"),
        colleague=member_of(org),
        outsider=member_of(other_org),
        member_other=organiser_member(other_workstream),
        member=organiser_member(workstream),
        lead=organiser_member(workstream, OrganiserMember.Role.LEAD),
        secretariat=organiser_member(secretariat),
    )


def proposal_data(people, **extra):
    return {
        "organisation": people.org.pk, "title": "Fair recruitment corridors",
        "rationale": "Recruitment fees trap workers in debt.", "workstream": "ws-labour",
        "objectives": ["6"], "principles": ["a"], "level": "global", "regions": [],
        "preferred_from": "2027-03-01", "preferred_until": "2027-04-30", "format": "online",
        "audience": "open_to_all", "languages": ["en", "fr"], "co_organisers": "",
        "expected_outcomes": "Two practices for the Hub.",
        "speakers-TOTAL_FORMS": "1", "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0", "speakers-MAX_NUM_FORMS": "12",
        "speakers-0-name": "Rosa Díaz", "speakers-0-organisation": "Diaspora Link",
        "speakers-0-role": "panellist", "speakers-0-gender": "woman", "speakers-0-migrant": "on",
        **extra,
    }  # fmt: skip
