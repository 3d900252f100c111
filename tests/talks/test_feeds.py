import pytest
from icalendar import Calendar

from gcmtalks.talks.forms import TalkForm
from gcmtalks.talks.models import Talk
from gcmtalks.talks.services import talk_save
from tests.factories import TalkFactory, utc
from tests.query_counts import queries_for_1_and_many

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_full_feed_has_every_published_talk_in_utc(client, seed):
    TalkFactory(status=Talk.Status.DRAFT)
    found = {
        str(e["SUMMARY"]): (e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in events(client.get("/calendar.ics"))
    }
    assert len(found) == 22
    assert found[
        "Climate change and migration in the Arab Region: Just transition and labour mobility as an adaptation strategy"
    ] == (utc(2023, 10, 26, 9), utc(2023, 10, 26, 11))
    body = client.get("/calendar.ics").content.decode()
    assert "DTSTART:20230227T140000Z" in body


def test_events_say_languages_audience_and_have_stable_uids(client, seed):
    talk = Talk.objects.get(slug="right-to-liberty")
    (event,) = events(client.get("/talks/right-to-liberty/calendar.ics"))
    assert str(event["UID"]) == f"talk-{talk.pk}@gcmtalks"
    description = str(event["DESCRIPTION"])
    assert "Interpretation: Arabic, English, French" in description
    assert "Audience: Member States only" in description
    assert "Chatham House Rule" in description


def test_a_time_change_raises_sequence_and_cancelling_says_cancelled(client, staff):
    from gcmtalks.api.talks import form_data

    talk = TalkFactory(slug="moving", start=utc(2026, 6, 1, 12), end=utc(2026, 6, 1, 13, 30))
    talk = talk_save(
        form=TalkForm(
            {**form_data(talk), "start": "2026-06-02T12:00:00Z", "end": ""}, instance=talk
        ),
        by=staff,
    )
    (event,) = events(client.get("/talks/moving/calendar.ics"))
    assert event["SEQUENCE"] == 1
    talk_save(form=TalkForm({**form_data(talk), "status": "cancelled"}, instance=talk), by=staff)
    (event,) = events(client.get("/talks/moving/calendar.ics"))
    assert event["SEQUENCE"] == 2 and str(event["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(
    "url, count",
    [
        ("/regions/arab-states/calendar.ics", 3),
        ("/series/gcm-indicators-regional-consultations-2023/calendar.ics", 5),
        ("/workstreams/alternatives-to-detention/calendar.ics", 3),
        ("/calendar.ics?language=ru", 3),
    ],
)
def test_feeds_per_region_series_and_workstream(client, seed, url, count):
    assert len(events(client.get(url))) == count


@pytest.mark.parametrize("url", ["/regions/atlantis/calendar.ics", "/talks/none/calendar.ics"])
def test_unknown_feeds_are_404(client, seed, url):
    assert client.get(url).status_code == 404


def test_etag_and_last_modified_give_304(client, seed, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    first = client.get("/calendar.ics")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get("/calendar.ics", headers={"If-None-Match": first["ETag"]}).status_code == 304
    since = client.get("/calendar.ics", headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    assert client.get("/calendar.ics", headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_atom_feed_lists_changed_talks(client, seed):
    response = client.get("/feeds/talks.atom")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("<?xml") and "<feed" in body and body.count("<entry>") == 22


def test_the_ics_feed_costs_the_same_queries_for_1_and_500_talks(client):
    one, many, response = queries_for_1_and_many(client, "/calendar.ics", 500)
    assert many == one and len(events(response)) == 500


def test_conditional_requests_work_without_the_cache(client, seed):
    first = client.get("/talks/rtc-europe-2024/calendar.ics")
    assert first["ETag"]
    again = client.get(
        "/talks/rtc-europe-2024/calendar.ics", headers={"If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304


def test_atom_entries_give_the_geneva_date_and_time(client, seed):
    body = client.get("/feeds/talks.atom").content.decode()
    assert "12 October 2023, 14:15–16:10 Geneva time (CEST, UTC+2)" in body


def test_the_atom_feed_costs_the_same_queries_for_1_and_50_talks(client):
    one, many, response = queries_for_1_and_many(client, "/feeds/talks.atom", 50)
    assert many == one and response.content.decode().count("<entry>") == 50
