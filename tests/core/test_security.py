import pytest
from django.contrib.auth.hashers import identify_hasher, make_password

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password, **headers):
    return client.post("/accounts/login/", {"login": email, "password": password}, **headers)


def test_new_passwords_are_hashed_with_argon2():
    user = UserFactory()
    user.set_password("another long pass phrase")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$")


def test_an_older_hash_still_signs_in_and_is_upgraded_to_argon2(client):
    user = UserFactory()
    user.password = make_password("a long pass phrase", hasher="pbkdf2_sha256")
    user.save()
    sign_in(client, user.email, "a long pass phrase")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_the_sixth_wrong_password_in_a_row_is_refused_even_when_right(client):
    user = UserFactory()
    for _ in range(5):
        response = sign_in(client, user.email, "wrong guess")
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    response = sign_in(client, user.email, "a long pass phrase")
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_throttle_counts_per_account_not_for_everyone(client):
    throttled, other = UserFactory(), UserFactory(email="other@example.org")
    for _ in range(6):
        sign_in(client, throttled.email, "wrong guess")
    response = sign_in(client, other.email, "wrong guess")
    assert "Too many failed login attempts" not in response.content.decode()
    assert "not correct" in response.content.decode()
