"""The cards' public addresses: every language and size, drafts hidden, bad addresses refused
clearly, drawn once per change, cacheable, and a constant number of queries."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from gcmtalks.branding import cards
from gcmtalks.core.models import Language
from gcmtalks.talks.models import Talk

from .conftest import LANGUAGES, SIZES, talk_with_titles

pytestmark = pytest.mark.django_db


def card_url(slug="discrimination", language="en", size="1200x630"):
    return f"/talks/{slug}/card/{language}/{size}.png"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_card_is_served_in_each_language_and_size(client, talk, language, size):
    response = client.get(card_url(language=language, size=size))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'inline; filename="gcm-talk-discrimination-{language}-{size}.png"'
    )
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == SIZES[size]


def test_card_address_is_the_same_under_every_language_prefix(talk):
    assert cards.url(talk, "ar", "1080x1080") == card_url(language="ar", size="1080x1080")


def test_a_drafts_card_is_not_found(client, db):
    talk_with_titles(slug="draft", status=Talk.Status.DRAFT)
    assert client.get(card_url("draft")).status_code == 404


@pytest.mark.parametrize(
    "status", [Talk.Status.PUBLISHED, Talk.Status.POSTPONED, Talk.Status.CANCELLED]
)
def test_public_talks_have_cards(client, db, status):
    talk_with_titles(slug="public", status=status)
    assert client.get(card_url("public")).status_code == 200


@pytest.mark.parametrize(
    "url, says",
    [
        (card_url(language="de"), "no cards in “de”"),
        (card_url(language="EN"), "no cards in “EN”"),
        (card_url(language="zh"), "no cards in “zh”"),
        (card_url(language="x" * 300), "no cards in"),
        (card_url(size="800x600"), "no cards of size “800x600”"),
        (card_url(size="1200x630.png"), "no cards of size"),
        (card_url(size="%00"), "no cards of size"),
        (card_url(size="1200X630"), "no cards of size"),
    ],
)
def test_bad_language_or_size_is_refused_clearly(client, talk, url, says):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert says in text
    assert "1200x630, 1080x1080" in text or "en, fr, es, ar, zh-hans, ru" in text


@pytest.mark.parametrize(
    "url",
    [
        card_url(slug="no-such-talk"),
        "/talks/discrimination/card/en/",
        "/talks/discrimination/card/en/1200x630.jpg",
        "/fr/talks/discrimination/card/en/1200x630.png",
        "/talks/discrimination/card.png",
    ],
)
def test_other_addresses_are_not_found(client, talk, url):
    assert client.get(url).status_code == 404


def test_only_reading_is_allowed(client, talk):
    assert client.post(card_url()).status_code == 405
    head = client.head(card_url())
    assert head.status_code == 200 and head["Content-Type"] == "image/png"


def test_card_is_cacheable_and_revalidated_by_etag(client, talk):
    first = client.get(card_url())
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    assert first["Cache-Control"] == "public, max-age=3600"
    again = client.get(card_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_card_is_drawn_once_per_change_of_what_it_shows(client, talk):
    text = cards.card_text(talk, "fr")
    key = f"branding:card:{text.fingerprint('1080x1080')}"
    assert cache.get(key) is None
    first = client.get(card_url(language="fr", size="1080x1080"))
    assert cache.get(key) == first.content  # kept in the shared cache
    second = client.get(card_url(language="fr", size="1080x1080"))
    assert second.content == first.content and second["ETag"] == first["ETag"]

    talk.title_fr = "Un autre titre"
    talk.save()
    changed = client.get(card_url(language="fr", size="1080x1080"))
    assert changed["ETag"] != first["ETag"]
    assert changed.content != first.content
    # Other languages show the same as before: their drawing is kept.
    assert client.get(card_url(language="en"))["ETag"] == client.get(card_url())["ETag"]


def test_interpretation_languages_change_the_card(client, talk):
    before = client.get(card_url())["ETag"]
    talk.interpretation_languages.add(Language.objects.get(code="ar"))
    assert client.get(card_url())["ETag"] != before


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_languages_or_drawing(client, db):
    one = talk_with_titles(slug="one")
    one.interpretation_languages.set(Language.objects.filter(code="en"))
    many = talk_with_titles(slug="many")
    many.interpretation_languages.set(Language.objects.all())
    assert Language.objects.count() > 5
    first = queries_for(client, card_url("one"))
    assert first == queries_for(client, card_url("many"))
    assert first == queries_for(client, card_url("many"))  # from the cache this time
    assert first <= 2
