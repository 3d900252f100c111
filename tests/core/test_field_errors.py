"""A field with several errors shows them all in one element, whose id the control names in
aria-describedby: no two elements share an id, and every id a control points to exists."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from gcmtalks.registrations.models import Registration
from tests.registrations.conftest import open_talk, person  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# Not an address, and longer than the 254 characters an address may have: two errors.
TOO_LONG_AND_INVALID = "a" * 300


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append({"tag": tag, **dict(attrs)})

    def ids(self) -> Counter:
        return Counter(element["id"] for element in self.found if element.get("id"))

    def with_id(self, value: str) -> dict:
        return next(element for element in self.found if element.get("id") == value)


def check_ids(html: str) -> Elements:
    elements = Elements(html)
    ids = elements.ids()
    assert [value for value, count in ids.items() if count > 1] == []
    for element in elements.found:
        for value in element.get("aria-describedby", "").split():
            assert value in ids, f"aria-describedby of <{element['tag']}> names {value!r}"
    return elements


def error_text(html: str, error_id: str) -> str:
    start = html.index(f'id="{error_id}"')
    return html[start : html.index("</div>", start)]


def test_registration_email_with_two_errors(client, open_talk):  # noqa: F811
    response = client.post("/talks/open-talk/register/", person(email=TOO_LONG_AND_INVALID))
    assert response.status_code == 422
    html = response.content.decode()
    elements = check_ids(html)
    email = elements.with_id("id_email")
    assert "id_email_error" in email["aria-describedby"].split()
    assert email["aria-invalid"] == "true"
    messages = error_text(html, "id_email_error")
    assert "Enter a valid email address." in messages
    assert "Ensure this value has at most 254 characters (it has 300)." in messages
    assert not Registration.objects.exists()


def test_contact_form_fields_with_two_errors(client):
    """The contact form is laid out by core/_field.html, as most forms are."""
    response = client.post(
        "/contact/",
        {"name": "Amina", "email": TOO_LONG_AND_INVALID, "subject": "Two\nlines" + "x" * 200,
         "message": "Hello"},
    )  # fmt: skip
    html = response.content.decode()
    assert "Please correct the fields marked below." in html
    elements = check_ids(html)
    for name in ("email", "subject"):
        control = elements.with_id(f"id_{name}")
        assert f"id_{name}_error" in control["aria-describedby"].split()
        assert error_text(html, f"id_{name}_error").count("<p>") == 2


def test_the_check_finds_a_repeated_id():
    with pytest.raises(AssertionError):
        check_ids('<p class="error" id="id_email_error">A</p><p id="id_email_error">B</p>')
    with pytest.raises(AssertionError):
        check_ids('<input id="id_email" aria-describedby="id_email_error">')
