"""Item 7: the registrants of a held talk hear by mail, through a real SMTP server, when its
recording is published; each person once, and only those entitled to see it."""

from io import StringIO

import pytest
from django.core.management import call_command

from gcmtalks.core.models import Access
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.recordings.announce import announce_outcomes
from gcmtalks.recordings.services import recording_publish
from gcmtalks.registrations.models import Registration
from tests.factories import in_days
from tests.recordings.conftest import held, member_state, recording_of, registration
from tests.smtp import run_tasks

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("smtp_settings"),
]
Status = Registration.Status


@pytest.fixture
def registrants(talk):
    """Who registered for the held talk, by what became of their registration."""
    return {
        "confirmed": registration(talk, 1),
        "attended": registration(talk, 2, status=Status.ATTENDED, locale="fr"),
        "member_state": registration(talk, 3, member_state=member_state()),
        "cancelled": registration(talk, 4, status=Status.CANCELLED),
        "waitlisted": registration(talk, 5, status=Status.WAITLISTED),
        "declined": registration(talk, 6, status=Status.DECLINED),
    }


def received(mail_server) -> list[str]:
    return sorted(message["To"] for message in mail_server.received)


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_publishing_tells_each_taking_part_registrant_once(talk, registrants, member, mail_server):
    recording = recording_of(talk)
    recording_publish(recording=recording, by=member)
    run_tasks()
    assert received(mail_server) == [
        "person1@example.org",
        "person2@example.org",
        "person3@example.org",
    ]
    message = next(m for m in mail_server.received if m["To"] == "person1@example.org")
    assert message["Subject"] == "Recording available: Fair recruitment in practice"
    text = body(message)
    assert "Hello Person 1," in text
    assert "Watch it: https://www.youtube.com/watch?v=dQw4w9WgXcQ" in text
    assert f"/talks/{talk.slug}/" in text and "/registrations/" in text
    assert "Geneva time" in text

    # Run again, by the task and by cron: nobody hears twice.
    assert announce_outcomes(talk_id=talk.pk) == 0
    out = StringIO()
    call_command("announce_outcomes", stdout=out)
    assert out.getvalue().startswith("0 announcements queued")
    run_tasks()
    assert len(mail_server.received) == 3


def test_announcement_in_the_registrants_language(talk, registrants, member, mail_server):
    recording_publish(recording=recording_of(talk), by=member)
    run_tasks()
    mail = OutgoingMail.objects.get(to="person2@example.org")
    assert mail.language == "fr" and f"/fr/talks/{talk.slug}/" in mail.text
    assert mail.key == f"outcome:recording:{registrants['attended'].pk}"


@pytest.mark.parametrize(
    ("access", "told"),
    [
        (Access.REGISTRANTS, ["person1@example.org", "person2@example.org", "person3@example.org"]),
        (Access.MEMBER_STATES, ["person3@example.org"]),
        (Access.ORGANISERS, []),
    ],
)
def test_restricted_recording_told_only_to_those_who_may_see_it(
    workstream, member, mail_server, access, told
):
    talk = held(workstream, chatham_house=True)
    registration(talk, 1)
    registration(talk, 2, status=Status.ATTENDED)
    registration(talk, 3, member_state=member_state())
    recording_publish(
        recording=recording_of(talk, access=access, transcript_access=access), by=member
    )
    run_tasks()
    assert received(mail_server) == told
    for message in mail_server.received:
        assert "open your registration's link below first" in body(message)


def test_recording_published_during_the_talk_is_told_after_it_by_cron(
    workstream, member, mail_server
):
    talk = held(workstream, start=in_days(0, hour=0), end=in_days(1, hour=23))
    registration(talk, 1)
    recording_publish(recording=recording_of(talk), by=member)
    run_tasks()
    assert mail_server.received == []
    talk.end = in_days(-1)
    talk.save()
    out = StringIO()
    call_command("announce_outcomes", stdout=out)
    assert out.getvalue().startswith("1 announcements queued")
    run_tasks()
    assert received(mail_server) == ["person1@example.org"]


def test_cron_leaves_talks_held_long_ago_and_drafts(workstream, mail_server):
    old = held(workstream, start=in_days(-120))
    registration(old, 1)
    recording_of(old, status="published")
    draft = held(workstream)
    registration(draft, 2)
    recording_of(draft)
    call_command("announce_outcomes", stdout=StringIO())
    run_tasks()
    assert mail_server.received == []
    assert announce_outcomes(talk_id=old.pk) == 1  # asked for by name, it is still told


def test_published_summary_report_told_once_beside_the_recording(talk, registrants, mail_server):
    from gcmtalks.recordings.announce import report_model

    reports = report_model()
    if reports is None:
        pytest.skip("the summary reports app has no model yet")
    reports.objects.create(talk=talk, status="published")
    recording_of(talk, status="published")
    out = StringIO()
    call_command("announce_outcomes", stdout=out)
    assert out.getvalue().startswith("6 announcements queued")  # 3 people, 2 outcomes
    call_command("announce_outcomes", stdout=StringIO())
    run_tasks()
    subjects = sorted(
        m["Subject"] for m in mail_server.received if m["To"] == "person1@example.org"
    )
    assert subjects == [
        "Recording available: Fair recruitment in practice",
        "Summary report published: Fair recruitment in practice",
    ]
    report = next(m for m in mail_server.received if m["Subject"].startswith("Summary"))
    assert f"/talks/{talk.slug}/report/" in body(report)
