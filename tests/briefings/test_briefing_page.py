"""The briefing pack's workspace page: editing (with bad input), preview, log, resending."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.briefings.models import BriefingDelivery, BriefingPack, ChecklistItem
from gcmtalks.briefings.services import briefings_send_due
from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from tests.briefings.conftest import concept_note, goes, registrant
from tests.factories import TwoFactorFactory, UserFactory

pytestmark = pytest.mark.django_db


def page(talk):
    return f"/manage/talks/{talk.slug}/briefing/"


def pack_data(**changes):
    return {
        "days_before": "5",
        "introduction": "We look forward to it.",
        "practices": "Toolkit | https://hub.example.org/toolkit",
        "pledges": "",
        **changes,
    }


def texts(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def member_client(client, people):
    client.force_login(people.member)
    return client


def test_organisers_edit_the_pack_and_it_is_audited(member_client, talk, people):
    response = member_client.post(page(talk), pack_data())
    assert response.status_code == 302
    pack = BriefingPack.objects.get(talk=talk)
    assert (pack.days_before, pack.introduction) == (5, "We look forward to it.")
    entry = AuditEntry.objects.get(action="briefingpack.create")
    assert entry.actor == people.member and entry.changes["days_before"] == [None, 5]
    response = member_client.get(page(talk))
    assert "It goes to confirmed registrants 5 days before the start" in response.text
    assert "Geneva time" in response.text


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"practices": "Toolkit | https://hub.example.org\nNo link here"}, "Line 2:"),
        ({"practices": " | https://hub.example.org"}, "Line 1: give a title"),
        ({"pledges": "Pledge | ftp://example.org/file"}, "Line 1: after the vertical bar"),
        ({"pledges": "Pledge | javascript:alert(1)"}, "Line 1: after the vertical bar"),
        ({"days_before": "61"}, "less than or equal to 60"),
        ({"days_before": "-1"}, "greater than or equal to 0"),
        ({"days_before": "three"}, "Enter a whole number"),
    ],
)
def test_bad_pack_input_is_explained_and_nothing_changes(
    member_client, talk, people, changes, message
):
    member_client.post(page(talk), pack_data(days_before="4"))
    before = BriefingPack.objects.values().get(talk=talk)
    response = member_client.post(page(talk), pack_data(introduction="Changed", **changes))
    assert response.status_code == 200
    assert "Please correct the fields marked below." in response.text
    assert message in response.text
    assert BriefingPack.objects.values().get(talk=talk) == before
    assert AuditEntry.objects.filter(action="briefingpack.change").count() == 0


def test_a_new_number_of_days_moves_the_checklist_item(member_client, talk):
    member_client.get(f"/manage/talks/{talk.slug}/checklist/")  # saves the defaults
    member_client.post(page(talk), pack_data(days_before="6"))
    item = ChecklistItem.objects.get(talk=talk, kind="briefing_pack")
    assert item.offset_days == -6


def test_the_preview_shows_the_mail_in_the_chosen_language(member_client, talk):
    member_client.post(page(talk), pack_data())
    concept_note(talk)
    response = member_client.get(page(talk))
    assert "We look forward to it." in response.text
    assert 'href="https://hub.example.org/toolkit"' in response.text
    assert "Why fair recruitment matters" in response.text
    french = member_client.get(page(talk) + "?language=fr")
    assert "Bonjour" in french.text and 'lang="fr"' in french.text
    nonsense = member_client.get(page(talk) + "?language=xx")
    assert nonsense.status_code == 200


def test_after_it_went_the_page_says_when_and_lists_who_got_it(member_client, talk):
    registrant(talk, 1)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    response = member_client.get(page(talk))
    assert "The pack went on" in response.text and "1 mail sent." in response.text
    assert "person1@example.org" in response.text and "By the schedule" in response.text
    assert "changes apply to the mails you send by hand" in response.text


def test_resend_to_one_registrant_is_logged_and_audited(
    member_client, talk, people, django_capture_on_commit_callbacks
):
    first = registrant(talk, 1)
    registrant(talk, 2)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    member_client.post(page(talk), pack_data(introduction="Updated words."))
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            page(talk) + "resend/", {"to": "one", "registration": first.pk}
        )
    assert response.status_code == 302
    delivery = BriefingDelivery.objects.get(manual=True)
    assert (delivery.registration, delivery.by) == (first, people.member)
    mail = OutgoingMail.objects.get(key=f"briefing:{first.pk}:manual:{delivery.pk}")
    assert "Updated words." in mail.text
    entry = AuditEntry.objects.get(action="briefingpack.resend")
    assert entry.actor == people.member
    assert entry.changes["sent_to"] == [None, "person1@example.org (1)"]
    page_text = member_client.get(page(talk)).text
    assert "By hand, by <bdi>Amina Diallo</bdi>" in page_text


def test_resend_to_all_confirmed_registrants(member_client, talk):
    for n in (1, 2):
        registrant(talk, n)
    registrant(talk, 3, status=Registration.Status.WAITLISTED)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    response = member_client.post(page(talk) + "resend/", {"to": "all"}, follow=True)
    assert "The briefing pack is being sent to 2 registrants." in texts(response)
    assert BriefingDelivery.objects.filter(manual=True).count() == 2
    assert OutgoingMail.objects.filter(to="person3@example.org").count() == 0


def test_resend_before_the_pack_went_or_to_someone_else_is_refused(member_client, talk):
    registration = registrant(talk, 1)
    response = member_client.post(page(talk) + "resend/", {"to": "all"}, follow=True)
    assert "The briefing pack has not gone yet" in texts(response)[0]
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    waiting = registrant(talk, 2, status=Registration.Status.WAITLISTED)
    for bad in (waiting.pk, "x", 999999):
        response = member_client.post(
            page(talk) + "resend/", {"to": "one", "registration": bad}, follow=True
        )
        assert "Choose one of the confirmed registrants." in texts(response)[0]
    assert BriefingDelivery.objects.filter(manual=True).count() == 0
    assert registration.briefing_deliveries.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_talks_organisers_reach_the_briefing_page(client, talk, people, method):
    call = getattr(client, method)
    assert call(page(talk)).status_code == 302  # to sign in
    for person, status in (
        (UserFactory(), 403),
        (people.member_other, 403),
        (people.member, 200),
        (people.secretariat, 200),
    ):
        client.force_login(person)
        data = {} if method == "get" else pack_data(days_before="x")
        assert call(page(talk), data).status_code == status
    # A missing talk: 404 for the secretariat, 403 for others (drafts' slugs stay unknown).
    assert call("/manage/talks/no-such-talk/briefing/").status_code == 404
    client.force_login(people.member)
    assert call("/manage/talks/no-such-talk/briefing/").status_code == 403
    resend = client.post(page(talk) + "resend/", {"to": "all"})
    assert resend.status_code == 302
    client.force_login(people.member_other)
    assert client.post(page(talk) + "resend/", {"to": "all"}).status_code == 403


def test_without_two_factors_the_page_asks_for_them(client, talk, people):
    person = TwoFactorFactory(mfa=False)
    people.workstream.members.add(person)
    client.force_login(person)
    response = client.get(page(talk))
    assert response.status_code == 302 and "totp" in response["Location"]


def test_briefing_page_queries_do_not_grow_with_deliveries(member_client, talk):
    counts = []
    for total in (1, 30):
        BriefingDelivery.objects.all().delete()
        Registration.objects.all().delete()
        for n in range(total):
            registrant(talk, n)
        briefings_send_due(now=goes(talk) + timedelta(minutes=1))
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(page(talk))
        assert response.status_code == 200
        assert len(response.context["deliveries"]) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
