"""The briefing pack goes once to each confirmed registrant, at its time, in their language."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from gcmtalks.briefings.models import BriefingDelivery, BriefingPack
from gcmtalks.briefings.services import briefings_send_due, pack_save
from gcmtalks.core.models import Access
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from tests.briefings.conftest import a_member_state, concept_note, goes, registrant
from tests.smtp import run_tasks

pytestmark = pytest.mark.django_db  # the SMTP test runs in real transactions
Status = Registration.Status
SITE = settings.SITE_URL
PRACTICES = "Fair recruitment toolkit | https://hub.example.org/toolkit\n\nZero fees | https://hub.example.org/zero"


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("smtp_settings")
def test_pack_reaches_each_confirmed_registrant_once_at_its_time(talk, people, mail_server):
    pack_save(
        talk=talk,
        by=people.member,
        days_before=3,
        introduction="Welcome, all.",
        practices=PRACTICES,
        pledges="",
    )
    note = concept_note(talk)
    registrant(talk, 1)
    registrant(talk, 2, locale="fr")
    for n, status in enumerate(
        (Status.WAITLISTED, Status.CANCELLED, Status.PENDING_EMAIL, Status.PENDING_APPROVAL), 3
    ):
        registrant(talk, n, status=status)

    assert briefings_send_due(now=goes(talk) - timedelta(minutes=1)) == 0
    assert briefings_send_due(now=goes(talk) + timedelta(minutes=1)) == 2
    assert briefings_send_due(now=goes(talk) + timedelta(minutes=6)) == 0
    run_tasks()

    received = {message["To"]: message for message in mail_server.received}
    assert sorted(received) == ["person1@example.org", "person2@example.org"]
    english = body(received["person1@example.org"])
    assert "Hello Person 1," in english and "Welcome, all." in english
    link = f"/talks/{talk.slug}/documents/{note.pk}"
    assert f"Why fair recruitment matters: {SITE}{link}/en/" in english
    assert "from 30 minutes before the start" in english
    assert "/registrations/" in english  # the personal page, where the join link appears
    assert "Fair recruitment toolkit: https://hub.example.org/toolkit" in english
    assert "Zero fees: https://hub.example.org/zero" in english
    assert "Geneva time" in english
    html = received["person1@example.org"].get_body(("html",)).get_content()
    assert 'href="https://hub.example.org/toolkit"' in html
    french = received["person2@example.org"]
    assert french["Content-Language"] == "fr"
    assert "Bonjour Person 2," in body(french) and "heure de Genève" in body(french)
    assert f"{SITE}/fr{link}/fr/" in body(french)  # the French version, in French
    assert BriefingPack.objects.get(talk=talk).sent_at is not None

    # Someone confirmed later gets it; nobody gets it after the start.
    Registration.objects.filter(email="person3@example.org").update(status=Status.CONFIRMED)
    assert briefings_send_due(now=goes(talk) + timedelta(hours=5)) == 1
    registrant(talk, 9)
    assert briefings_send_due(now=talk.start + timedelta(minutes=1)) == 0
    run_tasks()
    assert sorted(m["To"] for m in mail_server.received) == [
        "person1@example.org",
        "person2@example.org",
        "person3@example.org",
    ]


def sent_text(email) -> str:
    return OutgoingMail.objects.get(to=email).text


def test_pack_goes_with_the_default_days_when_never_edited(talk):
    registrant(talk, 1)
    assert briefings_send_due(now=goes(talk, 3) - timedelta(minutes=1)) == 0
    assert briefings_send_due(now=goes(talk, 3) + timedelta(minutes=1)) == 1
    assert BriefingDelivery.objects.get().by is None


def test_pack_days_before_decide_when_it_goes(talk, people):
    pack_save(talk=talk, by=people.member, days_before=7, introduction="", practices="", pledges="")
    registrant(talk, 1)
    assert briefings_send_due(now=goes(talk, 7) - timedelta(minutes=1)) == 0
    assert briefings_send_due(now=goes(talk, 7) + timedelta(minutes=1)) == 1


def test_drafts_and_postponed_talks_get_no_pack(talk):
    registrant(talk, 1)
    for status in (Talk.Status.DRAFT, Talk.Status.POSTPONED, Talk.Status.CANCELLED):
        Talk.objects.filter(pk=talk.pk).update(status=status)
        assert briefings_send_due(now=goes(talk) + timedelta(minutes=1)) == 0


def test_member_state_documents_go_only_to_member_state_registrants(talk):
    concept_note(talk, title="Public note")
    concept_note(talk, title="For governments", access=Access.MEMBER_STATES)
    concept_note(talk, title="Organisers only", access=Access.ORGANISERS)
    concept_note(talk, title="Draft note", status="draft")
    registrant(talk, 1)
    registrant(talk, 2, member_state=a_member_state())
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    civil, government = sent_text("person1@example.org"), sent_text("person2@example.org")
    assert "Public note" in civil and "For governments" not in civil
    assert "Public note" in government and "For governments" in government
    for text in (civil, government):
        assert "Organisers only" not in text and "Draft note" not in text


def test_a_registrants_only_link_in_the_pack_opens_without_a_session(talk, client):
    note = concept_note(talk, title="For registrants", access=Access.REGISTRANTS)
    registrant(talk, 1)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    link = re.search(
        r"https?://[^/\s]+(/talks/\S+/documents/\S+)", sent_text("person1@example.org")
    ).group(1)
    assert f"/documents/{note.pk}/en/?r=" in link
    assert Client().get(link.split("?")[0]).status_code == 404  # not without the token
    assert "Text (en)" in client.get(link).content.decode()


def test_the_registrant_language_version_is_preferred_else_english(talk):
    concept_note(talk, languages=("en", "es"), title="Note")
    registrant(talk, 1, locale="es")
    registrant(talk, 2, locale="ru")
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    assert "- Note: http" in sent_text("person1@example.org")  # Spanish, said no more
    with translation.override("ru"):
        english = str(dict(settings.LANGUAGES)["en"])
    assert f"- Note ({english}): http" in sent_text("person2@example.org")


def test_in_person_registrants_read_the_venue(talk):
    Talk.objects.filter(pk=talk.pk).update(
        format=Talk.Format.HYBRID, venue="Palais des Nations", city="Geneva"
    )
    registrant(talk, 1, attendance_mode=Registration.Mode.IN_PERSON)
    registrant(talk, 2)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    in_person, online = sent_text("person1@example.org"), sent_text("person2@example.org")
    assert "You take part in person: Palais des Nations, Geneva." in in_person
    assert "minutes before the start" not in in_person
    assert "from 30 minutes before the start" in online


def test_chatham_house_talks_carry_the_rule(talk):
    registrant(talk, 1)
    Talk.objects.filter(pk=talk.pk).update(chatham_house=True)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    assert "neither the identity nor the affiliation of the speaker(s)" in sent_text(
        "person1@example.org"
    )


def test_the_command_sends_what_is_due(talk, capsys):
    Talk.objects.filter(pk=talk.pk).update(
        start=talk.start - timedelta(days=28), end=talk.end - timedelta(days=28)
    )  # two days from now: due
    registrant(talk, 1)
    call_command("send_briefing_packs")
    assert "1 briefing packs queued" in capsys.readouterr().out
    assert OutgoingMail.objects.filter(key=f"briefing:{Registration.objects.get().pk}").exists()
