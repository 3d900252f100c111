"""Following up a pledge intention in a real browser: an organiser records it on the talk's
page, gives it to a colleague on the board, and the colleague records its steps until it is
pledged; the public talk page then shows its progress, and never the person's name."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gcmtalks.pledges.models import Pledge
from gcmtalks.talks.models import OrganiserMember
from tests.factories import OrganiserFactory, TalkFactory, TwoFactorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_intention_is_followed_up_until_it_is_pledged(site, new_page, signed_in_page):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    recorder = TwoFactorFactory(username="bruno")
    owner = TwoFactorFactory(username="amal", first_name="Amal", last_name="Haddad")
    for person in (recorder, owner):
        OrganiserMember.objects.create(organiser=workstream, user=person)
    start = timezone.now() - timedelta(days=1)
    talk = TalkFactory(slug="fair-recruitment", title="Fair recruitment", start=start,
                       end=start + timedelta(minutes=90))  # fmt: skip
    talk.organisers.set([workstream])
    Pledge.objects.create(external_id="GCM-2291", title="Fair recruitment fund",
                          imported_at=timezone.now(), updated_at=timezone.now())  # fmt: skip

    page = signed_in_page(recorder)
    page.goto(f"{site}/manage/talks/{talk.slug}/")
    page.get_by_role("link", name="Record and follow up pledge intentions").click()
    page.get_by_role("button", name="Record it").click()  # empty: refused, with the reasons
    expect(page.get_by_role("alert")).to_contain_text("Give the Member State or the organisation")
    page.get_by_label("Voiced by").fill("Wanjiru Kamau")
    page.get_by_label("Member State").select_option("KE")
    page.get_by_label(re.compile("^What they intend")).fill("A fair recruitment pilot.")
    page.get_by_label("6. Recruitment and decent work").check()
    page.get_by_label("Shown on the talk's page").check()
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("status")).to_contain_text("The pledge intention is recorded.")

    page.goto(f"{site}/manage/follow-up/?owner=none")
    page.get_by_label("Tick the intention of Kenya").check()
    page.get_by_label("Give the ticked intentions to").select_option(label="Amal Haddad")
    page.get_by_role("button", name="Reassign").click()
    expect(page.get_by_role("status")).to_contain_text("1 intention has a new owner.")

    page = signed_in_page(owner)
    page.goto(f"{site}/manage/follow-up/?owner=me")
    page.get_by_role("link", name="Kenya").click()
    page.get_by_label("State (required)").select_option("contacted")
    page.get_by_label("Note", exact=True).first.fill("Wrote to the mission.")
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator(".facts")).to_contain_text("25 %")
    page.get_by_label("State (required)").select_option("pledged")
    page.get_by_label(re.compile("^Resulting pledge")).fill("NOPE")
    page.get_by_role("button", name="Record the step").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields")
    page.get_by_label(re.compile("^Resulting pledge")).fill("GCM-2291")
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator(".facts")).to_contain_text("100 %")
    expect(page.locator(".history")).to_contain_text("Contacted → Pledged")

    public = new_page()
    public.goto(f"{site}/talks/{talk.slug}/")
    section = public.locator(".talk-intentions")
    expect(section).to_contain_text("1 pledge intention was voiced at this talk")
    expect(section).to_contain_text("Kenya: A fair recruitment pilot.")
    expect(section).to_contain_text("100 %")
    expect(public.locator("body")).not_to_contain_text("Wanjiru Kamau")
