import re

import pytest

from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.registrations.conftest import person

pytestmark = pytest.mark.django_db


def personal_link(to):
    mail = OutgoingMail.objects.filter(to=to).latest("id")
    return re.search(r"https?://[^/\s]+(/registrations/[^\s]+/)", mail.text).group(1)


def test_a_newcomer_registers_confirms_and_cancels(
    client, open_talk, django_capture_on_commit_callbacks
):
    page = client.get("/talks/open-talk/register/")
    assert page.status_code == 200 and 'for="id_email"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/talks/open-talk/register/", person())
    assert response.status_code == 302 and response["Location"] == "/talks/open-talk/register/sent/"
    link = personal_link("person1@example.org")
    assert "Waiting for email confirmation" in client.get(link).content.decode()
    confirmed = client.post(link + "confirm/", follow=True).content.decode()
    assert "Confirmed" in confirmed and "your email address is confirmed" in confirmed
    cancelled = client.post(link + "cancel/", follow=True).content.decode()
    assert "Your registration is cancelled." in cancelled
    assert Registration.objects.get().status == "cancelled"


def test_the_answer_does_not_tell_whether_someone_is_registered(
    client, open_talk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/talks/open-talk/register/", person())
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/talks/open-talk/register/", person(name="Another"))
    assert first["Location"] == again["Location"]
    assert Registration.objects.count() == 1
    assert OutgoingMail.objects.filter(to="person1@example.org").count() == 2  # the link again


def test_bad_input_shows_messages_and_saves_nothing(client, open_talk):
    response = client.post("/talks/open-talk/register/", person(email="nope", language="zz"))
    assert response.status_code == 422
    page = response.content.decode()
    assert "Enter a valid email address." in page and "is not one of the known values" in page
    assert not Registration.objects.exists()


def test_a_closed_talk_says_so(client, open_talk):
    Talk.objects.filter(pk=open_talk.pk).update(registration_mode=Talk.Registration.CLOSED)
    assert "not open here" in client.get("/talks/open-talk/register/").content.decode()
    response = client.post("/talks/open-talk/register/", person())
    assert response.status_code == 409 and not Registration.objects.exists()


def test_a_forged_personal_link_is_404(client, open_talk):
    assert client.get("/registrations/1:forged:signature/").status_code == 404
    assert client.post("/registrations/1:forged:signature/cancel/").status_code == 404


def test_the_calendar_links_to_the_form_when_registration_is_open(client, open_talk):
    assert 'href="/talks/open-talk/register/"' in client.get("/").content.decode()


def test_the_api_registers_the_same_way(client, open_talk):
    response = client.post(
        "/api/v1/talks/open-talk/registrations", person(), content_type="application/json"
    )
    assert response.status_code == 202
    bad = client.post(
        "/api/v1/talks/open-talk/registrations",
        person(email="x", language="ar"),
        content_type="application/json",
    )
    assert bad.status_code == 422 and {"email", "language"} <= bad.json()["errors"].keys()
    assert (
        client.post(
            "/api/v1/talks/nothing/registrations", person(), content_type="application/json"
        ).status_code
        == 404
    )
    assert Registration.objects.count() == 1


def test_too_many_registrations_from_one_place_are_refused(client, open_talk, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    for n in (1, 2):
        assert client.post("/talks/open-talk/register/", person(n)).status_code == 302
    refused = client.post("/talks/open-talk/register/", person(3))
    assert refused.status_code == 429 and "Too many registrations" in refused.content.decode()
    api = client.post(
        "/api/v1/talks/open-talk/registrations", person(4), content_type="application/json"
    )
    assert api.status_code == 429
    assert Registration.objects.count() == 2


def test_the_rate_limit_setting_is_checked():
    from django.core.exceptions import ImproperlyConfigured

    from gcmtalks.registrations.ratelimit import parse

    assert parse("20/h") == (20, 3600) and parse("0") == (0, 0)
    with pytest.raises(ImproperlyConfigured):
        parse("lots")
