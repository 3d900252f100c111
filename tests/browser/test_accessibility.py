"""WCAG 2.1 AA, checked by axe-core in a real browser: every public page in English and in
Arabic, and the organisers' main pages in English, report no violation.

axe-core comes from the npm registry, pinned in package-lock.json (`make
node_modules/axe-core/axe.min.js`). It is run through DevTools (`page.evaluate`): a script
tag with its text inline would be refused by the pages' Content Security Policy
(`script-src 'self'`), as it should be. Each page is built with the data that makes all its
sections show (a talk with documents, panel, recording, report, practices, pledges and pledge
intentions; proposals; reviews; an import's dry run…).

The API documentation (/api/v1/docs) is left out: it is django-ninja's Swagger UI, third-party.
"""

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from gcmtalks.accounts.models import Organisation, OrganisationMember
from gcmtalks.briefings.services import checklist_ensure, pack_save
from gcmtalks.core.models import (
    Access,
    Country,
    GuidingPrinciple,
    Language,
    Objective,
    Region,
    StakeholderGroup,
)
from gcmtalks.documents import services as documents
from gcmtalks.hub.models import Practice, PracticeLink, Review
from gcmtalks.intentions.models import Intention, Note
from gcmtalks.panels.models import AgendaItem, Speaker
from gcmtalks.pledges import services as pledges
from gcmtalks.pledges.models import Pledge
from gcmtalks.proposals.models import Message, Proposal
from gcmtalks.proposals.models import Speaker as ProposedSpeaker
from gcmtalks.recordings import services as recordings
from gcmtalks.registrations.mail import token_for
from gcmtalks.registrations.models import Registration, Settings
from gcmtalks.reports.services import report_publish, report_text_save
from gcmtalks.talks.models import Organiser, OrganiserMember, Talk
from tests.browser.conftest import TIMEOUT_MS, VISITOR_TIMEZONE
from tests.factories import (
    OrganiserFactory,
    SeriesFactory,
    TalkFactory,
    TwoFactorFactory,
    UserFactory,
    in_days,
)
from tests.pledges.conftest import as_csv, pledge_rows

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to this GCM Talk.\n"
# The embedded player is not reached in tests: an empty page stands in for it.
PLAYER = re.compile(r"^https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/")


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make node_modules/axe-core/axe.min.js`")
    return AXE.read_text()


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the page for WCAG 2.0 and 2.1, levels A and AA; its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Wrapped in a function: Playwright would read the bare source as a function's body.
        page.evaluate("() => {\n" + axe_source() + "\n}")
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })""",
        WCAG_AA,
    )
    return result["violations"]


def described(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:6]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"        {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{described(violations)}"


# The data every page needs, made through the models and services as the app would.


def build_site():
    objectives = list(Objective.objects.filter(number__in=[6, 18]))
    workstream = OrganiserFactory(
        slug="ws-labour",
        name="Labour migration",
        description="Decent work and fair recruitment for migrant workers.",
        co_leads="ILO, IOM",
    )
    workstream.objectives.set(objectives)
    secretariat_office = OrganiserFactory(
        slug="secretariat", name="Secretariat", kind=Organiser.Kind.SECRETARIAT
    )
    organiser = TwoFactorFactory(username="sara", first_name="Sara", last_name="Haddad")
    reviewer = TwoFactorFactory(username="noor", first_name="Noor", last_name="Civil")
    for office, person in ((secretariat_office, organiser), (workstream, organiser),
                           (workstream, reviewer)):  # fmt: skip
        OrganiserMember.objects.create(organiser=office, user=person)
    partner = UserFactory(username="amina", first_name="Amina", last_name="Diallo")
    organisation = Organisation.objects.create(name="Diaspora Link", type="migrant_diaspora")
    OrganisationMember.objects.create(organisation=organisation, user=partner)
    series = SeriesFactory(slug="regional-talks", title="Regional talks")

    past = held_talk(workstream, series, objectives, organiser)
    upcoming = open_talk(workstream, series, objectives, organiser)
    practice = accepted_practice(partner, past, objectives, reviewer)
    intention = voiced_intention(past, organiser, objectives)
    proposal = submitted_proposal(partner, organisation, workstream, objectives, reviewer)
    rows = pledge_rows(12, bad=False)
    rows[3]["GCM Objectives"] = "27"  # one bad line, so the dry run's report has an error
    pledge_import = pledges.import_upload(name="pledges.csv", data=as_csv(rows), by=organiser)
    pledges.import_dry_run(pledge_import=pledge_import, mapping=pledge_import.mapping,
                           by=organiser)  # fmt: skip
    registrant = Registration.objects.get(talk=upcoming, email="ana@example.org")
    rapporteur = Speaker.objects.get(talk=past, role=Speaker.Role.RAPPORTEUR)
    return SimpleNamespace(
        past=past,
        upcoming=upcoming,
        organiser=organiser,
        partner=partner,
        practice=practice,
        intention=intention,
        proposal=proposal,
        pledge_import=pledge_import,
        document=past.documents.get(),
        registration_token=token_for(registrant),
        registrant=registrant,
        speaker_key=Speaker.objects.filter(talk=upcoming).first().key,
        rapporteur_key=rapporteur.key,
    )


def held_talk(workstream, series, objectives, by):
    """A hybrid talk held three days ago, with every section of its page filled."""
    start = in_days(-3)
    talk = TalkFactory(
        slug="fair-recruitment",
        title="Fair recruitment in the Gulf corridor",
        summary="How employers can pay recruitment fees, and what Member States can do.",
        level=Talk.Level.REGIONAL,
        format=Talk.Format.HYBRID,
        venue="Palais des Nations",
        city="Geneva",
        series=series,
        start=start,
        end=start + timedelta(minutes=90),
        languages=["en", "fr", "ar"],
        region_slugs=["arab-states"],
        audience=Talk.Audience.OPEN_TO_ALL,
    )
    talk.organisers.set([workstream])
    talk.objectives.set(objectives)
    talk.principles.set(GuidingPrinciple.objects.filter(letter__in=["a", "c"]))
    add_panel(talk)
    note = documents.document_create(talk=talk, by=by, kind="concept_note", access="public")
    documents.version_save(document=note, by=by, language="en",
                           text="Why fair recruitment matters.")  # fmt: skip
    documents.version_save(document=note, by=by, language="fr",
                           upload=SimpleUploadedFile("note-conceptuelle.pdf", PDF))  # fmt: skip
    documents.document_publish(document=note, by=by)
    recording = recordings.recording_save(
        talk=talk, by=by, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        access=Access.PUBLIC, transcript_access=Access.PUBLIC,
    )  # fmt: skip
    recordings.captions_save(recording=recording, by=by, language="en",
                             upload=SimpleUploadedFile("captions.vtt", VTT))  # fmt: skip
    recordings.recording_publish(recording=recording, by=by)
    report_text_save(
        talk=talk,
        language="en",
        sections={
            "context": "Recruitment fees keep workers in debt.",
            "key_messages": "Employers should pay the fees.",
            "recommendations": "Audit recruiters every year.",
        },
        by=by,
    )
    report_publish(talk=talk, by=by)
    for n, group in enumerate(["civil-society", "member-state", "migrant", "un-system"] * 2):
        Registration.objects.create(
            talk=talk, name=f"Participant {n}", email=f"participant{n}@example.org",
            attendance_mode=Registration.Mode.ONLINE, status=Registration.Status.CONFIRMED,
            stakeholder_group=StakeholderGroup.objects.get(slug=group),
            attended_at=talk.start,
        )  # fmt: skip
    Pledge.objects.create(
        external_id="GCM-2291", title="Fair recruitment fund", entity="Government of Kenya",
        member_state=Country.objects.get(code="KE"), imported_at=timezone.now(),
        updated_at=timezone.now(), status="In progress",
    ).objectives.set(objectives)  # fmt: skip
    checklist_ensure(talks=[talk], by=by)
    return talk


def add_panel(talk):
    speakers = [
        Speaker.objects.create(
            talk=talk,
            name=name,
            organisation=organisation,
            role=role,
            gender=gender,
            country=Country.objects.get(code=country),
            position=n,
            for_migrant_organisation=migrant,
            confirmed=True,
            recording_consent=True,
        )  # fmt: skip
        for n, (name, organisation, role, gender, country, migrant) in enumerate(
            [
                ("Omar Haddad", "ILO", Speaker.Role.MODERATOR, "man", "JO", False),
                ("Amina Diallo", "Diaspora Link", Speaker.Role.PANELLIST, "woman", "SN", True),
                (
                    "Priya Sharma",
                    "Migrant Forum Asia",
                    Speaker.Role.RAPPORTEUR,
                    "woman",
                    "IN",
                    False,
                ),
            ]
        )  # fmt: skip
    ]
    opening = AgendaItem.objects.create(talk=talk, kind=AgendaItem.Kind.OPENING, minutes=10)
    opening.speakers.set(speakers[:1])
    panel = AgendaItem.objects.create(talk=talk, kind=AgendaItem.Kind.PANEL,
                                      title="Who pays the fees?", starts_after=10, minutes=50)  # fmt: skip
    panel.speakers.set(speakers[1:])
    AgendaItem.objects.create(talk=talk, kind=AgendaItem.Kind.QA, starts_after=60, minutes=30)


def open_talk(workstream, series, objectives, by):
    """An online talk in ten days whose registration is open here, with one registrant."""
    talk = TalkFactory(
        slug="open-talk",
        title="Regular pathways for climate-displaced people",
        summary="A talk on admission and stay for people displaced by disasters.",
        series=series,
        registration_mode=Talk.Registration.OPEN,
        format=Talk.Format.ONLINE,
        start=in_days(10),
        end=in_days(10) + timedelta(minutes=90),
        languages=["en", "fr", "ar"],
        audience=Talk.Audience.YOUTH,
    )
    talk.organisers.set([workstream])
    talk.objectives.set(objectives)
    talk.regions.set(Region.objects.filter(slug="africa"))
    Settings.objects.create(talk=talk, capacity_online=50, join_url="https://meet.example.org/x")
    Registration.objects.create(
        talk=talk, name="Ana Lima", email="ana@example.org", organisation="Youth Forum",
        attendance_mode=Registration.Mode.ONLINE, status=Registration.Status.CONFIRMED,
        language=Language.objects.get(code="fr"), email_confirmed_at=timezone.now(),
        birth_year=2001,
    )  # fmt: skip
    Registration.objects.create(
        talk=talk, name="Ben Okafor", email="ben@example.org",
        attendance_mode=Registration.Mode.ONLINE, status=Registration.Status.WAITLISTED,
    )  # fmt: skip
    Speaker.objects.create(talk=talk, name="Rosa Díaz", organisation="Youth Forum",
                           email="rosa@example.org")  # fmt: skip
    pack_save(talk=talk, by=by, days_before=3, introduction="Welcome to the talk.",
              practices="", pledges="")  # fmt: skip
    checklist_ensure(talks=[talk], by=by)
    return talk


def accepted_practice(partner, talk, objectives, reviewer):
    practice = Practice.objects.create(
        submitter=partner,
        title="Fair recruitment corridors",
        summary="Zero recruitment fees for workers from Nepal to Qatar.",
        description="Employers pay the fees; a joint committee audits the recruiters.",
        key_takeaway="Fees paid by employers keep workers out of debt.",
        implementing_organisations="ILO\nDiaspora Link",
        period_start=2019,
        period_end=2024,
        status=Practice.Status.ACCEPTED,
        decision_reason="It meets the Hub's criteria.",
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
    )
    practice.objectives.set(objectives)
    practice.countries.set(Country.objects.filter(code__in=["NP", "QA"]))
    practice.talks.set([talk])
    PracticeLink.objects.create(practice=practice, label="Evaluation",
                                url="https://example.org/evaluation")  # fmt: skip
    yes = Review.Answer.YES
    Review.objects.create(
        practice=practice, reviewer=reviewer, is_un=False, conflict_declared=False,
        relates_to_objective=yes, respects_principles=yes, mostly_complete=yes,
        innovative_or_replicable=yes, after_december_2018=yes,
        recommendation=Review.Recommendation.ACCEPT, comments="Clear and replicable.",
        submitted_at=timezone.now(),
    )  # fmt: skip
    return practice


def voiced_intention(talk, owner, objectives):
    intention = Intention.objects.create(
        talk=talk, speaker_name="Wanjiru Kamau", member_state=Country.objects.get(code="KE"),
        text="A fair recruitment pilot with two countries of origin.", owner=owner,
        state=Intention.State.CONTACTED, progress=25, due_on=timezone.localdate() + timedelta(7),
        shown_publicly=True, recorded_by=owner,
    )  # fmt: skip
    intention.objectives.set(objectives)
    Note.objects.create(intention=intention, by=owner, text="Wrote to the mission.",
                        state_from=Intention.State.VOICED, state_to=Intention.State.CONTACTED)  # fmt: skip
    return intention


def submitted_proposal(partner, organisation, workstream, objectives, reviewer):
    proposal = Proposal.objects.create(
        organisation=organisation, proposer=partner, title="Diaspora investment and skills",
        rationale="Diaspora investment builds skills at home.", workstream=workstream,
        level=Talk.Level.GLOBAL, format=Talk.Format.ONLINE, audience=Talk.Audience.OPEN_TO_ALL,
        expected_outcomes="Two practices for the Hub.", status=Proposal.Status.UNDER_REVIEW,
        submitted_at=timezone.now(),
    )  # fmt: skip
    proposal.objectives.set(objectives)
    proposal.languages.set(Language.objects.filter(code__in=["en", "ar"]))
    ProposedSpeaker.objects.create(proposal=proposal, name="Rosa Díaz", role="panellist",
                                   organisation="Diaspora Link", gender="woman", diaspora=True)  # fmt: skip
    Message.objects.create(proposal=proposal, author=reviewer, kind=Message.Kind.TO_PROPOSER,
                           text="Please add a speaker from a country of origin.")  # fmt: skip
    return proposal


@pytest.fixture
def data(db):
    """The data, built anew for each page: pytest-django's live server needs each test in
    its own committed transaction (flushed afterwards), so it cannot be kept for the module.
    Building it takes a fifth of a second."""
    return build_site()


@pytest.fixture
def open_page(site, new_page, signed_in_page, error_page):
    """open_page(viewer, path): the page at `path` as the anonymous visitor or a signed-in
    user, with the embedded players answered by an empty page."""

    def open_as(viewer, path, status=200):
        if status != 200:
            return error_page(path, status)
        page = new_page() if viewer is None else signed_in_page(viewer)
        page.route(PLAYER, lambda route: route.fulfill(
            content_type="text/html", body="<!DOCTYPE html><html lang=en><title>Player</title>"
        ))  # fmt: skip
        response = page.goto(site + path)
        assert response.status == status, f"{path}: {response.status}"
        return page

    return open_as


@pytest.fixture
def error_page(browser, site):
    """error_page(path, status): like `new_page`, except that Chromium's console error for the
    page itself answered with `status` (404, 403) is expected; any other problem fails."""
    contexts, problems = [], []

    def open_error(path, status):
        context = browser.new_context(timezone_id=VISITOR_TIMEZONE, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        expected = f"Failed to load resource: the server responded with a status of {status} "

        def on_console(message):
            if message.text.startswith(expected) and message.location.get("url") == site + path:
                return
            if message.type in ("error", "warning"):
                problems.append(f"console {message.type}: {message.text} ({page.url})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error} ({page.url})"))
        response = page.goto(site + path)
        assert response.status == status, f"{path}: {response.status}"
        return page

    yield open_error
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


# What a visitor, a partner (signed in) and an organiser see. Each: (viewer, path, status).
PUBLIC = {
    "calendar": lambda d: (None, "/", 200),
    "calendar-month": lambda d: (None, f"/?view=month&month={d.past.start:%Y-%m}", 200),
    "talk": lambda d: (None, f"/talks/{d.past.slug}/", 200),
    "talk-upcoming": lambda d: (None, f"/talks/{d.upcoming.slug}/", 200),
    "talk-document-text": lambda d: (
        None,
        f"/talks/{d.past.slug}/documents/{d.document.pk}/en/",
        200,
    ),
    "talk-report": lambda d: (None, f"/talks/{d.past.slug}/report/", 200),
    "workstream": lambda d: (None, "/workstreams/ws-labour/", 200),
    "register": lambda d: (None, f"/talks/{d.upcoming.slug}/register/", 200),
    "registration-personal": lambda d: (None, f"/registrations/{d.registration_token}/", 200),
    "join-closed": lambda d: (None, f"/join/{d.registrant.join_key}/", 403),
    "speaker": lambda d: (None, f"/speakers/{d.speaker_key}/", 200),
    "rapporteur": lambda d: (None, f"/speakers/{d.rapporteur_key}/intentions/", 200),
    "hub": lambda d: (None, "/hub/", 200),
    "hub-practice": lambda d: (None, f"/hub/{d.practice.pk}/", 200),
    "hub-submit": lambda d: (d.partner, "/hub/submit/", 200),
    "hub-mine": lambda d: (d.partner, "/hub/mine/", 200),
    "hub-mine-practice": lambda d: (d.partner, f"/hub/mine/{d.practice.pk}/", 200),
    "follow-up": lambda d: (None, "/follow-up/", 200),
    "figures": lambda d: (None, "/figures/", 200),
    "proposals": lambda d: (d.partner, "/proposals/", 200),
    "proposal-new": lambda d: (d.partner, "/proposals/new/", 200),
    "proposal": lambda d: (d.partner, f"/proposals/{d.proposal.pk}/", 200),
    "sign-in": lambda d: (None, "/accounts/login/", 200),
    "sign-up": lambda d: (None, "/accounts/signup/", 200),
    "password-reset": lambda d: (None, "/accounts/password/reset/", 200),
    "account": lambda d: (d.partner, "/account/", 200),
    "two-factor-setup": lambda d: (d.partner, "/accounts/2fa/totp/activate", 200),
    "brand": lambda d: (None, "/brand/", 200),
    "subscribe": lambda d: (None, "/subscribe/", 200),
    "subscribe-sent": lambda d: (None, "/subscribe/sent/", 200),
    "contact": lambda d: (None, "/contact/", 200),
    "contact-sent": lambda d: (None, "/contact/sent/", 200),
    "widget": lambda d: (None, "/widget/", 200),
    "widget-embed": lambda d: (None, "/widget/embed/", 200),
    "not-found": lambda d: (None, "/talks/no-such-talk/", 404),
}
ORGANISER = {
    "dashboard": "/manage/",
    "talk-new": "/manage/talks/new/",
    "talk-edit": "/manage/talks/{d.past.slug}/edit/",
    "talk-workspace": "/manage/talks/{d.past.slug}/",
    "talk-workspace-upcoming": "/manage/talks/{d.upcoming.slug}/",
    "registrants": "/manage/talks/{d.past.slug}/registrants/",
    "registrants-upcoming": "/manage/talks/{d.upcoming.slug}/registrants/",
    "panel": "/manage/talks/{d.past.slug}/panel/",
    "speaker-new": "/manage/talks/{d.past.slug}/panel/speakers/new/",
    "agenda-item-new": "/manage/talks/{d.past.slug}/panel/agenda/new/",
    "documents": "/manage/talks/{d.past.slug}/documents/",
    "document": "/manage/talks/{d.past.slug}/documents/{d.document.pk}/",
    "document-new": "/manage/talks/{d.past.slug}/documents/new/",
    "briefing": "/manage/talks/{d.upcoming.slug}/briefing/",
    "recording": "/manage/talks/{d.past.slug}/recording/",
    "report": "/manage/talks/{d.past.slug}/report/",
    "report-edit": "/manage/talks/{d.past.slug}/report/en/",
    "checklist": "/manage/talks/{d.upcoming.slug}/checklist/",
    "proposals": "/manage/proposals/",
    "proposal": "/manage/proposals/{d.proposal.pk}/",
    "practices": "/manage/practices/",
    "practice": "/manage/practices/{d.practice.pk}/",
    "pledges": "/manage/pledges/",
    "pledge-import-new": "/manage/pledges/import/",
    "pledge-import": "/manage/pledges/import/{d.pledge_import.pk}/",
    "intentions": "/manage/talks/{d.past.slug}/intentions/",
    "intention": "/manage/intentions/{d.intention.pk}/",
    "follow-up-board": "/manage/follow-up/",
    "statistics": "/manage/statistics/",
    "statistics-packs": "/manage/statistics/packs/",
}


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("name", PUBLIC)
def test_public_page_has_no_violations(name, language, data, open_page):
    viewer, path, status = PUBLIC[name](data)
    prefix = "" if language == "en" else f"/{language}"
    page = open_page(viewer, prefix + path, status)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("name", ORGANISER)
def test_organiser_page_has_no_violations(name, data, open_page):
    page = open_page(data.organiser, ORGANISER[name].format(d=data))
    assert_accessible(page)


def test_axe_reports_what_it_should(data, open_page):
    """The check itself works: a field without a label, added to a clean page, is reported."""
    page = open_page(None, "/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    assert [violation["id"] for violation in axe_violations(page)] == ["label"]


# Zoom, small screens and reduced motion (WCAG 1.4.4, 1.4.10 and 2.3.3).

NARROW_PAGES = ["calendar", "calendar-month", "talk", "talk-report", "register", "hub",
                "hub-practice", "workstream", "follow-up"]  # fmt: skip


@pytest.mark.parametrize("name", NARROW_PAGES)
@pytest.mark.parametrize(
    "screen",
    [
        # A 1280 × 900 window at 200 % zoom lays out like a 640 × 450 one.
        pytest.param({"width": 640, "height": 450, "scale": 2}, id="zoom-200"),
        pytest.param({"width": 320, "height": 640, "scale": 3}, id="phone-320"),
    ],
)
def test_page_fits_a_narrow_screen(name, screen, data, site, new_page):
    """No scrolling sideways: the page reflows; only wide tables scroll, inside their own
    focusable box. axe-core checks the narrow layout too."""
    _viewer, path, _status = PUBLIC[name](data)
    page = new_page(
        viewport={"width": screen["width"], "height": screen["height"]},
        device_scale_factor=screen["scale"],
        is_mobile=screen["width"] < 400,
        has_touch=screen["width"] < 400,
    )
    page.route(PLAYER, lambda route: route.fulfill(content_type="text/html", body=""))
    page.goto(site + path)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path} is {widths[0]} px wide in a {widths[1]} px window"
    assert_accessible(page)


TIMINGS = """() => [...document.querySelectorAll('*')].map(el => {
    const style = getComputedStyle(el);
    const longest = value => Math.max(...value.split(',').map(part => parseFloat(part) || 0));
    return {element: el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''),
            transition: longest(style.transitionDuration),
            animation: style.animationName === 'none' ? 0 : longest(style.animationDuration)};
}).filter(timing => timing.transition > 0 || timing.animation > 0)"""


@pytest.mark.parametrize("name", ["calendar", "talk", "register"])
def test_nothing_moves_when_reduced_motion_is_asked_for(name, data, site, new_page):
    _viewer, path, _status = PUBLIC[name](data)
    usual = new_page()
    usual.goto(site + path)
    moving = usual.evaluate(TIMINGS)
    still = new_page(reduced_motion="reduce")
    still.goto(site + path)
    assert still.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
    # Whatever moves without the preference (nothing, so far) stands still with it.
    assert still.evaluate(TIMINGS) == [], f"moving without the preference: {moving}"


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("name", ["register", "sign-in", "proposal-new"])
def test_form_sent_back_with_its_errors_has_no_violations(name, language, data, open_page):
    """Errors tied to their fields (aria-invalid, aria-describedby) and announced."""
    viewer, path, _status = PUBLIC[name](data)
    page = open_page(viewer, ("" if language == "en" else f"/{language}") + path)
    page.locator("main form").last.locator("[type=submit]").last.click()
    page.wait_for_load_state()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    assert_accessible(page)
