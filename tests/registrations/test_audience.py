from datetime import timedelta

import pytest
from django.utils import translation

from gcmtalks.core.models import Country
from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.models import GovernmentDomain, Registration
from gcmtalks.registrations.services import registration_confirm_email, registration_create
from gcmtalks.talks.models import Talk
from tests.registrations.conftest import person

pytestmark = pytest.mark.django_db


def form_for(talk, ui="en", **data):
    with translation.override(ui):
        form = RegistrationForm(person(**data), talk=talk)
        form.is_valid()
        return form


def years_before(talk, years, days=0):
    """The birth date of someone who turns `years` old `days` after the talk."""
    day = talk.start.date()
    return (day.replace(year=day.year - years) + timedelta(days=days)).isoformat()


@pytest.fixture
def youth_talk(open_talk):
    Talk.objects.filter(pk=open_talk.pk).update(audience=Talk.Audience.YOUTH)
    open_talk.refresh_from_db()
    return open_talk


@pytest.fixture
def states_talk(open_talk):
    Talk.objects.filter(pk=open_talk.pk).update(
        audience=Talk.Audience.MEMBER_STATES, chatham_house=True
    )
    open_talk.refresh_from_db()
    GovernmentDomain.objects.create(country=Country.objects.get(code="CH"), domain="eda.admin.ch")
    return open_talk


def test_youth_under_30_on_the_day_are_accepted_and_only_the_year_is_kept(youth_talk):
    form = form_for(youth_talk, birth_date=years_before(youth_talk, 30, days=1))
    assert form.is_valid(), form.errors
    registration = registration_create(talk=youth_talk, registration=form.save())[0]
    assert registration.birth_year == youth_talk.start.year - 30


def test_youth_aged_30_on_the_day_are_refused(youth_talk):
    form = form_for(youth_talk, birth_date=years_before(youth_talk, 30))
    assert form.errors["birth_date"] == [
        "GCM Youth Talks are for participants under 30 on the day of the talk."
    ]
    assert not Registration.objects.exists()


def test_a_birth_date_in_the_future_is_refused(youth_talk):
    assert "birth_date" in form_for(youth_talk, birth_date="2999-01-01").errors


def test_member_states_from_a_known_domain_are_confirmed_with_their_email(states_talk):
    form = form_for(states_talk, email="delegate@eda.admin.ch", member_state="CH",
                    ministry="Federal Department of Foreign Affairs", accepted_chatham_house=True)  # fmt: skip
    assert form.is_valid(), form.errors
    registration = registration_create(talk=states_talk, registration=form.save())[0]
    assert registration_confirm_email(registration=registration).status == "confirmed"


def test_member_states_from_another_domain_wait_for_approval(states_talk):
    form = form_for(states_talk, email="delegate@gmail.com", member_state="CH",
                    ministry="Permanent Mission", accepted_chatham_house=True)  # fmt: skip
    registration = registration_create(talk=states_talk, registration=form.save())[0]
    assert registration_confirm_email(registration=registration).status == "pending_approval"


def test_member_states_must_name_the_state_and_accept_chatham_house(states_talk):
    errors = form_for(states_talk).errors
    assert {"member_state", "ministry", "accepted_chatham_house"} <= errors.keys()
    assert "Chatham House Rule" in errors["accepted_chatham_house"][0]


@pytest.mark.parametrize(
    "field, value",
    [("email", "not-an-address"), ("name", ""), ("name", "x" * 151), ("language", "ar"),
     ("organisation", "y" * 201), ("website", "http://spam.example")],
)  # fmt: skip
def test_bad_input_is_refused_with_a_message(open_talk, field, value):
    form = form_for(open_talk, **{field: value})
    assert field in form.errors and form.errors[field][0]
