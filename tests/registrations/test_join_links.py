"""Join links reach confirmed online participants only, never any public page, feed or API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.models import Registration
from gcmtalks.registrations.services import (
    registration_confirm_email,
    registration_create,
    registration_revoke_join_link,
)
from gcmtalks.talks.models import Talk
from tests.registrations.conftest import person

pytestmark = pytest.mark.django_db

MEETING = "https://meet.example.org/j/secret-room-8841"


@pytest.fixture
def starting_soon(open_talk):
    now = timezone.now()
    Talk.objects.filter(pk=open_talk.pk).update(
        start=now + timedelta(minutes=30), end=now + timedelta(minutes=120)
    )
    open_talk.refresh_from_db()
    open_talk.registration_settings.join_url = MEETING
    open_talk.registration_settings.promotion_cutoff_minutes = 0
    open_talk.registration_settings.save()
    return open_talk


def confirmed(talk, n=1):
    form = RegistrationForm(person(n), talk=talk)
    assert form.is_valid(), form.errors
    registration = registration_create(talk=talk, registration=form.save())[0]
    return registration_confirm_email(registration=registration)


def personal_page(client, registration):
    from gcmtalks.registrations.mail import token_for

    return client.get(f"/registrations/{token_for(registration)}/").content.decode()


def test_a_confirmed_participant_joins_through_their_own_link(client, starting_soon):
    registration = confirmed(starting_soon)
    page = personal_page(client, registration)
    assert f'href="/join/{registration.join_key}/"' in page and MEETING not in page
    response = client.get(f"/join/{registration.join_key}/")
    assert response.status_code == 302 and response["Location"] == MEETING


def test_the_link_appears_only_shortly_before_the_start(client, open_talk):
    open_talk.registration_settings.join_url = MEETING
    open_talk.registration_settings.save()
    registration = confirmed(open_talk)  # the talk is in ten days
    page = personal_page(client, registration)
    assert "/join/" not in page and "The link to join will appear here from" in page
    assert client.get(f"/join/{registration.join_key}/").status_code == 403


def test_a_revoked_link_no_longer_opens_the_meeting(client, starting_soon, staff):
    registration = confirmed(starting_soon)
    registration_revoke_join_link(registration=registration, by=staff)
    response = client.get(f"/join/{registration.join_key}/")
    assert response.status_code == 403 and MEETING not in response.content.decode()


def test_unconfirmed_and_unknown_links_do_not_open_it(client, starting_soon):
    form = RegistrationForm(person(2), talk=starting_soon)
    form.is_valid()
    pending = registration_create(talk=starting_soon, registration=form.save())[0]
    assert client.get(f"/join/{pending.join_key}/").status_code == 403
    assert client.get("/join/not-a-key/").status_code == 404


def test_the_join_link_is_in_no_public_page_feed_or_api_answer(client, starting_soon, seed):
    registration = confirmed(starting_soon)
    assert Registration.objects.filter(pk=registration.pk, status="confirmed").exists()
    slug = starting_soon.slug
    urls = ["/", "/?view=month", f"/talks/{slug}/", f"/talks/{slug}/calendar.ics", "/calendar.ics",
            "/feeds/talks.atom", "/api/v1/talks", f"/api/v1/talks/{slug}", "/api/v1/openapi.json",
            f"/talks/{slug}/register/", f"/talks/{slug}/register/sent/"]  # fmt: skip
    urls += [f"/{lang}/" for lang in ("fr", "es", "ar", "ru", "zh-hans")]
    for url in urls:
        body = client.get(url).content.decode()
        assert MEETING not in body and registration.join_key not in body, url
