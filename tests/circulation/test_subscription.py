"""The subscription pages: double opt-in, the personal page, unsubscribing, bad input."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gcmtalks.circulation import services
from gcmtalks.circulation.links import token_for
from gcmtalks.circulation.models import Subscriber
from gcmtalks.core.models import AuditEntry, Objective
from gcmtalks.notifications.models import OutgoingMail
from tests.factories import OrganiserFactory

from .conftest import subscriber

pytestmark = pytest.mark.django_db

SENT = "/subscribe/sent/"


def subscribe(client, **data):
    return client.post("/subscribe/", {"weekly_digest": "on", **data})


def test_a_request_makes_a_pending_subscription_and_one_mail_to_confirm(client):
    labour = OrganiserFactory(slug="ws-labour")
    response = subscribe(
        client, email=" Amina@Example.org ", regions=["africa", "arab-states"],
        organisers=["ws-labour"], languages=["fr"], objectives=["5"], announcements="on",
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == SENT
    person = Subscriber.objects.get()
    assert person.email == "amina@example.org"
    assert not person.is_confirmed and person.language == "en"
    assert sorted(r.slug for r in person.regions.all()) == ["africa", "arab-states"]
    assert list(person.organisers.all()) == [labour]
    assert [lang.code for lang in person.languages.all()] == ["fr"]
    assert [o.number for o in person.objectives.all()] == [5]
    assert person.weekly_digest and person.announcements
    [mail] = OutgoingMail.objects.all()
    assert mail.to == "amina@example.org"
    assert mail.subject == "Confirm your subscription to GCM Talks"
    assert f"/subscription/{token_for(person)}/" in mail.text
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/unsubscribe/{token_for(person)}/>" in mail.headers["List-Unsubscribe"]
    assert "<mailto:unmignet@iom.int?subject=unsubscribe>" in mail.headers["List-Unsubscribe"]
    # The audit log keeps what was chosen, never the address.
    entry = AuditEntry.objects.get(action="subscription.request")
    assert "amina" not in str(entry.changes) + entry.object_repr


def test_the_mails_are_in_the_language_of_the_page(client):
    client.post("/fr/subscribe/", {"email": "amina@example.org", "weekly_digest": "on"})
    person = Subscriber.objects.get()
    assert person.language == "fr"
    mail = OutgoingMail.objects.get()
    assert mail.language == "fr"
    assert f"/fr/subscription/{token_for(person)}/" in mail.text


def test_asking_again_answers_the_same_and_mails_at_most_once_in_ten_minutes(client):
    first = subscribe(client, email="amina@example.org")
    again = subscribe(client, email="amina@example.org", regions=["africa"])
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == SENT
    assert OutgoingMail.objects.count() == 1
    # Still pending: the new choices replace the old ones.
    assert [r.slug for r in Subscriber.objects.get().regions.all()] == ["africa"]
    later = timezone.now() + timedelta(minutes=11)
    services.subscription_request(email="amina@example.org", choices={}, now=later)
    assert OutgoingMail.objects.count() == 2
    assert {m.subject for m in OutgoingMail.objects.all()} == {
        "Confirm your subscription to GCM Talks"
    }


def test_a_confirmed_address_keeps_its_choices_and_gets_only_its_link(client):
    person = subscriber("amina@example.org", confirmed=timezone.now(), regions=["africa"])
    response = subscribe(client, email="amina@example.org", regions=["europe-north-america"])
    assert response.status_code == 302 and response["Location"] == SENT
    assert [r.slug for r in person.regions.all()] == ["africa"]
    [mail] = OutgoingMail.objects.all()
    assert mail.subject == "Your subscription to GCM Talks"
    assert "already subscribed" in mail.text
    assert f"/subscription/{token_for(person)}/" in mail.text
    subscribe(client, email="amina@example.org")
    assert OutgoingMail.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "a@example.org", "regions": ["atlantis"]}, "regions",
         "“atlantis” is not one of the known values."),
        ({"email": "a@example.org", "languages": ["xx"]}, "languages",
         "“xx” is not one of the known values."),
        ({"email": "a@example.org", "objectives": ["abc"]}, "objectives",
         "“abc” is not one of the known values."),
        ({"email": "a@example.org", "weekly_digest": ""}, None,
         "Choose the weekly digest, the announcements of new talks, or both."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_clear_message_and_nothing_kept(client, data, field, message):
    response = client.post("/subscribe/", {"weekly_digest": "on", **data})
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors[field] if field else form.non_field_errors()
    assert message in errors
    assert message in response.text
    assert not Subscriber.objects.exists() and not OutgoingMail.objects.exists()


def test_too_many_requests_from_one_place_are_refused(client, settings):
    settings.SUBSCRIBE_RATE_LIMIT = "2/h"
    for number in range(2):
        assert subscribe(client, email=f"person{number}@example.org").status_code == 302
    response = subscribe(client, email="person9@example.org")
    assert response.status_code == 429
    assert "Too many requests were sent from here" in response.text
    assert Subscriber.objects.count() == 2


def test_the_subscription_page_costs_the_same_queries_for_few_and_many_choices(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for total in (1, 40):
        OrganiserFactory.create_batch(total)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/subscribe/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Objective.objects.count() > 1


# The personal page.


def test_the_link_opens_a_page_that_confirms_with_a_button(client):
    person = subscriber("amina@example.org")
    token = token_for(person)
    page = client.get(f"/subscription/{token}/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store" and page["X-Robots-Tag"] == "noindex"
    assert "not confirmed yet" in page.text
    assert f'action="/subscription/{token}/confirm/"' in page.text
    person.refresh_from_db()
    assert not person.is_confirmed  # opening the link is not confirming (mail scanners open it)
    response = client.post(f"/subscription/{token}/confirm/")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_confirmed
    assert person.digest_since == person.confirmed_at - timedelta(days=7)
    page = client.get(f"/subscription/{token}/")
    assert "your subscription is confirmed" in page.text
    assert 'name="regions"' in page.text


def test_a_confirmed_subscriber_changes_their_choices(client):
    person = subscriber("amina@example.org", confirmed=timezone.now(), regions=["africa"])
    token = token_for(person)
    page = client.get(f"/subscription/{token}/")
    assert re.search(r'value="africa"[^>]* checked', page.text)
    response = client.post(
        f"/subscription/{token}/",
        {"language": "ar", "regions": ["asia-pacific"], "announcements": "on"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "ar" and person.announcements and not person.weekly_digest
    assert [r.slug for r in person.regions.all()] == ["asia-pacific"]
    entry = AuditEntry.objects.get(action="subscription.change")
    assert entry.changes["language"] == ["en", "ar"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"language": "xx", "weekly_digest": "on"}, "Select a valid choice."),
        ({"language": "fr"}, "Choose the weekly digest, the announcements of new talks, or both."),
        ({"language": "fr", "weekly_digest": "on", "regions": ["mars"]},
         "“mars” is not one of the known values."),
    ],
)  # fmt: skip
def test_bad_changes_are_refused_and_nothing_changes(client, data, message):
    person = subscriber("amina@example.org", confirmed=timezone.now(), regions=["africa"])
    response = client.post(f"/subscription/{token_for(person)}/", data)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors)
    person.refresh_from_db()
    assert person.language == "en" and [r.slug for r in person.regions.all()] == ["africa"]


def test_a_pending_subscription_cannot_be_changed_before_it_is_confirmed(client):
    person = subscriber("amina@example.org")
    response = client.post(f"/subscription/{token_for(person)}/", {"language": "fr"})
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.language == "en"


@pytest.mark.parametrize("path", ["/subscription/{}/", "/unsubscribe/{}/"])
def test_a_forged_or_broken_link_says_so(client, path):
    person = subscriber("amina@example.org", confirmed=timezone.now())
    for token in ("nothing", person.key, token_for(person)[:-2] + "xx", f"{person.key}.abc"):
        response = client.get(path.format(token))
        assert response.status_code == 404
        assert "This link does not work" in response.text
    assert client.post(f"/subscription/{person.key}/confirm/").status_code == 404
    person.refresh_from_db()
    assert person.confirmed_at is not None


# Unsubscribing.


def test_unsubscribing_asks_first_on_a_get(client):
    person = subscriber("amina@example.org", confirmed=timezone.now())
    page = client.get(f"/unsubscribe/{token_for(person)}/")
    assert page.status_code == 200
    assert '<form method="post">' in page.text
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_one_click_unsubscribe_needs_no_csrf_token_and_erases_the_address():
    person = subscriber("amina@example.org", confirmed=timezone.now())
    token = token_for(person)
    services.subscription_request(email="amina@example.org", choices={})
    mail = OutgoingMail.objects.get()
    # As a mail client sends it (RFC 8058): no cookie, no token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert not Subscriber.objects.exists()
    assert not OutgoingMail.objects.exists()
    erased = AuditEntry.objects.filter(
        object_type="notifications.outgoingmail", object_id=str(mail.pk)
    )
    assert erased.exists()
    assert all("amina" not in str(e.changes) + e.object_repr for e in AuditEntry.objects.all())
    # Again (a client retrying): still fine, nothing to do.
    again = client.post(f"/unsubscribe/{token}/", "List-Unsubscribe=One-Click",
                        content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert again.status_code == 200


def test_other_forms_still_need_their_csrf_token():
    person = subscriber("amina@example.org", confirmed=timezone.now())
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/subscription/{token_for(person)}/confirm/").status_code == 403
    assert client.post("/subscribe/", {"email": "b@example.org"}).status_code == 403
    assert client.post("/contact/", {}).status_code == 403


def test_requests_never_confirmed_are_forgotten_after_a_week():
    old = subscriber("old@example.org")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    fresh = subscriber("fresh@example.org")
    kept = subscriber("kept@example.org", confirmed=timezone.now() - timedelta(days=30))
    Subscriber.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=30))
    assert services.subscriptions_forget_pending() == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
    assert AuditEntry.objects.filter(action="subscription.expire").count() == 1


def test_a_subscriber_is_known_in_audit_entries_by_number_only():
    person = subscriber("amina@example.org")
    assert str(person) == f"Subscriber {person.pk}"
