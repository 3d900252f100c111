"""Registering for a talk in a real browser: from the calendar to the form, the mail's
personal link, confirming the address and cancelling; and a form sent back with errors."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from tests.browser.conftest import OPEN_TALK_TITLE as TITLE
from tests.browser.conftest import TIMEOUT_MS, VISITOR_TIMEZONE
from tests.smtp import run_tasks

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEWCOMER = "newcomer@example.org"
# Chromium logs every document answered with an error status as a console error. The form
# sent back with its errors is answered 422 on purpose (tests/registrations/test_pages.py).
FORM_SENT_BACK = (
    "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
)
REGISTER_PATH = re.compile(r"/talks/[\w-]+/register/")
# The personal link in a registrant's mail: SITE_URL, then /registrations/<signed token>/.
PERSONAL_LINK = re.compile(r"https?://[^\s/]+/registrations/[\w:-]+/")


@pytest.fixture
def page_expecting_422(browser, site):
    """Like `page` (same browser, context options and checks), except that Chromium's console
    error for the register form answered 422 is expected; it is counted, not reported. Any
    other console error or warning, or page error, fails the test."""
    context = browser.new_context(timezone_id=VISITOR_TIMEZONE, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems, expected = [], []

    def on_console(message):
        url = message.location.get("url", "")
        if (
            message.type == "error"
            and message.text == FORM_SENT_BACK
            and REGISTER_PATH.fullmatch(url.removeprefix(site))
        ):
            expected.append(url)
        elif message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text} ({page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error} ({page.url})"))
    page.expected_422s = expected
    yield page
    context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


def register_url(site, talk):
    return f"{site}/talks/{talk.slug}/register/"


def labelled(page, label):
    """The form control with this visible label; required fields' labels end in " *"."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def field(page, label):
    """The form's row (label, input, help and errors) for the field with this visible label."""
    return page.locator("form.registration .field").filter(has=labelled(page, label))


def personal_link(site, address):
    """The link in the one mail sent to `address`, on the live server instead of SITE_URL."""
    mails = list(OutgoingMail.objects.filter(to=address))
    assert len(mails) == 1, [mail.subject for mail in mails]
    found = PERSONAL_LINK.findall(mails[0].text)
    assert len(found) == 1, mails[0].text
    link = found[0]
    assert link.startswith(settings.SITE_URL + "/"), link
    return site + urlsplit(link).path


@pytest.mark.browser
def test_newcomer_registers_confirms_by_mail_and_cancels(open_talk, site, page):
    page.goto(site + "/")
    row = page.locator("table.talks tbody tr").filter(
        has=page.get_by_role("link", name=TITLE, exact=True)
    )
    expect(row).to_have_count(1)
    # The link names its talk for screen readers, as the row's other links do.
    row.get_by_role("link", name=re.compile(rf"^Register\W+{re.escape(TITLE)}$")).click()

    expect(page).to_have_url(register_url(site, open_talk))
    expect(page.get_by_role("heading", level=1)).to_have_text("Register")
    labelled(page, "Name").fill("Amina Newcomer")
    labelled(page, "Email address").fill(NEWCOMER)
    labelled(page, "Organisation").fill("Migrant Workers Network")
    language = labelled(page, "Listening language")
    # Only the talk's interpretation languages are offered.
    expect(language.locator("option[value=en]")).to_have_count(1)
    expect(language.locator("option[value=fr]")).to_have_count(1)
    expect(language.locator("option[value=ar]")).to_have_count(0)
    language.select_option("fr")
    page.get_by_role("button", name="Register", exact=True).click()

    expect(page).to_have_url(f"{site}/talks/{open_talk.slug}/register/sent/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")
    expect(page.locator("main")).to_contain_text(TITLE)

    run_tasks()  # the mail is written by a task the registration queued
    mail = OutgoingMail.objects.get(to=NEWCOMER)
    assert mail.subject == f"Please confirm your registration: {TITLE}"
    assert "A seat is held for you" in mail.text
    page.goto(personal_link(site, NEWCOMER))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    status = page.locator(".registration-status")
    expect(status).to_have_text("Waiting for email confirmation")
    expect(page.locator("main")).to_contain_text("Amina Newcomer")
    expect(page.locator("main")).to_contain_text("French")

    page.get_by_role("button", name="Confirm my email address").click()
    expect(status).to_have_text("Confirmed")
    expect(page.get_by_role("status")).to_have_text("Thank you: your email address is confirmed.")
    expect(page.get_by_role("button", name="Confirm my email address")).to_have_count(0)

    page.get_by_role("button", name="Cancel my registration").click()
    expect(status).to_have_text("Cancelled")
    expect(page.get_by_role("status")).to_have_text("Your registration is cancelled.")
    expect(page.get_by_role("button", name="Cancel my registration")).to_have_count(0)

    registration = Registration.objects.get(talk=open_talk, email=NEWCOMER)
    assert registration.status == Registration.Status.CANCELLED
    assert registration.email_confirmed_at is not None
    assert registration.name == "Amina Newcomer"
    assert registration.organisation == "Migrant Workers Network"
    assert registration.language.code == "fr"
    assert registration.attendance_mode == Registration.Mode.ONLINE
    # Confirmed (with the invitation), then cancelled: two more mails, one per change.
    run_tasks()
    texts = list(
        OutgoingMail.objects.filter(to=NEWCOMER).order_by("id").values_list("text", flat=True)
    )
    assert len(texts) == 3, texts
    assert f"Your place at “{TITLE}”" in texts[1] and "is confirmed" in texts[1]
    assert f"Your registration for “{TITLE}” is cancelled." in texts[2]


@pytest.mark.browser
def test_errors_are_shown_next_to_the_fields(open_talk, site, page_expecting_422):
    page = page_expecting_422
    url = register_url(site, open_talk)
    page.goto(url)
    labelled(page, "Email address").fill("not-an-email")
    labelled(page, "Listening language").select_option("en")
    page.get_by_role("button", name="Register", exact=True).click()

    expect(page).to_have_url(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Register")
    expect(page.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    name_error = field(page, "Name").locator(".error")
    expect(name_error).to_be_visible()
    expect(name_error).to_have_text("This field is required.")
    email_error = field(page, "Email address").locator(".error")
    expect(email_error).to_be_visible()
    expect(email_error).to_have_text("Enter a valid email address.")
    expect(page.locator("form.registration .error")).to_have_count(2)
    # Each error is the description of its field, so a screen reader reads it there too.
    for label, error in (
        ("Name", "This field is required."),
        ("Email address", "Enter a valid email address."),
    ):
        expect(labelled(page, label)).to_have_attribute("aria-invalid", "true")
        expect(labelled(page, label)).to_have_accessible_description(error)
    expect(labelled(page, "Organisation")).not_to_have_attribute("aria-invalid", "true")
    # What was typed is kept, so it can be corrected.
    expect(labelled(page, "Email address")).to_have_value("not-an-email")
    expect(labelled(page, "Listening language")).to_have_value("en")

    assert page.expected_422s == [url]  # the one form sent back, and nothing else
    assert not Registration.objects.exists()
    run_tasks()
    assert not OutgoingMail.objects.exists()
