"""The contact form: a mail to the secretariat (Reply-To the sender), a copy to the sender,
rate-limited, and bad input refused."""

import pytest

from gcmtalks.notifications.models import OutgoingMail

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Amina Diallo",
    "email": "Amina@Example.org",
    "subject": "Interpretation at the Africa review",
    "message": "Will there be interpretation into Portuguese?",
}


def test_a_message_goes_to_the_secretariat_with_a_copy_to_the_sender(client, settings):
    settings.CONTACT_EMAIL = "secretariat@example.org"
    response = client.post("/fr/contact/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/fr/contact/sent/"
    secretariat = OutgoingMail.objects.get(to="secretariat@example.org")
    assert secretariat.subject == "[GCM Talks contact] Interpretation at the Africa review"
    assert secretariat.headers == {"Reply-To": "Amina Diallo <amina@example.org>"}
    assert "Will there be interpretation into Portuguese?" in secretariat.text
    assert "amina@example.org" in secretariat.text and secretariat.language == "en"
    copy = OutgoingMail.objects.get(to="amina@example.org")
    assert copy.language == "fr"
    assert "Will there be interpretation into Portuguese?" in copy.text
    assert copy.headers == {"Reply-To": "secretariat@example.org"}
    assert secretariat.key.rsplit(":", 1)[0] == copy.key.rsplit(":", 1)[0]
    thanks = client.get("/contact/sent/")
    assert "Your message is on its way to the secretariat, and a copy to you." in thanks.text


def test_the_default_address_is_the_networks():
    from django.conf import settings

    assert settings.CONTACT_EMAIL == "unmignet@iom.int"


def test_a_name_with_commas_and_accents_is_a_valid_reply_address(client):
    client.post("/contact/", {**GOOD, "name": "Diallo, Amina « Ami »"})
    mail = OutgoingMail.objects.get(to="unmignet@iom.int")
    from email.utils import getaddresses

    [(name, address)] = getaddresses([mail.headers["Reply-To"]])
    assert address == "amina@example.org"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("name", "Amina\r\nBcc: everyone@example.org", "Write this on one line."),
        ("email", "not an address", "Enter a valid email address."),
        ("subject", "", "This field is required."),
        ("subject", "Hello\nBcc: everyone@example.org", "Write this on one line."),
        ("subject", "s" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("message", "Hi", "Ensure this value has at least 10 characters (it has 2)."),
        ("message", "m" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
        ("website", "http://spam.example", "Leave this field empty."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_sent(client, field, value, message):
    response = client.post("/contact/", {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert "Please correct the fields marked below." in response.text
    assert not OutgoingMail.objects.exists()


def test_a_flood_of_messages_is_refused(client, settings):
    settings.CONTACT_RATE_LIMIT = "5/h"
    for number in range(5):
        response = client.post("/contact/", {**GOOD, "email": f"person{number}@example.org"})
        assert response.status_code == 302
    response = client.post("/contact/", {**GOOD, "email": "someone.else@example.org"})
    assert response.status_code == 429
    assert "Too many messages were sent from here. Please try again later." in response.text
    assert OutgoingMail.objects.count() == 10


def test_one_address_is_limited_from_any_place(client, settings):
    settings.CONTACT_RATE_LIMIT = "2/h"
    for number in range(2):
        response = client.post("/contact/", GOOD, REMOTE_ADDR=f"192.0.2.{number}")
        assert response.status_code == 302
    assert client.post("/contact/", GOOD, REMOTE_ADDR="192.0.2.9").status_code == 429


def test_the_form_labels_every_field_and_hides_the_trap(client):
    text = client.get("/contact/").text
    for name in ("name", "email", "subject", "message", "website"):
        assert f'<label for="id_{name}">' in text
    assert '<div class="field trap" aria-hidden="true">' in text
    assert 'tabindex="-1"' in text
