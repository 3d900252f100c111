"""A good practice from a talk's page to the Hub, in a real browser: a participant submits it
from the talk page; the secretariat assigns a UN and two non-UN reviewers, who declare no
conflict and review it; it is returned for changes; the submitter reads why, corrects it,
attaches the evaluation and submits it again; a reviewer reads the evaluation and changes
their recommendation; the secretariat accepts it. It then shows on /hub/, on the talk's page
and in the talk's row of the calendar."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gcmtalks.hub.models import Practice
from gcmtalks.talks.models import Organiser, OrganiserMember, Talk
from tests.factories import OrganiserFactory, TalkFactory, TwoFactorFactory, UserFactory
from tests.hub.conftest import CRITERIA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Fair recruitment corridors"


def messages(page):
    return page.locator(".messages")


def field(page, label: str):
    # "Title", not "Title in French" (the practice's other languages)
    return page.get_by_label(re.compile("^" + re.escape(label) + "(?! in )"))


def choose(page, group: str, option: str):
    """Tick one radio button of the group whose legend starts with `group`."""
    fieldset = page.get_by_role("group", name=re.compile("^" + re.escape(group)))
    fieldset.get_by_label(option, exact=True).check()


def open_practice(page, site):
    page.goto(f"{site}/manage/practices/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def assign(page, reviewer, as_un: bool):
    page.get_by_label(re.compile(r"^Reviewer\b")).select_option(
        label=f"{reviewer.get_full_name()} <{reviewer.email}>"
    )
    page.get_by_label("UN reviewer" if as_un else "Non-UN reviewer", exact=True).check()
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(messages(page)).to_contain_text("The reviewer is assigned.")


def review(page, site, recommendation: str, comments: str):
    """An assigned reviewer declares no conflict, then answers the Hub's criteria."""
    open_practice(page, site)
    choose(page, "Do you have a conflict of interest", "No")
    page.get_by_role("button", name="Save the declaration").click()
    expect(messages(page)).to_contain_text("Your declaration is saved.")
    score(page, recommendation, comments)


def score(page, recommendation: str, comments: str):
    for criterion in CRITERIA:
        choose(page, criterion, "Yes")
    choose(page, "Recommendation", recommendation)
    field(page, "Comments").fill(comments)
    page.get_by_role("button", name="Save your review").click()
    expect(messages(page)).to_contain_text("Your review is saved.")


def decide(page, site, button: str, reason: str, done: str):
    open_practice(page, site)
    field(page, "Reason, sent to the submitter").fill(reason)
    page.get_by_role("button", name=button, exact=True).click()
    expect(messages(page)).to_contain_text(done)


