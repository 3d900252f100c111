"""Every audience rule, accepted and refused, in English and in French: the registrant reads
the refusal in the language of the page they registered on."""

from datetime import timedelta

import pytest
from django.utils import translation

from gcmtalks.core.models import Country
from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.models import GovernmentDomain, Registration
from gcmtalks.registrations.services import (
    RegistrationClosed,
    registration_confirm_email,
    registration_create,
)
from gcmtalks.talks.models import Talk
from tests.registrations.conftest import person

pytestmark = pytest.mark.django_db

REFUSALS = {
    "youth": {
        "en": "GCM Youth Talks are for participants under 30 on the day of the talk.",
        "fr": "Les GCM Youth Talks sont réservés aux participants âgés de moins de 30 ans le jour du dialogue.",
    },
    "chatham": {
        "en": "This talk is held under the Chatham House Rule: please accept it to register.",
        "fr": "Ce dialogue se tient selon la Règle de Chatham House : veuillez l'accepter pour vous inscrire.",
    },
    "closed": {
        "en": "Registration for this talk is not open here.",
        "fr": "L'inscription à ce dialogue ne se fait pas sur ce site.",
    },
}
LANGUAGES = pytest.mark.parametrize("language", ["en", "fr"])


def audience(talk, value):
    Talk.objects.filter(pk=talk.pk).update(audience=value)
    talk.refresh_from_db()
    return talk


def birth_date(talk, age, days=0):
    day = talk.start.date()
    return (day.replace(year=day.year - age) + timedelta(days=days)).isoformat()


def attempt(talk, language, **data):
    """(registration or None, errors) as the registrant sees them in `language`."""
    with translation.override(language):
        form = RegistrationForm(person(**data), talk=talk)
        if not form.is_valid():
            return None, {k: [str(m) for m in v] for k, v in form.errors.items()}
        try:
            return registration_create(talk=talk, registration=form.save())[0], {}
        except RegistrationClosed as error:
            return None, {"__all__": [str(error)]}


@LANGUAGES
def test_youth_accepted(open_talk, language):
    talk = audience(open_talk, Talk.Audience.YOUTH)
    registration, errors = attempt(talk, language, birth_date=birth_date(talk, 29))
    assert not errors and registration.status == "pending_email"


@LANGUAGES
def test_youth_refused(open_talk, language):
    talk = audience(open_talk, Talk.Audience.YOUTH)
    registration, errors = attempt(talk, language, birth_date=birth_date(talk, 30))
    assert registration is None and errors["birth_date"] == [REFUSALS["youth"][language]]
    assert not Registration.objects.exists()


@LANGUAGES
def test_member_states_accepted(open_talk, language):
    talk = audience(open_talk, Talk.Audience.MEMBER_STATES)
    GovernmentDomain.objects.create(
        country=Country.objects.get(code="SN"), domain="diplomatie.gouv.sn"
    )
    registration, errors = attempt(talk, language, email="delegue@diplomatie.gouv.sn", member_state="SN",
                                   ministry="Mission permanente", accepted_chatham_house=True)  # fmt: skip
    assert not errors
    assert registration_confirm_email(registration=registration).status == "confirmed"


@LANGUAGES
def test_member_states_refused_without_the_chatham_house_rule(open_talk, language):
    talk = audience(open_talk, Talk.Audience.MEMBER_STATES)
    registration, errors = attempt(talk, language, member_state="SN", ministry="Mission permanente")
    assert registration is None
    assert errors["accepted_chatham_house"] == [REFUSALS["chatham"][language]]


@LANGUAGES
def test_open_talk_accepted(open_talk, language):
    registration, errors = attempt(open_talk, language)
    assert not errors and registration.pk


@LANGUAGES
def test_closed_talk_refused(open_talk, language):
    Talk.objects.filter(pk=open_talk.pk).update(registration_mode=Talk.Registration.CLOSED)
    open_talk.refresh_from_db()
    registration, errors = attempt(open_talk, language)
    assert registration is None and errors["__all__"] == [REFUSALS["closed"][language]]
