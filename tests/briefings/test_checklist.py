"""The publication checklist: defaults, due dates that follow the talk, what is done by itself,
owners and reminders, and the overdue items on the organisers' dashboard."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.formats import date_format

from gcmtalks.briefings.models import ChecklistItem
from gcmtalks.briefings.services import briefings_send_due, checklist_remind
from gcmtalks.core.models import AuditEntry
from gcmtalks.core.timezones import geneva_day
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.talks.models import Talk
from gcmtalks.talks.services import talk_postpone
from tests.briefings.conftest import concept_note, goes, organised, registrant
from tests.factories import UserFactory, bulk_talks, in_days

pytestmark = pytest.mark.django_db
Kind = ChecklistItem.Kind


def page(talk):
    return f"/manage/talks/{talk.slug}/checklist/"


def states(response) -> dict:
    """{item: (state, due date)} as the page lists them."""
    return {
        str(entry.item): (entry.state, entry.due)
        for entry, _form, _when in response.context["rows"]
    }


def texts(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def member_client(client, people):
    client.force_login(people.member)
    return client


def item(talk, kind):
    return ChecklistItem.objects.get(talk=talk, kind=kind)


def test_defaults_are_saved_when_the_checklist_is_first_shown(member_client, talk, people):
    response = member_client.get(page(talk))
    start, end = geneva_day(talk.start), geneva_day(talk.end)
    assert states(response) == {
        "Concept note": ("open", start - timedelta(days=14)),
        "Briefing pack": ("open", start - timedelta(days=3)),
        "Recording": ("open", end + timedelta(days=7)),
        "Summary report": ("open", end + timedelta(days=28)),
    }
    assert ChecklistItem.objects.filter(talk=talk).count() == 4
    assert (
        AuditEntry.objects.filter(action="checklistitem.create", actor=people.member).count() == 4
    )
    member_client.get(page(talk))
    assert ChecklistItem.objects.filter(talk=talk).count() == 4


def test_a_talk_soon_has_its_concept_note_overdue_until_it_is_published(member_client, talk):
    Talk.objects.filter(pk=talk.pk).update(start=in_days(5), end=in_days(5) + timedelta(hours=1))
    assert states(member_client.get(page(talk)))["Concept note"][0] == "overdue"
    concept_note(talk, status="draft")
    assert states(member_client.get(page(talk)))["Concept note"][0] == "overdue"
    concept_note(talk)
    response = member_client.get(page(talk))
    assert states(response)["Concept note"][0] == "done"
    assert "The concept note is published." in response.text


def test_the_briefing_item_is_done_once_the_pack_went(member_client, talk):
    registrant(talk, 1)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    response = member_client.get(page(talk))
    assert states(response)["Briefing pack"][0] == "done"
    assert "The briefing pack has gone." in response.text


def test_due_dates_follow_a_postponed_talk(member_client, talk, people):
    Talk.objects.filter(pk=talk.pk).update(start=in_days(5), end=in_days(5) + timedelta(hours=1))
    talk.refresh_from_db()
    member_client.get(page(talk))
    talk_postpone(talk=talk, by=people.member)  # no new date yet
    response = member_client.get(page(talk))
    assert states(response)["Concept note"][0] == "on_hold"
    assert 'id="overdue-heading"' not in member_client.get("/manage/").text

    new_start = in_days(40).replace(tzinfo=None)
    talk_postpone(talk=Talk.objects.get(pk=talk.pk), by=people.member, start=new_start)
    talk.refresh_from_db()
    response = member_client.get(page(talk))
    assert states(response)["Concept note"] == ("open", geneva_day(talk.start) - timedelta(days=14))
    assert 'id="overdue-heading"' not in member_client.get("/manage/").text


def test_after_the_talk_only_its_outcomes_can_be_late(member_client, talk):
    Talk.objects.filter(pk=talk.pk).update(
        start=in_days(-10), end=in_days(-10) + timedelta(hours=1)
    )
    found = states(member_client.get(page(talk)))
    assert found["Concept note"][0] == found["Briefing pack"][0] == "missed"
    assert found["Recording"][0] == "overdue" and found["Summary report"][0] == "open"


def test_organisers_mark_items_done_and_undone(member_client, talk, people):
    member_client.get(page(talk))
    recording = item(talk, Kind.RECORDING)
    response = member_client.post(f"{page(talk)}{recording.pk}/done/", {"done": "1"}, follow=True)
    assert "“Recording” is marked done." in texts(response)
    assert states(response)["Recording"][0] == "done"
    assert "Marked done on" in response.text and "by <bdi>Amina Diallo</bdi>" in response.text
    member_client.post(f"{page(talk)}{recording.pk}/done/", {"done": "0"})
    assert item(talk, Kind.RECORDING).done_at is None
    actions = AuditEntry.objects.filter(object_id=str(recording.pk)).values_list(
        "action", flat=True
    )
    assert {"checklistitem.done", "checklistitem.undone"} <= set(actions)


def test_organisers_choose_owner_and_due_date(member_client, talk, people):
    member_client.get(page(talk))
    report = item(talk, Kind.SUMMARY_REPORT)
    due = geneva_day(talk.end) + timedelta(days=10)
    prefix = f"item-{report.pk}"
    response = member_client.post(
        f"{page(talk)}{report.pk}/",
        {f"{prefix}-owner": people.secretariat.pk, f"{prefix}-due": due.isoformat()},
        follow=True,
    )
    assert "“Summary report” is saved." in texts(response)
    report.refresh_from_db()
    assert (report.owner, report.offset_days) == (people.secretariat, 10)
    assert states(response)["Summary report"][1] == due
    entry = AuditEntry.objects.get(action="checklistitem.change", object_id=str(report.pk))
    assert entry.changes["owner"][1] == str(people.secretariat)


@pytest.mark.parametrize(
    "owner, due, message",
    [
        ("", "not a date", "Enter a valid date."),
        ("", "", "This field is required."),
        ("", "2099-01-01", "Choose a date within a year of the talk."),
        ("outsider", None, "Select a valid choice."),
        ("member_other", None, "Select a valid choice."),
    ],
)
def test_bad_item_input_is_explained_and_nothing_changes(
    member_client, talk, people, owner, due, message
):
    member_client.get(page(talk))
    report = item(talk, Kind.SUMMARY_REPORT)
    owners = {"outsider": UserFactory().pk, "member_other": people.member_other.pk, "": ""}
    prefix = f"item-{report.pk}"
    data = {
        f"{prefix}-owner": owners[owner],
        f"{prefix}-due": geneva_day(talk.end).isoformat() if due is None else due,
    }
    response = member_client.post(f"{page(talk)}{report.pk}/", data)
    assert response.status_code == 200
    assert "Please correct the fields marked below." in response.text and message in response.text
    report.refresh_from_db()
    assert (report.owner, report.offset_days) == (None, 28)


def test_organisers_add_and_remove_their_own_items(member_client, talk):
    due = geneva_day(talk.start) - timedelta(days=2)
    response = member_client.post(
        f"{page(talk)}add/",
        {"new-title": "Book interpreters", "new-due": due.isoformat()},
        follow=True,
    )
    assert "“Book interpreters” is added." in texts(response)
    assert states(response)["Book interpreters"] == ("open", due)
    extra = ChecklistItem.objects.get(kind=Kind.OTHER)
    bad = member_client.post(f"{page(talk)}add/", {"new-title": "", "new-due": due.isoformat()})
    assert bad.status_code == 200 and "This field is required." in bad.text
    assert ChecklistItem.objects.filter(kind=Kind.OTHER).count() == 1
    concept = item(talk, Kind.CONCEPT_NOTE)
    response = member_client.post(f"{page(talk)}{concept.pk}/remove/", follow=True)
    assert "Only the items you added can be removed." in texts(response)[0]
    member_client.post(f"{page(talk)}{extra.pk}/remove/")
    assert not ChecklistItem.objects.filter(kind=Kind.OTHER).exists()
    assert AuditEntry.objects.filter(action="checklistitem.delete").count() == 1


def test_only_the_talks_organisers_reach_the_checklist(client, talk, people):
    client.force_login(people.member)
    client.get(page(talk))
    concept = item(talk, Kind.CONCEPT_NOTE)
    urls = [
        (client.get, page(talk)),
        (client.post, f"{page(talk)}add/"),
        (client.post, f"{page(talk)}{concept.pk}/"),
        (client.post, f"{page(talk)}{concept.pk}/done/"),
        (client.post, f"{page(talk)}{concept.pk}/remove/"),
    ]
    for person in (UserFactory(), people.member_other):
        client.force_login(person)
        for call, url in urls:
            assert call(url).status_code == 403
    client.logout()
    for call, url in urls:
        assert call(url).status_code == 302
    client.force_login(people.secretariat)
    assert client.get(page(talk)).status_code == 200
    other = organised(people.other_workstream)
    client.force_login(people.member)
    assert client.post(f"{page(other)}{concept.pk}/done/").status_code == 403
    client.force_login(people.secretariat)
    assert client.post(f"{page(other)}{concept.pk}/done/").status_code == 404  # not its item
    assert item(talk, Kind.CONCEPT_NOTE).done_at is None


# Reminders.


def test_owners_are_reminded_once_a_day(member_client, talk, people):
    member_client.get(page(talk))
    ChecklistItem.objects.filter(talk=talk, kind=Kind.BRIEFING_PACK).update(owner=people.member)
    ChecklistItem.objects.filter(talk=talk, kind=Kind.RECORDING).update(owner=people.member)
    pack_due = goes(talk)
    assert checklist_remind(now=pack_due - timedelta(days=4)) == 0  # not yet
    assert checklist_remind(now=pack_due - timedelta(days=1)) == 1  # due within two days
    assert checklist_remind(now=pack_due - timedelta(days=1, minutes=-5)) == 0  # same day
    assert checklist_remind(now=pack_due + timedelta(days=1)) == 1  # next day: overdue
    mails = OutgoingMail.objects.filter(to=people.member.email).order_by("id")
    due = date_format(geneva_day(pack_due), "j F Y")
    assert [m.subject for m in mails] == [
        f"Due on {due}: Briefing pack – Fair recruitment",
        "Overdue: Briefing pack – Fair recruitment",
    ]
    assert f"/manage/talks/{talk.slug}/checklist/" in mails[1].text
    ChecklistItem.objects.filter(talk=talk, kind=Kind.BRIEFING_PACK).update(done_at=pack_due)
    assert checklist_remind(now=pack_due + timedelta(days=2)) == 0
    assert AuditEntry.objects.filter(action="checklistitem.remind").count() == 2


def test_items_without_owner_or_of_postponed_talks_send_nothing(talk, people, capsys):
    Talk.objects.filter(pk=talk.pk).update(start=in_days(5), end=in_days(5) + timedelta(hours=1))
    call_command("send_checklist_reminders")  # saves the defaults, without owners
    assert "0 checklist reminders queued" in capsys.readouterr().out
    ChecklistItem.objects.filter(talk=talk).update(owner=people.member)
    Talk.objects.filter(pk=talk.pk).update(status=Talk.Status.POSTPONED)
    assert checklist_remind() == 0
    Talk.objects.filter(pk=talk.pk).update(status=Talk.Status.PUBLISHED)
    assert checklist_remind() == 2  # the concept note (nine days late) and the pack (in two)


# The dashboard and the talk's workspace page.


def test_overdue_items_show_on_the_dashboard_of_their_organisers(client, talk, people):
    Talk.objects.filter(pk=talk.pk).update(start=in_days(5), end=in_days(5) + timedelta(hours=1))
    organised(
        people.other_workstream,
        slug="climate-talk",
        title="Climate talk",
        start=in_days(40),
        end=in_days(40) + timedelta(hours=1),
    )
    for person, shown in (
        (people.member, True),
        (people.member_other, False),
        (people.secretariat, True),
    ):
        client.force_login(person)
        response = client.get("/manage/")
        overdue = response.text.split('id="overdue-heading"')
        assert (len(overdue) == 2) == shown
        if shown:
            block = overdue[1].split("</section>")[0]
            assert "Fair recruitment" in block and "Concept note" in block
            assert "Climate talk" not in block


def test_the_talk_workspace_page_shows_pack_and_checklist(client, talk, people):
    client.force_login(people.member)
    response = client.get(f"/manage/talks/{talk.slug}/")
    assert "It goes to confirmed registrants 3 days before the start" in response.text
    assert "Publication checklist" in response.text and "Summary report" in response.text
    assert f"/manage/talks/{talk.slug}/briefing/" in response.text


def test_checklist_page_queries_do_not_grow_with_items(member_client, talk):
    member_client.get(page(talk))
    counts = []
    for total in (1, 40):
        ChecklistItem.objects.filter(kind=Kind.OTHER).delete()
        for n in range(total):
            ChecklistItem.objects.create(talk=talk, kind=Kind.OTHER, title=f"Task {n}")
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(page(talk))
        assert len(response.context["rows"]) == 4 + total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_dashboard_overdue_queries_do_not_grow_with_talks(client, staff):
    client.force_login(staff)
    counts = []
    for total in (1, 60):
        Talk.objects.all().delete()
        bulk_talks(total)
        Talk.objects.update(start=in_days(2), end=in_days(2) + timedelta(hours=1))  # all late
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/manage/")
        assert response.text.count("<td><bdi>Concept note</bdi></td>") == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
