"""Before and after a talk, in a real browser: an organiser builds the panel (a balance
warning shown, then resolved), uploads a concept note in English and French and publishes it;
a registrant reading the talk page in French gets the French one. After the talk the
organiser adds a recording and a summary report, publishes both, and the calendar row links
them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import OrganiserMember, Talk
from tests.factories import OrganiserFactory, TalkFactory, TwoFactorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_speaker(page, site, talk, name, gender, migrant_organisation=False):
    page.goto(f"{site}/manage/talks/{talk.slug}/panel/")
    page.get_by_role("link", name="Add a speaker").click()
    page.get_by_label(re.compile("^Name")).fill(name)
    page.get_by_label("Gender (optional)").select_option(gender)
    if migrant_organisation:
        page.get_by_label(re.compile("diaspora or migrant-led organisation", re.I)).check()
    page.get_by_role("button", name="Save the speaker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel and agenda")


def upload(page, language, path):
    page.get_by_label("Language (required)").select_option(language)
    page.get_by_label(re.compile("^File")).set_input_files(str(path))
    page.get_by_role("button", name="Save this language").click()


def test_a_talk_from_its_panel_to_its_report(site, new_page, tmp_path, signed_in_page):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    member = TwoFactorFactory()
    OrganiserMember.objects.create(organiser=workstream, user=member)
    start = timezone.now() + timedelta(days=5)
    talk = TalkFactory(
        slug="fair-recruitment",
        title="Fair recruitment",
        status=Talk.Status.PUBLISHED,
        start=start,
        end=start + timedelta(minutes=90),
    )
    talk.organisers.set([workstream])
    registrant = Registration.objects.create(
        talk=talk,
        email="ana@example.org",
        name="Ana",
        attendance_mode="online",
        status=Registration.Status.CONFIRMED,
        locale="fr",
    )
    organiser = signed_in_page(member)

    # The panel: two men and no migrant voice, then a woman for a diaspora organisation.
    add_speaker(organiser, site, talk, "Omar Haddad", "man")
    add_speaker(organiser, site, talk, "Piotr Nowak", "man")
    warnings = organiser.get_by_role("alert")
    expect(warnings).to_contain_text("The panel is all of one gender.")
    expect(warnings).to_contain_text("No migrant or diaspora voice on the panel.")
    add_speaker(organiser, site, talk, "Amina Diallo", "woman", migrant_organisation=True)
    expect(organiser.get_by_role("alert")).to_have_count(0)
    organiser.goto(f"{site}/manage/talks/{talk.slug}/")
    expect(organiser.get_by_text("Amina Diallo")).to_have_count(0)  # figures, not names
    expect(organiser.get_by_role("alert")).to_have_count(0)

    # The concept note, in English and French, published.
    english, french = tmp_path / "concept-note.pdf", tmp_path / "note-conceptuelle.pdf"
    english.write_bytes(PDF.replace(b"<<>>", b"<</Lang(en)>>", 1))
    french.write_bytes(PDF.replace(b"<<>>", b"<</Lang(fr)>>", 1))
    organiser.goto(f"{site}/manage/talks/{talk.slug}/documents/")
    organiser.get_by_role("link", name="Add a document").click()
    organiser.get_by_label(re.compile("^Kind")).select_option("concept_note")
    organiser.get_by_role("button", name="Create the document").click()
    upload(organiser, "en", english)
    upload(organiser, "fr", french)
    organiser.get_by_role("button", name="Publish").click()
    expect(organiser.locator(".messages")).to_contain_text(re.compile("published", re.I))

    # The registrant opens their personal link, then reads the talk page in French.
    reader = new_page(locale="fr-FR")
    reader.goto(f"{site}/fr/registrations/{token_for(registrant)}/")
    reader.goto(f"{site}/fr/talks/{talk.slug}/")
    note = reader.get_by_role("link", name=re.compile("Note conceptuelle|Concept note", re.I))
    expect(note).to_have_attribute("href", re.compile(r"/documents/\d+/fr/$"))
    with reader.expect_download() as download:
        note.click()
    assert download.value.suggested_filename == "note-conceptuelle.pdf"

    part_two(site, organiser, talk)


def part_two(site, organiser, talk):
    """After the talk: the recording and the summary report, then the calendar's row."""
    Talk.objects.filter(pk=talk.pk).update(
        start=timezone.now() - timedelta(days=2),
        end=timezone.now() - timedelta(days=2) + timedelta(minutes=90),
    )
    add_recording(site, organiser, talk)

    organiser.goto(f"{site}/manage/talks/{talk.slug}/report/")
    organiser.get_by_role("link", name="Write it in English").click()
    organiser.get_by_label(re.compile("^Context")).fill("Recruitment fees keep workers in debt.")
    organiser.get_by_label(re.compile("^Key messages")).fill("Employers should pay the fees.")
    organiser.get_by_role("button", name="Save the text").click()
    organiser.goto(f"{site}/manage/talks/{talk.slug}/report/")
    organiser.get_by_role("button", name="Publish the report").click()
    expect(organiser.locator(".messages")).to_contain_text(re.compile("published", re.I))

    # Anyone sees both on the calendar's row of the talk.
    visitor = organiser.context.browser.new_context().new_page()
    visitor.goto(site + "/")
    row = visitor.get_by_role("row").filter(
        has=visitor.get_by_role("rowheader", name=re.compile("Fair recruitment"))
    )
    expect(row.get_by_role("link", name=re.compile("^Read the report"))).to_have_attribute(
        "href", f"/talks/{talk.slug}/report/"
    )
    expect(row.get_by_role("link", name=re.compile("^Recording"))).to_have_attribute(
        "href", f"/talks/{talk.slug}/#recording"
    )
    expect(row.get_by_role("link", name=re.compile("^Concept note"))).to_have_attribute(
        "href", re.compile(r"/documents/\d+/en/$")
    )
    visitor.get_by_role("link", name=re.compile("^Read the report")).click()
    expect(visitor.get_by_text("Employers should pay the fees.")).to_be_visible()
    visitor.context.close()


def add_recording(site, organiser, talk):
    organiser.goto(f"{site}/manage/talks/{talk.slug}/recording/")
    organiser.get_by_label(re.compile("^Link to the recording")).fill(
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    organiser.get_by_role("button", name="Save", exact=True).click()
    organiser.get_by_role("button", name="Publish the recording").click()
    expect(organiser.locator(".messages")).to_contain_text(re.compile("published", re.I))
