import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gcmtalks.accounts.models import ApiToken
from gcmtalks.accounts.services import api_token_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_account_page_makes_a_token_shown_once(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/account/", {"name": "sync script"})
    token = response.context["new_token"]
    assert token.startswith("gcmt_") and token in response.content.decode()
    assert api_token_user(token) == user
    assert token not in client.get("/account/").content.decode()
    assert ApiToken.objects.get().key_hash != token


def test_a_token_needs_a_name(client):
    client.force_login(UserFactory())
    response = client.post("/account/", {"name": ""})
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token(client):
    user = UserFactory()
    client.force_login(user)
    token = client.post("/account/", {"name": "old"}).context["new_token"]
    pk = ApiToken.objects.get().pk
    assert client.post(f"/account/tokens/{pk}/revoke/").status_code == 302
    assert api_token_user(token) is None


def test_nobody_revokes_another_persons_token(client):
    owner = UserFactory()
    client.force_login(owner)
    client.post("/account/", {"name": "mine"})
    client.force_login(UserFactory())
    assert client.post(f"/account/tokens/{ApiToken.objects.get().pk}/revoke/").status_code == 404
    assert ApiToken.objects.exists()


def test_the_account_page_needs_a_login(client):
    assert client.get("/account/").status_code == 302


def test_the_command_prints_a_working_token(capsys):
    user = UserFactory(username="secretariat")
    call_command("api_token", "secretariat")
    assert api_token_user(capsys.readouterr().out.strip()) == user
    with pytest.raises(CommandError):
        call_command("api_token", "nobody")