def test_a_practice_from_a_talk_page_to_the_hub(site, new_page, tmp_path, signed_in_page):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    secretariat_office = OrganiserFactory(
        slug="secretariat", name="Secretariat", kind=Organiser.Kind.SECRETARIAT
    )
    secretariat = TwoFactorFactory(first_name="Sara", last_name="Secretariat")
    OrganiserMember.objects.create(organiser=secretariat_office, user=secretariat)
    reviewers = []
    for first, last in (("Una", "Nations"), ("Noor", "Civil"), ("Nils", "Academia")):
        person = TwoFactorFactory(first_name=first, last_name=last)
        OrganiserMember.objects.create(organiser=workstream, user=person)
        reviewers.append(person)
    un, first, second = reviewers
    start = timezone.now() - timedelta(days=3)
    talk = TalkFactory(slug="labour-mobility", title="Labour mobility in Asia",
                       status=Talk.Status.PUBLISHED, start=start,
                       end=start + timedelta(minutes=90))  # fmt: skip
    talk.organisers.set([workstream])
    submitter = UserFactory(first_name="Amina", last_name="Diallo")

    # The submitter follows the talk page's link and submits a practice presented there.
    author = signed_in_page(submitter)
    author.goto(f"{site}/talks/{talk.slug}/")
    author.get_by_role("link", name="Submit a good practice presented at this talk").click()
    expect(author.get_by_role("heading", level=1)).to_have_text("Submit a good practice")
    expect(author.get_by_text("Presented at: Labour mobility in Asia")).to_be_visible()
    field(author, "Title").fill(TITLE)
    field(author, "Summary").fill("Zero recruitment fees for workers from Nepal to Qatar.")
    field(author, "Description").fill("Employers pay the fees; a committee audits recruiters.")
    author.get_by_label("6. Recruitment and decent work", exact=True).check()
    author.get_by_role("button", name="Save and submit").click()
    expect(messages(author)).to_contain_text("Your practice is submitted. Thank you.")
    expect(author.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(author.get_by_text("Submitted", exact=True)).to_be_visible()
    practice = Practice.objects.get()
    assert list(practice.talks.all()) == [talk]

    # The secretariat takes it up and assigns one UN and two non-UN reviewers.
    office = signed_in_page(secretariat)
    open_practice(office, site)
    office.get_by_role("button", name="Start the review").click()
    expect(messages(office)).to_contain_text("The practice is now under review.")
    assign(office, un, as_un=True)
    assign(office, first, as_un=False)
    assign(office, second, as_un=False)
    expect(office.get_by_text("The reviewer rule is met")).to_have_count(0)

    # Each declares no conflict and reviews; the UN reviewer asks for changes.
    pages = {person: signed_in_page(person) for person in reviewers}
    review(pages[un], site, "Return for changes", "Attach the evaluation, please.")
    review(pages[first], site, "Accept for the Hub", "A clear, replicable practice.")
    review(pages[second], site, "Accept for the Hub", "Well documented.")

    # The secretariat sees the rule met and returns the practice for changes.
    open_practice(office, site)
    expect(office.get_by_text("The reviewer rule is met")).to_be_visible()
    reason = "Please attach the evaluation and give its main figures."
    decide(office, site, "Return for changes", reason, "The practice is returned for changes")

    # The submitter reads why, corrects the practice, attaches the evaluation, submits again.
    author.goto(f"{site}/hub/mine/")
    author.get_by_role("link", name=TITLE).click()
    expect(author.get_by_text("Returned for changes", exact=True)).to_be_visible()
    expect(author.get_by_text(f"The reason: {reason}")).to_be_visible()
    author.get_by_role("link", name="Edit", exact=True).click()
    field(author, "Description").fill("Employers pay the fees; recruitment costs fell by 80%.")
    author.get_by_role("button", name="Save draft").click()
    expect(messages(author)).to_contain_text("Your draft is saved.")
    author.get_by_role("link", name="Add or remove documents").click()
    evaluation = tmp_path / "evaluation-2023.pdf"
    evaluation.write_bytes(PDF)
    field(author, "Title").fill("Evaluation report, 2023")
    field(author, "File").set_input_files(str(evaluation))
    author.get_by_role("button", name="Add the document").click()
    expect(messages(author)).to_contain_text("The document is added.")
    expect(author.get_by_role("link", name="Evaluation report, 2023")).to_be_visible()
    author.get_by_role("link", name="Back to your practice").click()
    author.get_by_role("button", name="Submit again").click()
    expect(messages(author)).to_contain_text("Your practice is submitted. Thank you.")
    expect(author.get_by_text("Under review", exact=True)).to_be_visible()

    # The UN reviewer reads the evaluation and now recommends accepting it.
    reader = pages[un]
    open_practice(reader, site)
    expect(reader.get_by_text("recruitment costs fell by 80%")).to_be_visible()
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Evaluation report, 2023").click()
    assert download.value.suggested_filename == "evaluation-2023.pdf"
    score(reader, "Accept for the Hub", "The evaluation convinces.")

    decide(office, site, "Accept for the Hub", "It meets the Hub's criteria.",
           "The practice is accepted")  # fmt: skip
    author.reload()
    expect(author.get_by_text("Accepted for the Hub", exact=True)).to_be_visible()

    the_public_sees_it(new_page, site, talk)


def the_public_sees_it(new_page, site, talk):
    visitor = new_page()
    visitor.goto(f"{site}/hub/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("recruitment costs fell by 80%")).to_be_visible()
    expect(visitor.get_by_role("link", name="Labour mobility in Asia")).to_be_visible()
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Evaluation report, 2023").click()
    assert download.value.suggested_filename == "evaluation-2023.pdf"

    visitor.goto(f"{site}/talks/{talk.slug}/")
    presented = visitor.get_by_role("region", name="Good practices presented")
    expect(presented.get_by_role("link", name=TITLE)).to_be_visible()

    visitor.goto(site + "/")
    row = visitor.get_by_role("row").filter(
        has=visitor.get_by_role("rowheader", name=re.compile("Labour mobility in Asia"))
    )
    hub_link = row.get_by_role("link", name=re.compile("^1 practice"))
    expect(hub_link).to_have_attribute("href", f"/hub/?talk={talk.slug}")
    hub_link.click()
    expect(visitor.get_by_text("1 practice", exact=True)).to_be_visible()
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
