"""The branding toolkit in a real browser: the partners' page takes its colours from the
tokens (through CSS classes, under the strict CSP) and mirrors in Arabic; a talk page's
Open Graph image loads; the workspace shows the talk's card."""

import re

import pytest
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from gcmtalks.branding import tokens
from gcmtalks.talks.models import Talk
from tests.factories import StaffFactory, TalkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def css_rgb(name: str) -> str:
    red, green, blue = tokens.rgb(name)
    return f"rgb({red}, {green}, {blue})"


def test_partners_page_swatches_follow_the_tokens_in_english_and_arabic(site, page):
    page.goto(f"{site}/brand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Branding toolkit")
    for name in ("brand", "youth", "accent", "ink"):
        swatch = page.locator(f".swatch-{name}")
        assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == css_rgb(name)
    header = page.locator(".site-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == css_rgb("brand")
    for image in page.locator("main img").all():
        assert image.evaluate("e => e.complete && e.naturalWidth > 0")
    english_first = page.locator("table.colours tbody th").first.bounding_box()

    page.goto(f"{site}/ar/brand/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    arabic_first = page.locator("table.colours tbody th").first.bounding_box()
    # The colour's name is the first column: at the left in English, at the right in Arabic.
    assert arabic_first["x"] > english_first["x"] + 200
    swatch = page.locator(".swatch-brand")
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == css_rgb("brand")


def test_talk_page_open_graph_image_loads(site, page):
    TalkFactory(slug="fair-recruitment", title="Fair recruitment", status=Talk.Status.PUBLISHED)
    page.goto(f"{site}/talks/fair-recruitment/")
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image.endswith("/talks/fair-recruitment/card/en/1200x630.png")
    answer = page.request.get(site + image[image.index("/talks/") :])
    assert answer.ok and answer.headers["content-type"] == "image/png"


def test_workspace_shows_the_card_and_its_downloads(site, signed_in_page):
    TalkFactory(slug="fair-recruitment", title="Fair recruitment", audience="youth")
    page = signed_in_page(StaffFactory())
    page.goto(f"{site}/manage/talks/fair-recruitment/")
    section = page.locator("section", has=page.get_by_role("heading", name="Social media cards"))
    preview = section.get_by_role("img")
    preview.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function("e => e.complete && e.naturalWidth > 0", arg=preview.element_handle())
    assert preview.evaluate("e => e.naturalWidth") == 1080
    arabic = get_language_info("ar")["name_local"]
    link = section.get_by_role("link", name=re.compile(rf"^PNG\s*, {arabic}, 1080 × 1080$"))
    assert link.get_attribute("href") == "/talks/fair-recruitment/card/ar/1080x1080.png"
    assert section.locator("a[download]").count() == 12
