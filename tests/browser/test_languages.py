"""The interface in the six UN languages, in a real browser: switching through them on the
calendar and on a talk page keeps the page, and no English is left in the interface (the
talks' own English content is marked lang="en" and set aside)."""

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from gcmtalks.talks.models import Talk
from gcmtalks.talks.seed import load_seed_calendar
from tests.test_translations import LANGUAGES, parse_po, po_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAMES = {"en": "English", "fr": "français", "es": "español", "ar": "العربيّة",
         "zh-hans": "简体中文", "ru": "Русский"}  # fmt: skip
# The text of every element's own text nodes, outside content marked as English and
# outside what is not interface (the talks' titles, places and people, which are data).
OWN_TEXTS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('[lang="en"], script, style, [hidden]')) continue;
    if (!parent.getClientRects().length) continue;
    texts.push(text);
  }
  return texts;
}"""


def english_interface() -> set[str]:
    """Interface strings that read differently in each other language: if one of these shows
    on a page in that language, it was left in English."""
    strings = {entry["msgid"] for entry in parse_po(po_path("fr")) if entry["msgid"]}
    for code in LANGUAGES:
        with translation.override(code):
            strings = {s for s in strings if translation.gettext(s) != s}
    return {s for s in strings if "%" not in s and "{" not in s and len(s) > 2}


def english_left(page, english: set[str]) -> set[str]:
    return {text for text in page.evaluate(OWN_TEXTS) if text in english}


def test_switching_through_the_six_languages_leaves_no_english(site, page):
    load_seed_calendar()
    talk = Talk.objects.filter(status=Talk.Status.PUBLISHED).order_by("start").first()
    english = english_interface()
    assert {"Calendar", "Find talks", "Skip to content"} <= english
    for start in ("/", f"/talks/{talk.slug}/"):
        page.goto(site + start)
        for code, name in NAMES.items():
            page.get_by_role("navigation", name=page_language_label(page)).get_by_role(
                "link", name=name, exact=True
            ).click()
            prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
            expect(page).to_have_url(site + prefix + start)
            expect(page.locator("html")).to_have_attribute("lang", code)
            if code != "en":
                assert not english_left(page, english), (code, start)


def page_language_label(page) -> str:
    """The language navigation's name, in the page's language."""
    return page.locator("nav.languages-nav, nav:has(ul.languages)").get_attribute("aria-label")
