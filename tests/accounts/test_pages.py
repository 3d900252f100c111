"""allauth's pages in our layout, under the strict CSP, with a label on every control."""

import pytest
from allauth.account.models import EmailAddress

from tests.accounts.pages import check_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/not-a-key/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/fr/accounts/login/",
        "/ar/accounts/signup/",
    ],
)
def test_entrance_pages(client, url):
    check_page(client.get(url))


@pytest.mark.parametrize(
    "url",
    [
        "/account/",
        "/accounts/logout/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
        "/accounts/2fa/",
    ],
)
def test_pages_for_people_signed_in(client, url):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    check_page(client.get(url))


def test_a_form_with_errors_says_so_next_to_each_field(client):
    response = client.post("/accounts/signup/", {"email": "", "password1": "", "password2": ""})
    check_page(response)
    page = response.content.decode()
    assert "Please correct the fields marked below." in page
    assert 'aria-describedby="id_email_error"' in page
    assert '<div class="error" id="id_email_error"><p>This field is required.</p></div>' in page


def test_the_sign_up_form_asks_email_and_password_twice(client):
    form = client.get("/accounts/signup/").context["form"]
    assert list(form.fields) == ["email", "password1", "password2"]
    assert all(field.required for field in form.fields.values())
