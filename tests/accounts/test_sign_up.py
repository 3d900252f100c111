"""Sign-up, email verification, sign-in and password reset through allauth, with its mail
sent by our outbox to a real SMTP server."""

import re

import pytest
from allauth.account.models import EmailAddress

from gcmtalks.accounts.models import User
from gcmtalks.notifications.models import OutgoingMail
from tests.accounts.pages import check_page
from tests.factories import UserFactory
from tests.smtp import run_tasks

# Commits are real: the outbox queues its task when the request's transaction commits.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("smtp_settings"),
]

PASSWORD = "a long pass phrase"


def delivered(mail_server, to: str) -> str:
    """The text of the last mail the SMTP server received for `to`, after running the tasks."""
    run_tasks()
    received = [m for m in mail_server.received if m["To"] == to]
    assert received, f"no mail for {to}"
    return received[-1].get_body(("plain",)).get_content()


def link_in(text: str) -> str:
    return re.search(r"https?://testserver(/\S+)", text).group(1)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def sign_up(client, email="amina@example.org"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_sign_up_verify_by_mail_then_sign_in(client, mail_server):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert not signed_in(client)
    assert "Verify Your Email Address" in client.get(response["Location"]).content.decode()

    text = delivered(mail_server, "amina@example.org")
    [received] = mail_server.received
    assert received["Subject"].startswith("GCM Talks: ")
    assert "GCM Talks – UN Network on Migration" in text
    mail = OutgoingMail.objects.get()
    assert mail.status == "sent" and mail.key.startswith("account:email_confirmation_signup:")

    link = link_in(text)
    page = client.get(link)
    check_page(page)
    assert "Confirm Email Address" in page.content.decode()
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email="amina@example.org").verified

    response = client.post("/accounts/login/", {"login": "amina@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert signed_in(client)
    assert "amina@example.org" in client.get("/account/").content.decode()


def test_an_unverified_address_cannot_sign_in(client, mail_server):
    sign_up(client)
    response = client.post("/accounts/login/", {"login": "amina@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert not signed_in(client)
    assert not User.objects.get().last_login


def test_sign_up_with_bad_input_says_why_and_makes_nobody(client, mail_server):
    UserFactory(email="taken@example.org")
    response = client.post(
        "/accounts/signup/", {"email": "not an address", "password1": "short", "password2": "x"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in page
    assert 'aria-invalid="true"' in page
    assert User.objects.count() == 1
    run_tasks()
    assert not mail_server.received


def test_signing_up_again_with_a_known_address_tells_its_owner_only(client, mail_server):
    UserFactory(email="taken@example.org")
    response = sign_up(client, email="taken@example.org")
    # The same answer as for a new address: the page does not tell who has an account.
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert User.objects.count() == 1
    assert "already" in delivered(mail_server, "taken@example.org")


def test_a_wrong_password_is_refused_with_a_message(client):
    user = UserFactory(email="amina@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/accounts/login/", {"login": "amina@example.org", "password": "not the password"}
    )
    assert response.status_code == 200
    assert "are not correct" in response.content.decode()
    assert not signed_in(client)


def test_password_reset_by_mail(client, mail_server):
    user = UserFactory(email="amina@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post("/accounts/password/reset/", {"email": "amina@example.org"})
    assert response.status_code == 302
    link = link_in(delivered(mail_server, "amina@example.org"))
    form_page = client.get(link, follow=True)
    check_page(form_page)
    assert "password1" in form_page.content.decode()
    new = "another long pass phrase"
    response = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password(new)
    response = client.post("/accounts/login/", {"login": "amina@example.org", "password": new})
    assert response.status_code == 302 and signed_in(client)
    # ACCOUNT_EMAIL_NOTIFICATIONS: the owner is told the password changed.
    assert "password" in delivered(mail_server, "amina@example.org").lower()
    assert OutgoingMail.objects.filter(to="amina@example.org").count() == 2
