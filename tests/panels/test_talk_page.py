"""The panel and agenda on the public talk page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.panels.models import AgendaItem, Speaker
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, utc

from .conftest import AgendaItemFactory, SpeakerFactory, text_of

pytestmark = pytest.mark.django_db


def page_of(talk):
    return f"/talks/{talk.slug}/"


def test_the_talk_page_names_the_panel_without_those_who_declined(client, talk):
    SpeakerFactory(talk=talk, name="Amina Diallo", organisation="Diaspora Link",
                   role="moderator", confirmed=True)  # fmt: skip
    SpeakerFactory(talk=talk, name="Rosa Díaz", organisation="City of Quito")
    declined = SpeakerFactory(talk=talk, name="Hans Muster", confirmed=False)
    AgendaItemFactory(talk=talk, kind="panel", title="Recruitment fees", minutes=45,
                      with_speakers=[Speaker.objects.get(name="Rosa Díaz"), declined])  # fmt: skip
    text = text_of(client.get(page_of(talk)))
    assert "Panel and agenda" in text
    assert "Amina Diallo, Diaspora Link Moderator" in text
    assert "Rosa Díaz, City of Quito Panellist" in text
    assert "Panel: Recruitment fees Rosa Díaz" in text
    assert "Hans Muster" not in text
    assert "amina" not in text.lower().replace("amina diallo", "")  # no email address


def test_a_chatham_house_talk_page_names_nobody(client):
    talk = TalkFactory(chatham_house=True, audience=Talk.Audience.MEMBER_STATES)
    moderator = SpeakerFactory(talk=talk, name="Amina Diallo", organisation="Diaspora Link",
                               role="moderator")  # fmt: skip
    panellist = SpeakerFactory(talk=talk, name="Rosa Díaz", organisation="City of Quito")
    AgendaItemFactory(talk=talk, kind="opening", title="Welcome by Amina Diallo", minutes=10,
                      with_speakers=[moderator])  # fmt: skip
    AgendaItemFactory(talk=talk, kind="panel", starts_after=10, minutes=40,
                      with_speakers=[moderator, panellist])  # fmt: skip
    text = text_of(client.get(page_of(talk)))
    assert "Under the Chatham House Rule no speaker is named here" in text
    assert "Roles on the panel Moderator Panellist" in text
    assert "Opening Moderator" in text and "Panel Moderator, Panellist" in text
    for name in ("Amina", "Diallo", "Rosa", "Díaz", "Diaspora Link", "City of Quito", "Welcome"):
        assert name not in text


def test_a_talk_without_panel_or_agenda_shows_neither(client, talk):
    assert "Panel and agenda" not in text_of(client.get(page_of(talk)))
    SpeakerFactory(talk=talk, confirmed=False)  # declined: nobody to show
    assert "Panel and agenda" not in text_of(client.get(page_of(talk)))


def test_agenda_times_follow_the_change_to_summer_time(client):
    # Geneva moves its clocks from 02:00 CET to 03:00 CEST on Sunday 28 March 2027.
    talk = TalkFactory(start=utc(2027, 3, 28, 0, 30), end=utc(2027, 3, 28, 2, 30))
    AgendaItemFactory(talk=talk, kind="opening", starts_after=0, minutes=15)
    AgendaItemFactory(talk=talk, kind="panel", starts_after=15, minutes=45)
    AgendaItemFactory(talk=talk, kind="qa", starts_after=60, minutes=30)
    text = text_of(client.get(page_of(talk)))
    assert "Times are Geneva time (Europe/Zurich)." in text
    assert "01:30–01:45 CET Opening" in text
    assert "01:45 CET–03:30 CEST Panel" in text
    assert "03:30–04:00 CEST Questions and answers" in text


def test_agenda_times_are_in_the_talks_own_zone(client):
    talk = TalkFactory(timezone="Asia/Baku", start=utc(2030, 6, 3, 10), end=utc(2030, 6, 3, 11))
    AgendaItemFactory(talk=talk, kind="opening", minutes=10)
    text = text_of(client.get(page_of(talk)))
    assert "Times are Baku time (Asia/Baku)." in text and "14:00–14:10 UTC+4 Opening" in text


def test_the_talk_page_in_arabic_keeps_clock_times_left_to_right(client, talk):
    AgendaItemFactory(talk=talk, kind="opening", minutes=10)
    page = client.get(f"/ar{page_of(talk)}").content.decode()
    assert '<bdi dir="ltr">' in page and 'dir="rtl"' in page


def test_a_speakers_answer_refreshes_the_cached_talk_page(
    client, talk, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE_SECONDS = 600
    speaker = SpeakerFactory(talk=talk, name="Hans Muster")
    assert "Hans Muster" in text_of(client.get(page_of(talk)))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/speakers/{speaker.key}/", {"participation": "no", "recording": "no"})
    client.cookies.clear()  # an anonymous reader, served from the cache if it is still there
    assert "Hans Muster" not in text_of(client.get(page_of(talk)))


def queries_for(client, talk, count):
    Speaker.objects.all().delete()
    AgendaItem.objects.all().delete()
    speakers = [SpeakerFactory(talk=talk) for _n in range(count)]
    SpeakerFactory(talk=talk, confirmed=False)
    for n, speaker in enumerate(speakers):
        AgendaItemFactory(talk=talk, starts_after=n * 10, minutes=10, with_speakers=[speaker])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_of(talk))
    assert response.status_code == 200
    assert text_of(response).count("Migrant Forum") == count
    return len(queries)


def test_the_talk_page_costs_the_same_queries_for_1_and_8_speakers(client, talk):
    assert queries_for(client, talk, 1) == queries_for(client, talk, 8)
