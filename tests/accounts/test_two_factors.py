"""Two-factor authentication (TOTP and recovery codes) through allauth.mfa."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled

from tests.accounts.pages import check_page
from tests.factories import TOTP_SECRET, UserFactory, with_two_factors

pytestmark = pytest.mark.django_db

PASSWORD = "a long pass phrase"


@pytest.fixture(autouse=True)
def one_step_either_side(settings):
    # A code computed just before a 30-second step ends is checked just after it.
    settings.MFA_TOTP_TOLERANCE = 1


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def verified_user(**fields):
    user = UserFactory(email="amina@example.org", **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(client):
    return client.post("/accounts/login/", {"login": "amina@example.org", "password": PASSWORD})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_set_up_totp_then_sign_in_asks_for_the_code(client):
    user = verified_user()
    sign_in(client)
    # allauth asks for the password again before a second factor is added.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    check_page(client.get(response["Location"]))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")
    check_page(page)
    html = page.content.decode()
    # The QR code is inline SVG, named for screen readers, not a data: image.
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in html
    assert "data:image" not in html and "<?xml" not in html
    secret = page.context["form"].secret
    assert secret in html

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert "Incorrect code." in wrong.content.decode() and not is_mfa_enabled(user)

    response = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/recovery-codes/"
    assert is_mfa_enabled(user, [Authenticator.Type.TOTP])
    codes = client.get(response["Location"])
    check_page(codes)
    assert len(codes.context["unused_codes"]) == 10

    client.post("/accounts/logout/")
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/"
    assert not signed_in(client)
    check_page(client.get("/accounts/2fa/authenticate/"))
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "Incorrect code." in wrong.content.decode() and not signed_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert signed_in(client)


def test_a_recovery_code_signs_in_once(client):
    user = with_two_factors(verified_user())
    code = RecoveryCodes.activate(user).get_unused_codes()[0]

    sign_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302 and signed_in(client)
    client.logout()
    sign_in(client)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert not signed_in(client)


def test_a_code_is_accepted_once(client):
    with_two_factors(verified_user())
    code = code_for(TOTP_SECRET)
    sign_in(client)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert signed_in(client)
    client.logout()
    sign_in(client)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert not signed_in(client)


def test_turning_totp_on_tells_the_owner_by_mail(client, django_capture_on_commit_callbacks):
    from gcmtalks.notifications.models import OutgoingMail

    verified_user()
    sign_in(client)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    subjects = list(OutgoingMail.objects.values_list("subject", flat=True))
    assert any("Authenticator App Activated" in s for s in subjects), subjects
