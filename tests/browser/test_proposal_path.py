"""The whole path from a partner's idea to a published talk, in a real browser: a partner
signs up and submits a proposal, a workstream member asks for a change, the partner answers,
the secretariat accepts, and the draft talk is completed, published and announced."""

import re

import pytest
from playwright.sync_api import expect

from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.proposals.models import Proposal
from gcmtalks.talks.models import Organiser, OrganiserMember
from tests.factories import OrganiserFactory, TwoFactorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARTNER = "amina@diaspora.example.org"
PASSWORD = "a long pass phrase for amina"
TITLE = "Fair recruitment corridors"
CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/accounts/confirm-email/[^\s]+)")


def organiser(organiser_obj, role=OrganiserMember.Role.MEMBER):
    person = TwoFactorFactory()
    OrganiserMember.objects.create(organiser=organiser_obj, user=person, role=role)
    return person


def test_from_a_partners_idea_to_a_published_talk(site, page, new_page, signed_in_page):
    OrganiserFactory(slug="ws-labour", name="Labour migration")
    secretariat_org = OrganiserFactory(slug="secretariat", name="Secretariat",
                                       kind=Organiser.Kind.SECRETARIAT)  # fmt: skip
    member = organiser(Organiser.objects.get(slug="ws-labour"))
    secretariat = organiser(secretariat_org)

    # A partner signs up and confirms the address from the mail.
    page.goto(site + "/accounts/signup/")
    page.get_by_label("Email", exact=False).first.fill(PARTNER)
    page.get_by_label(re.compile(r"^Password( \(required\))?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign Up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Verify", re.I))
    mail = OutgoingMail.objects.get(to=PARTNER)
    page.goto(site + CONFIRM_LINK.search(mail.text).group(1))
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    if "/accounts/login/" in page.url:
        page.get_by_label("Email", exact=False).first.fill(PARTNER)
        page.get_by_label(re.compile(r"^Password( \(required\))?$")).fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Sign In", re.I)).click()

    # … registers the organisation, then proposes a talk.
    page.goto(site + "/account/")
    page.get_by_label(re.compile("^Name of the organisation")).fill("Diaspora Link")
    page.get_by_label(re.compile("^Type")).select_option("migrant_diaspora")
    page.get_by_role("button", name="Register the organisation").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Propose a talk").click()
    page.get_by_role("link", name="Propose a talk").last.click()
    page.get_by_label(re.compile("^Title")).fill(TITLE)
    page.get_by_label(re.compile("^Rationale")).fill("Recruitment fees trap workers in debt.")
    page.get_by_label(re.compile("^Network priority or workstream")).select_option("ws-labour")
    page.get_by_label(re.compile(r"^\s*6\. ")).check()
    page.get_by_label(re.compile("^Level")).select_option("global")
    page.get_by_label(re.compile("^Format")).select_option("online")
    page.get_by_label(re.compile("^Audience")).select_option("open_to_all")
    page.get_by_label(re.compile("^Name")).first.fill("Rosa Díaz")
    page.get_by_label(re.compile("^Role")).first.select_option("panellist")
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("status")).to_contain_text("Your proposal is submitted.")
    proposal = Proposal.objects.get(title=TITLE)
    assert proposal.status == "submitted"

    # A member of the workstream takes it up and asks for a change.
    reviewer = signed_in_page(member)
    reviewer.goto(f"{site}/manage/proposals/{proposal.pk}/")
    reviewer.get_by_role("button", name="Take up for review").click()
    changes = reviewer.locator("form").filter(
        has=reviewer.get_by_role("heading", name="Request changes")
    )
    changes.get_by_label(re.compile("^Message")).fill(
        "Please add a speaker from a country of origin."
    )
    changes.get_by_role("button", name="Request changes").click()
    expect(reviewer.get_by_role("status")).to_contain_text("The proposer is asked for changes.")

    # The partner reads it and answers.
    page.goto(f"{site}/proposals/{proposal.pk}/")
    expect(page.locator("main")).to_contain_text("a speaker from a country of origin")
    page.get_by_label(re.compile("^Message")).fill("We added a speaker from Nepal.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("status")).to_contain_text("back in review")

    # The secretariat accepts; the draft talk is there, prefilled, to complete and publish.
    desk = signed_in_page(secretariat)
    desk.goto(f"{site}/manage/proposals/{proposal.pk}/")
    desk.get_by_label(re.compile("^Reason")).fill("It fits the labour migration priority.")
    desk.get_by_role("button", name="Accept", exact=True).click()
    expect(desk.get_by_role("status")).to_contain_text("The proposal is accepted")
    desk.get_by_role("link", name=TITLE).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(desk.locator("main")).to_contain_text("Draft")
    desk.get_by_role("link", name="Edit the talk").click()
    expect(desk.get_by_label(re.compile(r"^Title \(required\)|^Title$"))).to_have_value(TITLE)
    desk.get_by_label(re.compile("^Start")).fill("2027-03-04 13:00")
    desk.get_by_label(re.compile("^End")).fill("2027-03-04 14:30")
    desk.get_by_role("button", name="Save the changes").click()
    desk.get_by_role("button", name="Publish").click()
    expect(desk.locator("main")).to_contain_text("Published")

    # It is in the public calendar and its feed.
    page.goto(site + "/")
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_have_count(1)
    feed = page.request.get(site + "/calendar.ics").text()
    assert f"SUMMARY:{TITLE}" in feed
