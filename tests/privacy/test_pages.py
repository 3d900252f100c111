import json

import pytest
from django.urls import reverse

from gcmtalks.core.models import AuditEntry
from gcmtalks.registrations.models import Registration
from tests.factories import TwoFactorFactory, UserFactory

from .conftest import ALICE, BOB

MINE = reverse("privacy:mine")
EXPORT = reverse("privacy:export")
ERASE = reverse("privacy:erase")
WORKSPACE = reverse("privacy_workspace:index")
WORKSPACE_ERASE = reverse("privacy_workspace:erase")
RETENTION = reverse("privacy_workspace:retention")


def test_a_person_downloads_their_own_data_only(client, world):
    client.force_login(world["alice"])
    assert client.get(MINE).status_code == 200
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert {r["email"] for r in data["registrations"]} == {ALICE["email"]}
    assert BOB["email"] not in response.content.decode()


def test_a_person_erases_their_data_with_their_password(client, world):
    client.force_login(world["alice"])
    response = client.post(ERASE, {"password": "a long pass phrase", "confirm": "on"})
    assert response.status_code == 302
    assert not Registration.objects.filter(email=ALICE["email"]).exists()
    assert Registration.objects.filter(email=BOB["email"]).count() == 2
    assert client.get(MINE).status_code == 302  # signed out: sent to sign in
    assert not client.login(username="aliceq", password="a long pass phrase")
    assert AuditEntry.objects.get(action="privacy.erase").actor is None


@pytest.mark.parametrize("data", [{"password": "wrong", "confirm": "on"},
                                  {"password": "a long pass phrase"}, {}])  # fmt: skip
def test_a_wrong_password_or_no_confirmation_erases_nothing(client, world, data):
    client.force_login(world["alice"])
    response = client.post(ERASE, data)
    assert response.status_code == 422
    assert Registration.objects.filter(email=ALICE["email"]).count() == 2
    assert not AuditEntry.objects.filter(action="privacy.erase").exists()


def test_get_on_the_erasure_answers_405(client, world):
    client.force_login(world["alice"])
    assert client.get(ERASE).status_code == 405
    assert client.get(WORKSPACE_ERASE).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in (MINE, EXPORT, WORKSPACE, RETENTION):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    assert client.post(ERASE, {"password": "x"}).status_code == 302
    assert Registration.objects.filter(email=ALICE["email"]).count() == 2


def test_only_the_secretariat_reaches_the_workspace_pages(client, world):
    client.force_login(TwoFactorFactory())
    for url in (WORKSPACE, RETENTION):
        assert client.get(url).status_code == 403
    response = client.post(WORKSPACE_ERASE, {"email": ALICE["email"], "confirm": "on"})
    assert response.status_code == 403
    assert Registration.objects.filter(email=ALICE["email"]).count() == 2


def test_the_secretariat_finds_and_erases_a_person(client, world):
    client.force_login(world["secretariat"])
    response = client.get(WORKSPACE, {"email": BOB["email"]})
    assert response.status_code == 200
    assert "Erase now" in response.content.decode()
    response = client.post(WORKSPACE_ERASE, {"email": BOB["email"], "confirm": "on"})
    assert response.status_code == 302
    assert not Registration.objects.filter(email=BOB["email"]).exists()
    assert Registration.objects.filter(email=ALICE["email"]).count() == 2
    assert AuditEntry.objects.get(action="privacy.erase").actor == world["secretariat"]


@pytest.mark.parametrize("data,status", [
    ({"email": "nobody@example.org", "confirm": "on"}, 404),
    ({"email": "not an address", "confirm": "on"}, 422),
    ({"email": ALICE["email"]}, 422),
])  # fmt: skip
def test_the_secretariat_gets_a_clear_answer_to_bad_input(client, world, data, status):
    client.force_login(world["secretariat"])
    assert client.post(WORKSPACE_ERASE, data).status_code == status
    assert Registration.objects.filter(email=ALICE["email"]).count() == 2
    assert client.get(WORKSPACE, {"email": "not an address"}).status_code == 200
    response = client.get(WORKSPACE, {"email": "nobody@example.org"})
    assert "Nothing is held under this address." in response.content.decode()


def test_the_retention_report_counts_what_remains(client, world):
    client.force_login(world["secretariat"])
    response = client.get(RETENTION)
    assert response.status_code == 200
    assert "Open to all" in response.content.decode()


def test_a_user_without_records_may_still_erase_the_account(client, db):
    user = UserFactory(email="lonely@example.org")
    client.force_login(user)
    assert (
        client.post(ERASE, {"password": "a long pass phrase", "confirm": "on"}).status_code == 302
    )
    user.refresh_from_db()
    assert user.email == "" and not user.is_active


def token_of(registration):
    from gcmtalks.registrations.mail import token_for

    return token_for(registration)


def test_a_registrant_without_account_downloads_and_erases_by_the_personal_link(client, world):
    bob_reg = world["people"][BOB["email"]]["registrations"][0]
    token = token_of(bob_reg)
    response = client.get(reverse("privacy_registrant:export", args=[token]))
    assert response.status_code == 200
    assert (
        BOB["name"] in response.content.decode() and ALICE["email"] not in response.content.decode()
    )
    erase = reverse("privacy_registrant:erase", args=[token])
    assert client.get(erase).status_code == 200
    assert client.post(erase, {}).status_code == 422  # no confirmation: nothing erased
    assert Registration.objects.filter(email=BOB["email"]).count() == 2
    assert client.post(erase, {"confirm": "on"}).status_code == 302
    assert not Registration.objects.filter(email=BOB["email"]).exists()
    assert client.get(reverse("privacy_registrant:export", args=[token])).status_code == 404


def test_a_personal_link_never_erases_an_account(client, world):
    token = token_of(world["people"][ALICE["email"]]["registrations"][0])
    erase = reverse("privacy_registrant:erase", args=[token])
    assert client.post(erase, {"confirm": "on"}).status_code == 403
    assert Registration.objects.filter(email=ALICE["email"]).count() == 2


def test_a_forged_personal_link_answers_404(client, world):
    assert client.get(reverse("privacy_registrant:export", args=["forged"])).status_code == 404
    assert client.post(reverse("privacy_registrant:erase", args=["forged"])).status_code == 404
