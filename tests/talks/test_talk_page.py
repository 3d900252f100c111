import re

import pytest

from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory

pytestmark = pytest.mark.django_db


def text(response):
    """The page as a reader sees it: without tags."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_the_talk_page_shows_both_zones(client, seed):
    response = client.get("/talks/climate-change-migration-arab-region/")
    assert "11:00–13:00 Geneva time (CEST, UTC+2)" in text(response)
    assert "12:00–14:00 Cairo time (EEST, UTC+3)" in text(response)
    assert 'data-start="2023-10-26T09:00:00+00:00"' in response.content.decode()


def test_clock_times_stay_left_to_right_in_arabic(client, seed):
    page = client.get("/ar/talks/climate-change-migration-arab-region/").content.decode()
    assert '<bdi dir="ltr">11:00–13:00</bdi>' in page


def test_a_geneva_talk_shows_one_zone(client, seed):
    page = text(client.get("/talks/rtc-africa-2024/"))
    assert "14:00–16:30 Geneva time (CET, UTC+1)" in page
    assert page.count("Geneva time") == 1


def test_add_to_calendar_links(client, seed):
    page = client.get("/talks/rtc-africa-2024/").content.decode()
    assert 'href="/talks/rtc-africa-2024/calendar.ics"' in page
    assert "dates=20240129T130000Z%2F20240129T153000Z" in page
    assert "startdt=2024-01-29T13%3A00%3A00Z" in page


def test_chatham_house_and_member_states_notice(client, seed):
    page = client.get("/talks/peer-learning-ending-child-detention/").content.decode()
    assert "Chatham House Rule" in page
    assert "neither the identity nor the affiliation of the speaker(s)" in page
    assert "Member States only" in page


def test_youth_talk_notice(client, seed):
    page = client.get("/talks/youth-consultation-child-immigration-detention/").content.decode()
    assert "open to participants under 30 years old" in page


def test_cancelled_talks_say_so(client):
    TalkFactory(slug="called-off", status=Talk.Status.CANCELLED)
    assert "This talk will not take place." in client.get("/talks/called-off/").content.decode()


def test_an_unknown_talk_gives_a_404_page(client, seed):
    response = client.get("/talks/no-such-talk/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_draft_is_hidden_from_the_public_but_not_from_staff(client, staff):
    TalkFactory(slug="not-yet", status=Talk.Status.DRAFT)
    assert client.get("/talks/not-yet/").status_code == 404
    client.force_login(staff)
    assert client.get("/talks/not-yet/").status_code == 200


def test_a_bad_method_is_refused_cleanly(client, seed):
    assert client.post("/talks/rtc-africa-2024/").status_code == 405
