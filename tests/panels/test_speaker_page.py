"""The speaker's personal link: the invitation mail, the page it opens, the answers."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gcmtalks.core.models import AuditEntry
from gcmtalks.panels.models import Speaker
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days, utc
from tests.smtp import run_tasks

from .conftest import AgendaItemFactory, SpeakerFactory, messages_of, text_of

pytestmark = pytest.mark.django_db


def invite_url(speaker):
    return f"/manage/talks/{speaker.talk.slug}/panel/speakers/{speaker.pk}/invite/"


def page_of(speaker):
    return f"/speakers/{speaker.key}/"


def link_in(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/speakers/\S+/", body).group(0)


@pytest.mark.usefixtures("smtp_settings")
def test_the_invitation_arrives_with_the_personal_link_and_can_be_sent_again(
    member_client, talk, mail_server, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory(talk=talk, name="Amina Diallo", email="amina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(invite_url(speaker), follow=True)
    assert messages_of(response) == ["The personal link is being sent to Amina Diallo."]
    run_tasks()
    (mail,) = mail_server.received
    assert mail["To"] == "amina@example.org"
    assert mail["Subject"] == "Your part in the GCM Talk: Fair recruitment"
    body = mail.get_body(("plain",)).get_content()
    assert "Hello Amina Diallo," in body and "as panellist" in body and "UTC" in body
    assert link_in(mail).endswith(page_of(speaker))
    speaker.refresh_from_db()
    first_sent = speaker.invited_at
    assert first_sent is not None and speaker.invitations == 1
    assert "Sent " in text_of(member_client.get(f"/manage/talks/{talk.slug}/panel/"))

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(invite_url(speaker))
    run_tasks()
    assert len(mail_server.received) == 2
    speaker.refresh_from_db()
    assert speaker.invitations == 2 and speaker.invited_at >= first_sent
    assert AuditEntry.objects.filter(action="speaker.invite").count() == 2


@pytest.mark.usefixtures("smtp_settings")
def test_the_invitation_is_in_the_speakers_language(
    member_client, talk, mail_server, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory(talk=talk, locale="fr")
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(invite_url(speaker))
    run_tasks()
    (mail,) = mail_server.received
    assert f"/fr/speakers/{speaker.key}/" in link_in(mail)


def test_no_invitation_without_an_email_address(member_client, talk):
    speaker = SpeakerFactory(talk=talk, email="")
    response = member_client.post(invite_url(speaker), follow=True)
    assert messages_of(response) == ["Nothing was changed. Add the speaker's email address first."]
    speaker.refresh_from_db()
    assert speaker.invited_at is None and not AuditEntry.objects.exists()


def test_no_invitation_once_the_talk_has_started(member_client, talk):
    talk.start = timezone.now() - timedelta(minutes=5)
    talk.save()
    speaker = SpeakerFactory(talk=talk)
    response = member_client.post(invite_url(speaker), follow=True)
    assert "The talk has started" in messages_of(response)[0]
    speaker.refresh_from_db()
    assert speaker.invited_at is None


# The page.


def test_the_speakers_page_shows_the_talk_their_role_and_their_slots(client, talk):
    talk.start, talk.end = utc(2030, 1, 8, 14), utc(2030, 1, 8, 15, 30)  # 15:00 CET
    talk.save()
    speaker = SpeakerFactory(talk=talk, name="Amina Diallo", role="keynote")
    AgendaItemFactory(talk=talk, kind="opening", starts_after=0, minutes=10)
    AgendaItemFactory(talk=talk, kind="panel", title="Fees", starts_after=10, minutes=40,
                      with_speakers=[speaker])  # fmt: skip
    response = client.get(page_of(speaker))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    text = text_of(response)
    assert "Fair recruitment" in text and "Online" in text and "Keynote speaker" in text
    assert "Tuesday 8 January 2030" in text
    assert "15:00–16:30 Geneva time (CET, UTC+1)" in text
    assert "15:10–15:50 CET · Panel: Fees" in text and "Opening" not in text
    assert "Times are Geneva time (Europe/Zurich)." in text
    assert "Will you take part in this talk?" in text and "Do you agree to be recorded?" in text
    assert "published on the talk's page" in text
    assert "Chatham House Rule" not in text


def test_an_unknown_key_is_not_found(client, talk):
    SpeakerFactory(talk=talk)
    assert client.get("/speakers/not-a-key/").status_code == 404
    assert client.post("/speakers/not-a-key/", {"participation": "yes"}).status_code == 404


def test_the_speaker_confirms_and_consents_and_the_organisers_see_it(
    client, member_client, talk, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory(talk=talk, name="Amina Diallo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_of(speaker), {"participation": "yes", "recording": "yes"})
    assert response.status_code == 302 and response["Cache-Control"] == "no-store"
    response = client.get(response["Location"])
    assert messages_of(response) == ["Thank you: your answers are saved."]
    assert "You answered on" in text_of(response)
    speaker.refresh_from_db()
    assert speaker.confirmed is True and speaker.recording_consent is True
    assert speaker.answered_at is not None
    entry = AuditEntry.objects.get(action="speaker.answer")
    assert entry.actor is None
    assert entry.changes == {"confirmed": [None, True], "recording_consent": [None, True]}
    panel = text_of(member_client.get(f"/manage/talks/{talk.slug}/panel/"))
    assert "Amina Diallo Migrant Forum — — Panellist Confirmed answered" in panel
    assert "Agrees to be recorded" in panel
    # The speaker may change their mind until the talk starts.
    client.post(page_of(speaker), {"participation": "no", "recording": "no"})
    speaker.refresh_from_db()
    assert speaker.confirmed is False and speaker.recording_consent is False
    assert "Declined" in text_of(member_client.get(f"/manage/talks/{talk.slug}/panel/"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Please say whether you will take part."),
        ({"participation": "yes"}, "Please say whether you agree to be recorded."),
        ({"participation": "maybe", "recording": "yes"}, "Select a valid choice."),
    ],
)
def test_answers_with_bad_input_are_not_saved(client, talk, data, message):
    speaker = SpeakerFactory(talk=talk)
    response = client.post(page_of(speaker), data)
    assert response.status_code == 422 and response["Cache-Control"] == "no-store"
    assert message in text_of(response)
    speaker.refresh_from_db()
    assert speaker.confirmed is None and speaker.answered_at is None
    assert not AuditEntry.objects.exists()


def test_the_page_is_closed_once_the_talk_has_started(client, talk):
    speaker = SpeakerFactory(talk=talk, confirmed=True, recording_consent=False)
    Talk.objects.filter(pk=talk.pk).update(start=timezone.now() - timedelta(minutes=1))
    response = client.get(page_of(speaker))
    text = text_of(response)
    assert "The talk has started: the answers can no longer be changed." in text
    assert "You do not agree to be recorded" in text and "Save my answers" not in text
    response = client.post(page_of(speaker), {"participation": "no", "recording": "yes"})
    assert response.status_code == 409
    speaker.refresh_from_db()
    assert speaker.confirmed is True and speaker.recording_consent is False
    assert not AuditEntry.objects.exists()


def test_the_page_of_a_cancelled_talk_is_closed(client):
    talk = TalkFactory(status=Talk.Status.CANCELLED, start=in_days(3))
    speaker = SpeakerFactory(talk=talk)
    assert "This talk is cancelled." in text_of(client.get(page_of(speaker)))


def test_a_chatham_house_talk_says_so_and_what_its_recording_is_for(client):
    talk = TalkFactory(chatham_house=True, audience=Talk.Audience.MEMBER_STATES)
    speaker = SpeakerFactory(talk=talk)
    text = text_of(client.get(page_of(speaker)))
    assert "This talk is held under the Chatham House Rule" in text
    assert "Your name is therefore not shown on the talk's public page." in text
    assert "never published" in text


def test_the_page_opens_in_the_speakers_language(client, talk):
    speaker = SpeakerFactory(talk=talk)
    response = client.get(f"/fr/speakers/{speaker.key}/")
    assert response.status_code == 200
    assert response.content.decode().count('lang="fr"') >= 1
    assert Speaker.objects.get().confirmed is None
