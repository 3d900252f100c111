"""The admin: staff only, with two-factor authentication, signed in through allauth."""

import pytest

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_without_two_factors_are_sent_to_set_it_up(client):
    client.force_login(StaffFactory(mfa=False))
    response = client.get("/admin/talks/talk/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/talks/talk/"
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2Ftalks%2Ftalk%2F"
    page = client.get("/account/").content.decode()
    assert "pages need two-factor authentication: set it up first." in page


def test_staff_without_two_factors_change_nothing(client):
    from gcmtalks.core.models import Language

    client.force_login(StaffFactory(mfa=False))
    count = Language.objects.count()
    response = client.post("/admin/core/language/add/", {"code": "xx", "name_en": "X"})
    assert response.status_code == 302 and Language.objects.count() == count


def test_staff_with_two_factors_use_the_admin(client):
    client.force_login(StaffFactory())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_people_who_are_not_staff_are_refused(client):
    client.force_login(UserFactory())
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_signing_in_to_the_admin_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_the_admins_own_password_form_is_gone(client):
    staff = StaffFactory(mfa=False)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": staff.username, "password": "a long pass phrase"},
    )
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert "_auth_user_id" not in client.session


def test_the_next_address_must_be_on_this_site(client):
    client.force_login(StaffFactory())
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/admin/"
