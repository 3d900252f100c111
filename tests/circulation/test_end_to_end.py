"""The whole way through a real SMTP server and the task worker: subscribe, get only the mail
to confirm, confirm, get the announcement and the digest, unsubscribe in one click from the
mail's List-Unsubscribe header."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from gcmtalks.circulation.models import Subscriber
from gcmtalks.circulation.services import digests_send, talks_announce
from gcmtalks.notifications.models import OutgoingMail
from tests.factories import TalkFactory, in_days
from tests.smtp import run_tasks

# Commits are real: mail is queued for the worker when the transaction commits.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("smtp_settings"),
]

LINK = re.compile(r"http://127\.0\.0\.1:8000(/subscription/[^/\s]+/)")


def received_by(mail_server, address):
    return [message for message in mail_server.received if message["To"] == address]


def body(message):
    return message.get_body(("plain",)).get_content()


def test_double_opt_in_then_announcement_digest_and_one_click_unsubscribe(client, mail_server):
    response = client.post(
        "/subscribe/",
        {"email": "amina@example.org", "regions": ["africa"], "weekly_digest": "on",
         "announcements": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    client.post("/subscribe/", {"email": "never@example.org", "weekly_digest": "on",
                                "announcements": "on"})  # fmt: skip
    run_tasks()
    [confirmation] = received_by(mail_server, "amina@example.org")
    assert confirmation["Subject"] == "Confirm your subscription to GCM Talks"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    personal = LINK.search(body(confirmation)).group(1)

    # Talks are published while the address is pending: nothing reaches it.
    TalkFactory(title="Regional review: Africa", region_slugs=["africa"])
    talks_announce()
    digests_send()
    run_tasks()
    assert len(received_by(mail_server, "amina@example.org")) == 1
    assert len(received_by(mail_server, "never@example.org")) == 1

    # Following the link, then confirming.
    page = client.get(personal)
    assert page.status_code == 200 and "Confirm" in page.text
    assert client.post(personal + "confirm/").status_code == 302
    assert Subscriber.objects.get(email="amina@example.org").is_confirmed

    TalkFactory(title="Labour mobility in Africa", region_slugs=["africa"], start=in_days(12))
    TalkFactory(title="Elsewhere", region_slugs=["asia-pacific"], start=in_days(13))
    assert talks_announce() == 1
    assert digests_send() == 1
    run_tasks()
    confirmation, announcement, digest = received_by(mail_server, "amina@example.org")
    assert announcement["Subject"] == "New GCM Talk: Labour mobility in Africa"
    assert digest["Subject"] == "GCM Talks this week: 2 new or changed talks"
    text = body(digest)
    assert "Regional review: Africa" in text and "Labour mobility in Africa" in text
    assert "Elsewhere" not in text
    assert digest.get_body(("html",)) is not None
    # The pending address still has only its confirmation.
    assert len(received_by(mail_server, "never@example.org")) == 1

    # One click in the mail client: a POST to the header's link, without a CSRF token.
    header = digest["List-Unsubscribe"]
    https_link, mailto = re.findall(r"<([^>]+)>", header)
    assert mailto == "mailto:unmignet@iom.int?subject=unsubscribe"
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlsplit(https_link).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="amina@example.org").exists()
    assert not OutgoingMail.objects.filter(to="amina@example.org").exists()
    TalkFactory(title="After unsubscribing", region_slugs=["africa"], start=in_days(14))
    talks_announce()
    run_tasks()
    assert len(received_by(mail_server, "amina@example.org")) == 3


def test_a_contact_message_and_its_copy_arrive(client, mail_server):
    response = client.post(
        "/contact/",
        {"name": "Amina Diallo", "email": "amina@example.org", "subject": "Interpretation",
         "message": "Will there be interpretation into Portuguese?"},
    )  # fmt: skip
    assert response.status_code == 302
    run_tasks()
    [secretariat] = received_by(mail_server, "unmignet@iom.int")
    [copy] = received_by(mail_server, "amina@example.org")
    assert secretariat["Reply-To"] == "Amina Diallo <amina@example.org>"
    assert secretariat["Subject"] == "[GCM Talks contact] Interpretation"
    assert copy["Reply-To"] == "unmignet@iom.int"
    assert "Will there be interpretation into Portuguese?" in body(copy)
