"""The organisers' workspace for talks: dashboard, creating and editing, the talk page with its
history, and publishing, postponing and cancelling."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Organiser, OrganiserMember, Talk
from gcmtalks.talks.services import talk_form_data
from tests.factories import (
    OrganiserFactory,
    OrganiserMemberFactory,
    SeriesFactory,
    StaffFactory,
    TalkFactory,
    bulk_talks,
    in_days,
    utc,
)
from tests.smtp import run_tasks

pytestmark = pytest.mark.django_db
Status = Talk.Status

DASHBOARD = "/manage/"
NEW = "/manage/talks/new/"


def page_of(talk):
    return f"/manage/talks/{talk.slug}/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def organised(workstream, **fields):
    talk = TalkFactory(**fields)
    talk.organisers.set([workstream])
    return talk


def new_talk(**changes):
    day = in_days(30)
    return {
        "title": "Fair recruitment in practice",
        "summary": "How recruitment fees are ended.",
        "level": "global",
        "format": "online",
        "start": f"{day:%Y-%m-%d} 15:00",
        "end": f"{day:%Y-%m-%d} 16:30",
        "timezone": "Europe/Zurich",
        "audience": "open_to_all",
        "registration_mode": "not_yet_open",
        "organisers": ["ws-labour"],
        "objectives": ["6"],
        **changes,
    }


def waiting(talk, count):
    Registration.objects.bulk_create(
        Registration(
            talk=talk,
            name=f"Person {n}",
            email=f"person{n}@example.org",
            status=Registration.Status.PENDING_APPROVAL,
        )
        for n in range(count)
    )


def registered(talk, count=2):
    """Confirmed registrants, written directly (no mail of their own)."""
    return Registration.objects.bulk_create(
        Registration(
            talk=talk,
            name=f"Person {n}",
            email=f"person{n}@example.org",
            status=Registration.Status.CONFIRMED,
        )
        for n in range(count)
    )


# The dashboard.


def test_dashboard_lists_upcoming_talks_then_recent_past_ones(member_client, workstream):
    later = organised(workstream, title="Later", start=in_days(20), end=in_days(20, hour=16))
    sooner = organised(workstream, title="Sooner", start=in_days(3), end=in_days(3, hour=16))
    last_month = organised(workstream, title="Last month", start=in_days(-30), end=in_days(-30, 16))
    last_week = organised(workstream, title="Last week", start=in_days(-7), end=in_days(-7, 16))
    organised(workstream, title="Two years ago", start=in_days(-730), end=in_days(-730, 16))
    TalkFactory(title="Someone else's talk")
    response = member_client.get(DASHBOARD)
    assert [row.talk for row in response.context["upcoming"]] == [sooner, later]
    assert [row.talk for row in response.context["past"]] == [last_week, last_month]
    assert list(response.context["proposals_to_review"]) == []
    page = response.content.decode()
    lists = page[page.index('id="upcoming-heading"') :]  # after the overdue checklist items
    assert lists.index("Sooner") < lists.index("Later") < lists.index("Last week")
    assert "Someone else" not in page and "Two years ago" not in page
    assert "Geneva time" in page and "Labour migration" in page
    assert f'href="{page_of(sooner)}"' in page


def test_dashboard_shows_each_talks_zone(member_client, workstream):
    organised(
        workstream,
        title="In Baku",
        timezone="Asia/Baku",
        start=utc(2030, 6, 3, 10),
        end=utc(2030, 6, 3, 11, 30),
    )
    page = member_client.get(DASHBOARD).content.decode()
    text = re.sub(r"<[^>]+>", "", page)
    assert "3 June 2030" in text
    assert "12:00–13:30 Geneva time (CEST, UTC+2)" in text
    assert "14:00–15:30 Baku time (UTC+4)" in text


def test_dashboard_says_what_each_talk_needs_next(member_client, workstream):
    draft = organised(workstream, status=Status.DRAFT, start=in_days(40), end=in_days(40, 16))
    soon = organised(workstream, start=in_days(5), end=in_days(5, 16))
    ready = organised(workstream, start=in_days(6), end=in_days(6, 16))
    ended = organised(workstream, start=in_days(-3), end=in_days(-3, 16))
    cancelled = organised(
        workstream, status=Status.CANCELLED, start=in_days(-5), end=in_days(-5, 16)
    )
    postponed = organised(workstream, status=Status.POSTPONED, start=in_days(2), end=in_days(2, 16))
    waiting(soon, 3)
    response = member_client.get(DASHBOARD)
    todo = {
        row.talk: [text for text, _url in row.todo]
        for row in response.context["upcoming"] + response.context["past"]
    }
    assert todo[draft] == ["Draft: complete it, then publish it"]
    assert todo[soon] == ["3 registrations waiting for approval"]
    assert todo[ready] == [] and todo[ended] == [] and todo[cancelled] == []
    assert todo[postponed] == ["Postponed: give the new date when it is known"]
    page = response.content.decode()
    assert f'href="/manage/talks/{soon.slug}/registrants/?status=pending_approval"' in page
    assert ">Draft</span>" in page and ">Cancelled</span>" in page  # status in words


def test_the_secretariat_sees_every_talk(client, workstream):
    organised(workstream, title="A workstream's talk")
    TalkFactory(title="Another talk", status=Status.DRAFT)
    client.force_login(StaffFactory())
    response = client.get(DASHBOARD)
    assert len(response.context["upcoming"]) == 2
    assert "The secretariat: every talk." in response.content.decode()


def dashboard_queries(client, many, member=None):
    counts = []
    for total in (1, many):
        Talk.objects.all().delete()
        talks = bulk_talks(total)
        # Some in the past, some drafts, some with registrations waiting.
        ids = [talk.pk for talk in talks]
        Talk.objects.filter(pk__in=ids[::2]).update(
            start=F("start") - timedelta(days=300), end=F("end") - timedelta(days=300)
        )
        Talk.objects.filter(pk__in=ids[::3]).update(status=Status.DRAFT)
        waiting(talks[0], 2)
        if member is not None:
            organiser = talks[0].organisers.get()
            OrganiserMember.objects.create(organiser=organiser, user=member)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(DASHBOARD)
        assert response.status_code == 200
        assert len(response.context["upcoming"]) + len(response.context["past"]) == total
        counts.append(len(queries))
    return counts


def test_dashboard_queries_do_not_grow_with_talks_for_the_secretariat(client, staff):
    client.force_login(staff)
    few, many = dashboard_queries(client, 200)
    assert few == many


def test_dashboard_queries_do_not_grow_with_talks_for_a_member(client, workstream):
    user = OrganiserMemberFactory(organiser=OrganiserFactory()).user
    client.force_login(user)
    few, many = dashboard_queries(client, 200, member=user)
    assert few == many


# Creating and editing.


def test_a_member_creates_a_draft(member_client, member, workstream):
    response = member_client.post(NEW, new_talk())
    talk = Talk.objects.get()
    assert response["Location"] == page_of(talk)
    assert talk.status == Status.DRAFT and talk.title == "Fair recruitment in practice"
    assert list(talk.organisers.all()) == [workstream]
    assert list(talk.objectives.values_list("number", flat=True)) == [6]
    assert talk.end - talk.start == timedelta(minutes=90)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == ("talk.create", member, str(talk.pk))
    assert messages_of(member_client.get(response["Location"]))[0].startswith("The draft is saved")


def test_the_new_talk_form_offers_the_members_own_organisers(member_client, workstream):
    OrganiserFactory(slug="ws-climate", name="Climate and migration")
    response = member_client.get(NEW)
    form = response.context["form"]
    assert list(form.fields["organisers"].queryset) == [workstream]
    assert form.initial["organisers"] == [workstream]
    page = response.content.decode()
    assert 'value="ws-labour"' in page and "ws-climate" not in page
    assert "status" not in form.fields  # a new talk is a draft; the page's actions publish


def test_a_talk_created_from_a_page_in_french_has_its_english_title(member_client):
    member_client.post("/fr" + NEW, new_talk())
    talk = Talk.objects.get()
    assert talk.title_en == "Fair recruitment in practice"
    assert talk.slug.startswith("fair-recruitment-in-practice-")


def test_the_secretariat_chooses_any_organisers(client, staff, workstream):
    OrganiserFactory(slug="ws-climate")
    client.force_login(staff)
    client.post(NEW, new_talk(organisers=["ws-climate"]))
    assert list(Talk.objects.get().organisers.values_list("slug", flat=True)) == ["ws-climate"]


def test_a_member_must_keep_one_of_their_organisers(member_client, workstream):
    response = member_client.post(NEW, new_talk(organisers=[]))
    assert "Keep at least one organiser you belong to" in response.content.decode()
    assert not Talk.objects.exists()
    climate = OrganiserFactory(slug="ws-climate")
    talk = organised(workstream)
    talk.organisers.add(climate)
    data = {**talk_form_data(talk), "organisers": ["ws-climate"]}
    response = member_client.post(page_of(talk) + "edit/", data)
    assert "Keep at least one organiser you belong to" in response.content.decode()
    assert set(talk.organisers.all()) == {workstream, climate}


def test_a_member_keeps_co_organisers_not_theirs(member_client, workstream):
    climate = OrganiserFactory(slug="ws-climate", name="Climate and migration")
    OrganiserFactory(slug="ws-other", name="Not on the talk")
    talk = organised(workstream)
    talk.organisers.add(climate)
    form = member_client.get(page_of(talk) + "edit/").context["form"]
    assert set(form.fields["organisers"].queryset) == {workstream, climate}
    member_client.post(page_of(talk) + "edit/", {**talk_form_data(talk), "title": "Renamed"})
    assert set(Talk.objects.get().organisers.all()) == {workstream, climate}


def test_editing_shows_the_talks_values_and_saves_changes(member_client, member, workstream):
    series = SeriesFactory(slug="regional-reviews", title="Regional reviews")
    talk = organised(
        workstream, series=series, start=utc(2030, 3, 26, 14), end=utc(2030, 3, 26, 15)
    )
    response = member_client.get(page_of(talk) + "edit/")
    page = response.content.decode()
    assert 'value="2030-03-26 15:00"' in page  # local time in the talk's zone
    assert '<option value="regional-reviews" selected>' in page
    data = {**talk_form_data(talk), "title": "Renamed talk", "start": "2030-03-27 15:00", "end": ""}
    response = member_client.post(page_of(talk) + "edit/", data)
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.title == "Renamed talk" and talk.series == series
    assert talk.start == utc(2030, 3, 27, 14) and talk.sequence == 1
    entry = AuditEntry.objects.get()
    assert entry.actor == member and entry.changes["title"][1] == "Renamed talk"


def test_a_change_of_time_is_told_to_registrants(
    member_client, workstream, django_capture_on_commit_callbacks
):
    talk = organised(workstream, title="Moving talk")
    registered(talk, 2)
    data = {**talk_form_data(talk), "start": f"{in_days(12):%Y-%m-%d} 10:00", "end": ""}
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(page_of(talk) + "edit/", data)
    run_tasks()
    assert OutgoingMail.objects.filter(subject="New time: Moving talk").count() == 2


# Bad input: a clear message, nothing changed.


BAD_INPUT = {
    "end before start": (
        {"start": "2030-05-02 15:00", "end": "2030-05-02 14:00"},
        "The end must be after the start.",
    ),
    "empty title": ({"title": "  "}, "This field is required."),
    "unknown objective": ({"objectives": ["6", "99"]}, "“99” is not one of the known values."),
    "oversized title": (
        {"title": "x" * 300},
        "Ensure this value has at most 255 characters (it has 300).",
    ),
    "oversized city": (
        {"format": "in_person", "venue": "Palais", "city": "y" * 101},
        "Ensure this value has at most 100 characters (it has 101).",
    ),
    "not a time": ({"start": "next Tuesday"}, "Give a date and time as YYYY-MM-DD HH:MM"),
    "unknown zone": ({"timezone": "Mars/Olympus"}, "is not a time zone name"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_to_create_changes_nothing(member_client, case):
    changes, message = BAD_INPUT[case]
    response = member_client.post(NEW, new_talk(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Nothing was saved: please correct these." in page
    assert not Talk.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_to_edit_changes_nothing(member_client, workstream, case):
    talk = organised(workstream, title="Kept title")
    before = talk_form_data(talk)
    changes, message = BAD_INPUT[case]
    response = member_client.post(page_of(talk) + "edit/", {**before, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<h1>Edit: <bdi>Kept title</bdi></h1>" in page  # not the refused title
    assert talk_form_data(Talk.objects.get()) == before
    assert not AuditEntry.objects.exists()


def test_markup_in_a_title_is_shown_as_text(member_client):
    title = '<script>alert("x")</script><b>Bold</b>'
    response = member_client.post(NEW, new_talk(title=title))
    talk = Talk.objects.get()
    assert talk.title == title
    for url in (response["Location"], DASHBOARD, page_of(talk) + "edit/"):
        page = member_client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Bold&lt;/b&gt;" in page
        assert "<script>alert" not in page and "<b>Bold" not in page


def test_forms_label_every_control_and_carry_no_inline_code(member_client, workstream):
    talk = organised(workstream)
    for url in (NEW, page_of(talk) + "edit/", page_of(talk) + "postpone/"):
        page = member_client.get(url).content.decode()
        main = page[page.index("<main") :]
        controls = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', main)
        assert controls, url
        for control in controls:
            assert f'for="{control}"' in main, (url, control)
        assert "style=" not in page and "<script>" not in page and " on" + "click" not in page
        assert 'name="csrfmiddlewaretoken"' in page


# The talk page, its actions and its history.


def test_talk_page_shows_details_links_and_history(member_client, member, workstream):
    talk = organised(workstream, title="Labour talk", status=Status.DRAFT, city="Geneva")
    member_client.post(
        page_of(talk) + "edit/", {**talk_form_data(talk), "title": "Labour mobility talk"}
    )
    member_client.post(page_of(talk) + "publish/")
    response = member_client.get(page_of(talk))
    page = response.content.decode()
    assert "<h1><bdi>Labour mobility talk</bdi></h1>" in page and "Labour migration" in page
    assert f'href="{page_of(talk)}edit/"' in page
    assert f'href="/manage/talks/{talk.slug}/registrants/"' in page
    assert f'href="/talks/{talk.slug}/"' in page  # published: its public page
    history = response.context["history"]
    assert [event.action for event in history] == ["Changed", "Changed"]
    assert {event.actor for event in history} == {member.username}
    assert [(c.label, c.before, c.after) for c in history[0].changes] == [
        ("status", "Draft", "Published")
    ]
    # Once, under the English title (modeltranslation's own copy is left out).
    assert [(c.label, c.before, c.after) for c in history[1].changes] == [
        ("title [en]", "Labour talk", "Labour mobility talk")
    ]
    assert (
        '<th scope="row">Status</th><td><bdi>Draft</bdi></td><td><bdi>Published</bdi></td>' in page
    )


def test_a_draft_has_no_public_page_link(member_client, workstream):
    talk = organised(workstream, status=Status.DRAFT)
    page = member_client.get(page_of(talk)).content.decode()
    assert f'href="/talks/{talk.slug}/"' not in page
    assert "No public page while it is a draft" in page
    assert "No changes recorded yet." in page


def test_publishing_a_draft(member_client, member, workstream):
    talk = organised(workstream, status=Status.DRAFT)
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert Talk.objects.get().status == Status.PUBLISHED
    assert messages_of(response) == ["The talk is published: it is on the public calendar."]
    entry = AuditEntry.objects.get()
    assert entry.actor == member and entry.changes["status"] == ["draft", "published"]


def test_publishing_a_published_talk_is_refused_with_a_message(member_client, workstream):
    talk = organised(workstream)
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert messages_of(response) == ["Nothing was changed. Only a draft can be published."]
    assert not AuditEntry.objects.exists()


def test_an_invalid_talk_is_not_published_and_says_why(member_client, workstream):
    talk = organised(workstream, status=Status.DRAFT, format=Talk.Format.HYBRID)
    response = member_client.post(page_of(talk) + "publish/", follow=True)
    assert messages_of(response) == [
        "Nothing was changed. Venue: In-person and hybrid talks need a venue and a city."
    ]
    assert Talk.objects.get().status == Status.DRAFT


def test_postponing_without_a_date_tells_registrants(
    member_client, workstream, django_capture_on_commit_callbacks
):
    talk = organised(workstream, title="Postponed talk")
    registered(talk, 2)
    page = member_client.get(page_of(talk) + "postpone/").content.decode()
    assert "2 registrants will be told by mail." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(page_of(talk) + "postpone/", {"start": ""})
    assert response["Location"] == page_of(talk)
    talk.refresh_from_db()
    assert talk.status == Status.POSTPONED and talk.sequence == 1
    run_tasks()
    assert OutgoingMail.objects.filter(subject="Postponed: Postponed talk").count() == 2
    page = member_client.get(page_of(talk)).content.decode()
    assert "Give the new date" in page


def test_postponing_to_a_new_date_keeps_the_length(
    member_client, workstream, django_capture_on_commit_callbacks
):
    talk = organised(
        workstream,
        title="Moved talk",
        status=Status.POSTPONED,
        start=utc(2030, 3, 26, 14),
        end=utc(2030, 3, 26, 16),
    )
    registered(talk, 1)
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(page_of(talk) + "postpone/", {"start": "2030-04-02 10:00"})
    talk.refresh_from_db()
    assert talk.status == Status.PUBLISHED
    assert (talk.start, talk.end) == (utc(2030, 4, 2, 8), utc(2030, 4, 2, 10))  # CEST
    run_tasks()
    assert OutgoingMail.objects.filter(subject="New time: Moved talk").count() == 1


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2001-01-01 10:00", "The new date must be in the future."),
        ("soon", "Give a date and time as YYYY-MM-DD HH:MM"),
    ],
)
def test_postponing_to_a_bad_date_changes_nothing(member_client, workstream, start, message):
    talk = organised(workstream)
    response = member_client.post(page_of(talk) + "postpone/", {"start": start})
    assert response.status_code == 200 and message in response.content.decode()
    assert Talk.objects.get().status == Status.PUBLISHED and not AuditEntry.objects.exists()


def test_actions_need_the_csrf_token(client, member, workstream):
    from django.test import Client

    talk = organised(workstream, status=Status.DRAFT)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(page_of(talk) + "publish/").status_code == 403
    assert strict.post(NEW, new_talk()).status_code == 403
    assert Talk.objects.get().status == Status.DRAFT


def test_a_postponed_talk_is_not_postponed_again_without_a_date(member_client, workstream):
    talk = organised(workstream, status=Status.POSTPONED)
    response = member_client.post(page_of(talk) + "postpone/", {"start": ""})
    assert "already postponed" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_cancelling_asks_first_then_tells_registrants(
    member_client, workstream, django_capture_on_commit_callbacks
):
    talk = organised(workstream, title="Cancelled talk")
    registered(talk, 3)
    page = member_client.get(page_of(talk) + "cancel/").content.decode()
    assert "Cancel the talk?" in page and "3 registrants will be told by mail." in page
    assert Talk.objects.get().status == Status.PUBLISHED  # asking changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(page_of(talk) + "cancel/", follow=True)
    assert messages_of(response) == ["The talk is cancelled; its registrants are being told."]
    assert Talk.objects.get().status == Status.CANCELLED
    run_tasks()
    assert OutgoingMail.objects.filter(subject="Cancelled: Cancelled talk").count() == 3
    assert "This talk is cancelled." in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CANCELLED])
def test_cancelling_a_draft_or_cancelled_talk_is_refused(member_client, workstream, status):
    talk = organised(workstream, status=status)
    response = member_client.post(page_of(talk) + "cancel/", follow=True)
    assert messages_of(response) == [
        "Nothing was changed. Only a published or postponed talk can be postponed or cancelled."
    ]
    assert member_client.get(page_of(talk) + "cancel/").status_code == 302
    assert Talk.objects.get().status == status and not AuditEntry.objects.exists()


def test_a_talk_that_took_place_cannot_be_postponed_or_cancelled(member_client, workstream):
    talk = organised(workstream, start=in_days(-2), end=in_days(-2, 16))
    page = member_client.get(page_of(talk)).content.decode()
    assert "This talk has taken place." in page and "postpone/" not in page
    response = member_client.post(page_of(talk) + "cancel/", follow=True)
    assert messages_of(response) == ["Nothing was changed. This talk has already taken place."]
    response = member_client.post(page_of(talk) + "postpone/", {"start": ""}, follow=True)
    assert messages_of(response)[0].startswith("Nothing was changed.")
    assert Talk.objects.get().status == Status.PUBLISHED


def test_history_shows_the_system_for_changes_without_a_person(member_client, workstream):
    from gcmtalks.core import audit

    talk = organised(workstream)
    audit.record(obj=talk, action="talk.change", by=None, changes={"city": ["", "Cairo"]})
    [event] = member_client.get(page_of(talk)).context["history"]
    assert event.actor == "The system"
    assert [(c.label, c.before, c.after) for c in event.changes] == [("city", "—", "Cairo")]


def test_organiser_kinds_are_all_welcome(client):
    network = OrganiserFactory(slug="rn-africa", kind=Organiser.Kind.REGIONAL_NETWORK)
    lead = OrganiserMemberFactory(organiser=network, role=OrganiserMember.Role.LEAD).user
    talk = organised(network)
    client.force_login(lead)
    assert client.get(page_of(talk)).status_code == 200
