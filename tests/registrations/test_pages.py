import re

import pytest

from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.registrations.conftest import person
from tests.smtp import run_tasks

pytestmark = pytest.mark.django_db


def personal_link(to):
    run_tasks()  # the mails are written by tasks
    mail = OutgoingMail.objects.filter(to=to).latest("id")
    return re.search(r"https?://[^/\s]+(/registrations/[^\s]+/)", mail.text).group(1)


def test_a_newcomer_registers_confirms_and_cancels(client, open_talk):
    page = client.get("/talks/open-talk/register/")
    assert page.status_code == 200 and 'for="id_email"' in page.content.decode()
    response = client.post("/talks/open-talk/register/", person())
    assert response.status_code == 302 and response["Location"] == "/talks/open-talk/register/sent/"
    link = personal_link("person1@example.org")
    assert "Waiting for email confirmation" in client.get(link).content.decode()
    confirmed = client.post(link + "confirm/", follow=True).content.decode()
    assert "Confirmed" in confirmed and "your email address is confirmed" in confirmed
    cancelled = client.post(link + "cancel/", follow=True).content.decode()
    assert "Your registration is cancelled." in cancelled
    assert Registration.objects.get().status == "cancelled"


def test_the_answer_does_not_tell_whether_someone_is_registered(client, open_talk):
    first = client.post("/talks/open-talk/register/", person())
    again = client.post("/talks/open-talk/register/", person(name="Another"))
    assert first["Location"] == again["Location"]
    assert Registration.objects.count() == 1
    run_tasks()
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


def test_a_registrant_changes_the_listening_language_and_mode(client, open_talk):
    from gcmtalks.registrations.mail import token_for

    Talk.objects.filter(pk=open_talk.pk).update(
        format=Talk.Format.HYBRID, venue="Palais", city="Geneva"
    )
    open_talk.registration_settings.capacity_in_person = 1
    open_talk.registration_settings.save()
    client.post("/talks/open-talk/register/", person(1, attendance_mode="online"))
    client.post("/talks/open-talk/register/", person(2, attendance_mode="in_person"))
    first, second = Registration.objects.order_by("id")
    link = f"/registrations/{token_for(first)}/"
    page = client.post(
        link + "change/", {"language": "fr", "attendance_mode": "in_person"}, follow=True
    )
    assert "no free seat" in page.content.decode()  # the one seat in the room is taken
    page = client.post(
        link + "change/", {"language": "fr", "attendance_mode": "online"}, follow=True
    )
    assert "Your registration is updated." in page.content.decode()
    assert Registration.objects.get(pk=first.pk).language.code == "fr"
    refused = client.post(
        link + "change/", {"language": "ar", "attendance_mode": "online"}, follow=True
    )
    assert "Choose one of the languages" in refused.content.decode()
    assert second.attendance_mode == "in_person"
