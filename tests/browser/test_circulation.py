"""The circulation's pages in a real browser, in English and Arabic: axe-core finds no WCAG
2.1 AA violation (as tests/browser/test_accessibility.py checks the other pages), forms with
errors included; and subscribing with the keyboard alone."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gcmtalks.circulation.links import token_for
from gcmtalks.circulation.models import Subscriber
from tests.factories import OrganiserFactory, TalkFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make node_modules/axe-core/axe.min.js`")
    page.evaluate("() => {\n" + AXE.read_text() + "\n}")
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })""",
        WCAG_AA,
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(' '.join(n['target']) for n in v['nodes'][:4])})"
        for v in result["violations"]
    ]


@pytest.fixture
def people(db):
    OrganiserFactory(slug="ws-labour", name="Labour migration")
    TalkFactory(title="Regional review: Africa", region_slugs=["africa"])
    TalkFactory(title="Regional review: Europe", status="cancelled")
    confirmed = Subscriber.objects.create(email="amina@example.org", confirmed_at=timezone.now())
    pending = Subscriber.objects.create(email="pending@example.org")
    return {"confirmed": token_for(confirmed), "pending": token_for(pending)}


PAGES = {
    "subscribe": lambda t: "/subscribe/",
    "subscribe-sent": lambda t: "/subscribe/sent/",
    "personal": lambda t: f"/subscription/{t['confirmed']}/",
    "personal-pending": lambda t: f"/subscription/{t['pending']}/",
    "unsubscribe": lambda t: f"/unsubscribe/{t['confirmed']}/",
    "contact": lambda t: "/contact/",
    "contact-sent": lambda t: "/contact/sent/",
    "widget": lambda t: "/widget/",
    "widget-error": lambda t: "/widget/?region=atlantis",
    "embed": lambda t: "/widget/embed/?region=africa",
}


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_violations(name, language, people, site, page):
    prefix = "" if language == "en" else f"/{language}"
    page.goto(site + prefix + PAGES[name](people))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert violations(page) == []


@pytest.mark.parametrize("path", ["/subscribe/", "/contact/"])
def test_a_form_with_errors_has_no_violations(path, people, site, page):
    page.goto(site + path)
    page.get_by_role("button", name="Subscribe" if "subscribe" in path else "Send").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert violations(page) == []


def test_subscribing_with_the_keyboard_alone(people, site, page):
    page.goto(site + "/subscribe/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    field = page.get_by_label("Email address")
    for _ in range(60):
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            break
    page.keyboard.type("keyboard@example.org")
    africa = page.get_by_label("Africa", exact=True)
    while not africa.evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(africa).to_be_checked()
    page.keyboard.press("Enter")  # sends the form
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")
    person = Subscriber.objects.get(email="keyboard@example.org")
    assert [region.slug for region in person.regions.all()] == ["africa"]
