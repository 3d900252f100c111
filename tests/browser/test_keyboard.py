"""Registering for a talk with the keyboard only (Tab, Shift+Tab, Enter, Space, arrow keys;
no clicks): the skip link moves focus to the content, every focused element shows it is
focused, Tab leaves every part of the page (no trap) and Shift+Tab comes back, and the
registration goes through."""

import re

import pytest
from playwright.sync_api import expect

from gcmtalks.registrations.models import Registration
from tests.browser.conftest import OPEN_TALK_TITLE as TITLE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Enough presses to cross any of these pages; more means focus is stuck somewhere.
MOST_PRESSES = 120

# Marks each element Tab can reach, in the order of the page, and returns how many there are.
MARK_TABBABLE = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex], iframe';
    const reachable = [...document.querySelectorAll(selector)].filter(el =>
        el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]')
        && el.checkVisibility({visibilityProperty: true}));
    reachable.forEach((el, index) => { el.dataset.tabStop = index; });
    return reachable.length;
}"""

# What the focused element looks like: its mark, its name, and whether focus shows.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== 'none';
    const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
        && box.top < innerHeight && box.left < innerWidth;
    const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
    return {stop: el.dataset.tabStop ?? null, tag: el.tagName.toLowerCase(),
            name: (label || el.getAttribute('aria-label') || el.textContent || el.value || '')
                .replace(/\\s+/g, ' ').trim(),
            shows: (outline || ring) && inView};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab(page, key="Tab") -> dict:
    """Presses Tab (or Shift+Tab) and checks that what gets focus shows it."""
    page.keyboard.press(key)
    now = focused(page)
    assert now is not None, f"{key} left the page's elements"
    assert now["shows"], f"focus is not visible on {now}"
    return now


def tab_to(page, name, key="Tab") -> dict:
    """Presses Tab until the element of that name (a string, or a pattern) has focus."""
    for _ in range(MOST_PRESSES):
        now = tab(page, key)
        if re.fullmatch(name, now["name"]) if isinstance(name, re.Pattern) else now["name"] == name:
            return now
    pytest.fail(f"{name!r} never got focus")


def skip_to_content(page):
    """The first Tab reaches the skip link, which shows itself; Enter moves focus to main."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focused(page)["shows"]
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_registering_with_the_keyboard_only(open_talk, site, page):
    page.goto(site + "/")
    skip_to_content(page)
    # From the content, forward to the talk's register link; Enter follows it.
    tab_to(page, re.compile(rf"Register\W+{re.escape(TITLE)}"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/talks/{open_talk.slug}/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register")

    skip_to_content(page)
    tab_to(page, "Name *")
    page.keyboard.type("Amina Newcomer")
    tab_to(page, "Email address *")
    page.keyboard.type("amina@example.org")
    # Back with Shift+Tab to correct the name, then forward again.
    tab_to(page, "Name *", key="Shift+Tab")
    page.keyboard.press("End")
    page.keyboard.type(" Diallo")
    tab_to(page, "Organisation")
    page.keyboard.type("Migrant Workers Network")
    language = tab_to(page, re.compile(r"Listening language( \*)?"))
    assert language["tag"] == "select"
    while page.get_by_label(re.compile("^Listening language")).input_value() != "fr":
        page.keyboard.press("ArrowDown")  # changes a closed list's choice, as on Linux
    tab_to(page, "Register")
    page.keyboard.press("Enter")

    # The browser keeps the skip link's #main through the form's redirect.
    expect(page).to_have_url(re.compile(re.escape(f"{site}/talks/{open_talk.slug}/register/sent/")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")
    registration = Registration.objects.get(talk=open_talk)
    assert registration.name == "Amina Newcomer Diallo"
    assert registration.email == "amina@example.org"
    assert registration.organisation == "Migrant Workers Network"
    assert registration.language.code == "fr"


@pytest.mark.parametrize("path", ["/", "/talks/open-talk/", "/talks/open-talk/register/"])
def test_tab_goes_through_the_whole_page_and_back(open_talk, site, page, path):
    """No trap: Tab visits every element it can reach once, in the page's order, and leaves
    the page after the last; Shift+Tab visits them again backwards."""
    page.goto(site + path)
    count = page.evaluate(MARK_TABBABLE)
    assert count > 10
    forward = [tab(page)["stop"] for _ in range(count)]
    assert forward == [str(i) for i in range(count)]
    page.keyboard.press("Tab")  # past the last: out of the page, to the browser
    assert focused(page) is None
    backward = [tab(page, "Shift+Tab")["stop"] for _ in range(count)]
    assert backward == [str(i) for i in reversed(range(count))]


def test_arrows_space_and_enter_work_the_calendars_filters(open_talk, site, page):
    """An arrow key chooses in a list (the results follow), Space presses a button, Enter
    follows a link."""
    page.goto(site + "/")
    skip_to_content(page)
    tab_to(page, re.compile("Interpretation"))
    page.keyboard.press("ArrowDown")  # the first language offered
    expect(page).to_have_url(re.compile(r"[?&]language="))
    tab_to(page, "Show talks")
    page.keyboard.press("Space")
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^\d+ talks?$"))
    tab_to(page, "Clear filters")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/")
