"""The partners' page, the talk page's Open Graph tags and the cards section of the
workspace."""

import io
import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.conf import settings
from PIL import Image

from gcmtalks.branding import display, tokens
from gcmtalks.talks.models import Talk
from tests.factories import StaffFactory

from .conftest import LANGUAGES, TITLES, talk_with_titles

pytestmark = pytest.mark.django_db


class Meta(HTMLParser):
    """The <meta> tags of a page, by property or name."""

    def __init__(self, html):
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            self.tags.setdefault(key, []).append(attrs.get("content", ""))

    def __getitem__(self, key):
        (value,) = self.tags[key]
        return value


def test_partners_page_shows_colours_with_computed_contrast(client):
    response = client.get("/brand/")
    assert response.status_code == 200
    page = response.content.decode()
    for colour in tokens.COLOURS:
        assert f'<code dir="ltr">{colour.hex}</code>' in page
        assert f'class="swatch swatch-{colour.name}"' in page
    # UN blue against white, computed: 7.51:1, which passes AAA.
    assert '<bdi dir="ltr">7.51:1</bdi> · AAA' in page
    assert '<bdi dir="ltr">8.05:1</bdi> · AAA' in page  # the youth colour
    assert '<bdi dir="ltr">2.12:1</bdi> · decoration only' in page  # the orange accent
    for step in tokens.TYPE_SCALE:
        assert f'class="type-sample type-{step.name}"' in page
    assert "#GCMTalks" in page
    assert 'style="' not in page and "<script>" not in page


def test_partners_page_tables_have_headers_and_images_alternatives(client):
    page = client.get("/brand/").content.decode()
    tables = re.findall(r"<table.*?</table>", page, re.S)
    assert len(tables) == 4
    for table in tables:
        assert "<caption" in table and '<th scope="col">' in table and '<th scope="row">' in table
    main = re.search(r"<main.*</main>", page, re.S).group()
    for image in re.findall(r"<img [^>]*>", main):
        assert re.search(r'alt="[^"]+"', image), image
    headings = re.findall(r"<h([1-3])", page)
    assert headings[0] == "1"
    assert all(int(b) - int(a) <= 1 for a, b in pairwise(headings))


def test_partners_page_in_arabic_is_right_to_left(client):
    response = client.get("/ar/brand/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<code dir="ltr">#00598a</code>' in page


def test_partners_page_is_linked_from_every_page(client, talk):
    assert 'href="/brand/"' in client.get("/").content.decode()
    assert 'href="/fr/brand/"' in client.get("/fr/").content.decode()


def test_partners_page_answers_only_reading(client):
    assert client.post("/brand/").status_code == 405


@pytest.mark.parametrize("file", display.logo_files(), ids=lambda file: file["filename"])
def test_logo_files_are_served_with_their_content_type(client, file):
    page = client.get("/brand/").content.decode()
    assert f'href="{file["url"]}" download="{file["filename"]}"' in page
    response = client.get(file["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == file["content_type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if file["format"] == "PNG":
        width = int(file["filename"].rsplit("-", 1)[-1].removesuffix(".png"))
        image = Image.open(io.BytesIO(body))
        assert image.size == (width, width) and image.mode == "RGBA"
        assert image.getpixel((width // 2, width // 2))[3] == 255  # the white disc
        assert image.getpixel((0, 0))[3] == 0  # transparent around it
    else:
        assert body.startswith(b"<svg") and b"<title" in body


def test_talk_page_has_open_graph_tags_with_its_card(client, talk):
    meta = Meta(client.get("/talks/discrimination/").content.decode())
    assert meta["og:title"] == TITLES["en"]
    assert meta["og:url"] == settings.SITE_URL + "/talks/discrimination/"
    assert meta["og:image"] == settings.SITE_URL + "/talks/discrimination/card/en/1200x630.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"].startswith(TITLES["en"])
    assert "15:00–16:30 Geneva time (CET, UTC+1)" in meta["og:description"]
    assert meta["og:locale"] == "en_GB"
    assert len(meta.tags["og:locale:alternate"]) == len(LANGUAGES) - 1
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    image = client.get(meta["og:image"].removeprefix(settings.SITE_URL))
    assert Image.open(io.BytesIO(image.content)).size == (1200, 630)


def test_talk_page_in_arabic_points_at_the_arabic_card(client, talk):
    meta = Meta(client.get("/ar/talks/discrimination/").content.decode())
    assert meta["og:title"] == TITLES["ar"]
    assert meta["og:url"] == settings.SITE_URL + "/ar/talks/discrimination/"
    assert meta["og:image"] == settings.SITE_URL + "/talks/discrimination/card/ar/1200x630.png"
    assert meta["og:locale"] == "ar_AR"
    assert "\u2066" not in meta["og:description"]


def test_open_graph_description_is_the_summary_when_there_is_one(client, db):
    talk_with_titles(slug="summary", summary="Why recruitment fees must end. " * 20)
    meta = Meta(client.get("/talks/summary/").content.decode())
    assert meta["og:description"].startswith("Why recruitment fees must end.")
    assert len(meta["og:description"]) <= 200


def test_workspace_lists_every_card_to_download(client, talk):
    client.force_login(StaffFactory())
    page = client.get("/manage/talks/discrimination/").content.decode()
    assert 'id="cards-heading"' in page
    for language in LANGUAGES:
        for size in ("1200x630", "1080x1080"):
            url = f"/talks/discrimination/card/{language}/{size}.png"
            assert f'href="{url}" download="gcm-talk-discrimination-{language}-{size}.png"' in page
    assert '<img src="/talks/discrimination/card/en/1080x1080.png"' in page


def test_workspace_of_a_draft_has_no_cards_yet(client, db):
    talk_with_titles(slug="draft", status=Talk.Status.DRAFT)
    client.force_login(StaffFactory())
    page = client.get("/manage/talks/draft/").content.decode()
    assert "Cards to share on social media are made when the talk is published." in page
    assert "/card/" not in page
