"""The language a visitor reads: their choice (the switcher, their account), else their
browser's, else English; the API's from ?lang= or Accept-Language."""

import pytest
from django.conf import settings

from gcmtalks.accounts.models import User
from tests.factories import TalkFactory, UserFactory

pytestmark = pytest.mark.django_db
COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def talk():
    return TalkFactory(slug="fair-recruitment", title="Fair recruitment",
                       title_fr="Recrutement équitable")  # fmt: skip


@pytest.mark.parametrize(
    "header, where",
    [
        ("fr-CH,fr;q=0.9,en;q=0.8", "/fr/talks/fair-recruitment/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/talks/fair-recruitment/"),
        ("ar-EG", "/ar/talks/fair-recruitment/"),
        ("de-DE,ru;q=0.5", "/ru/talks/fair-recruitment/"),
    ],
)
def test_a_browser_asking_for_another_language_is_sent_there(client, talk, header, where):
    response = client.get("/talks/fair-recruitment/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302 and response.url == where
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("header", ["", "en-GB,en;q=0.9", "de-DE,it;q=0.5", "*"])
def test_english_or_an_unknown_language_stays_in_english(client, talk, header):
    response = client.get("/talks/fair-recruitment/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200 and "Fair recruitment" in response.text


def test_a_chosen_language_beats_the_browsers(client, talk):
    client.cookies[COOKIE] = "en"
    response = client.get("/talks/fair-recruitment/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200 and 'lang="en"' in response.text
    client.cookies[COOKIE] = "es"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").url == "/es/"


def test_what_is_not_a_page_is_not_redirected(client, talk):
    for path in ("/calendar.ics", "/api/v1/talks", "/talks/fair-recruitment/calendar.ics",
                 "/no-such-page/"):  # fmt: skip
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code in (200, 404), path
    assert client.post("/talks/fair-recruitment/", HTTP_ACCEPT_LANGUAGE="fr").status_code != 302


def test_the_switcher_keeps_the_choice_and_shows_the_same_page(client, talk):
    page = client.get("/fr/talks/fair-recruitment/")
    assert 'href="/language/en/?next=%2Ffr%2Ftalks%2Ffair-recruitment%2F"' in page.text
    assert 'hreflang="ar" href="http' in page.text  # alternates for search engines
    response = client.get("/language/en/", {"next": "/fr/talks/fair-recruitment/"},
                          HTTP_ACCEPT_LANGUAGE="fr")  # fmt: skip
    assert response.status_code == 302 and response.url == "/talks/fair-recruitment/"
    assert response.cookies[COOKIE].value == "en"
    # English now stays English for this French browser.
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200 and "Fair recruitment" in page.text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_the_switcher_never_leaves_the_site(client, target):
    response = client.get("/language/fr/", {"next": target})
    assert response.status_code == 302 and response.url == "/fr/"


def test_an_unknown_language_code_falls_back_to_english(client):
    response = client.get("/language/xx/", {"next": "/fr/"})
    assert response.url == "/" and response.cookies[COOKIE].value == "en"


def test_the_account_language_is_saved_and_brought_at_sign_in(client):
    from allauth.account.models import EmailAddress

    person = UserFactory(username="amina", email="amina@example.org")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(person)
    response = client.post("/account/language/", {"language": "ar"})
    assert response.status_code == 302 and response.url == "/ar/account/"
    assert response.cookies[COOKIE].value == "ar"
    assert User.objects.get(pk=person.pk).language == "ar"
    assert client.get(response.url).status_code == 200
    # On another browser, signing in brings it.
    client.logout()
    client.cookies.clear()
    response = client.post("/accounts/login/", {"login": "amina@example.org",
                                                "password": "a long pass phrase"})  # fmt: skip
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "ar"


def test_a_bad_account_language_is_refused(client):
    person = UserFactory(language="fr")
    client.force_login(person)
    response = client.post("/account/language/", {"language": "klingon"})
    assert response.status_code == 400 and "Select a valid choice" in response.text
    assert User.objects.get(pk=person.pk).language == "fr"


def test_the_api_answers_in_the_language_asked(client, talk, settings):
    settings.PUBLIC_CACHE_SECONDS = 60  # answers cached per language, not mixed up
    english = client.get("/api/v1/talks")
    french = client.get("/api/v1/talks", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    spanish = client.get("/api/v1/talks?lang=es", HTTP_ACCEPT_LANGUAGE="fr")
    assert english.json()["items"][0]["title"] == "Fair recruitment"
    assert french.json()["items"][0]["title"] == "Recrutement équitable"
    assert french["Content-Language"] == "fr" and "Accept-Language" in french["Vary"]
    assert spanish["Content-Language"] == "es"
    assert spanish.json()["items"][0]["title"] == "Fair recruitment"  # no Spanish title yet
    again = client.get("/api/v1/talks")
    assert again.json()["items"][0]["title"] == "Fair recruitment"
