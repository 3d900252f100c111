import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.models import Talk
from gcmtalks.talks.seed import load_seed_calendar
from tests.factories import utc

pytestmark = pytest.mark.django_db

# (slug, UTC start, UTC end): Geneva time unless the page names Baku or Cairo.
EXPECTED = [
    ("measuring-progress-gcm-indicators", utc(2023, 2, 27, 14), utc(2023, 2, 27, 15, 30)),
    ("saving-lives-humanitarian-assistance", utc(2023, 3, 23, 14), utc(2023, 3, 23, 15, 30)),
    ("migrants-and-discrimination", utc(2023, 4, 27, 13), utc(2023, 4, 27, 14, 30)),
    ("youth-consultation-child-immigration-detention", utc(2023, 5, 8, 12, 30), utc(2023, 5, 8, 14, 15)),
    ("leave-no-one-behind-universal-health-coverage", utc(2023, 5, 16, 12), utc(2023, 5, 16, 13, 30)),
    ("peer-learning-ending-child-detention", utc(2023, 5, 24, 12, 30), utc(2023, 5, 24, 15, 30)),
    ("remittances-diaspora-sdgs", utc(2023, 5, 25, 13), utc(2023, 5, 25, 14, 30)),
    ("addressing-smuggling-of-migrants", utc(2023, 6, 22, 13), utc(2023, 6, 22, 14, 30)),
    ("gcm-indicators-africa", utc(2023, 7, 24, 12), utc(2023, 7, 24, 14, 30)),
    ("gcm-indicators-arab-states", utc(2023, 7, 25, 12), utc(2023, 7, 25, 14, 30)),
    ("gcm-indicators-asia-pacific", utc(2023, 7, 26, 8), utc(2023, 7, 26, 10, 30)),
    ("gcm-indicators-grulac", utc(2023, 7, 27, 13), utc(2023, 7, 27, 15, 30)),
    ("gcm-indicators-europe-north-america", utc(2023, 7, 28, 12), utc(2023, 7, 28, 14, 30)),
    ("migration-adaptation-climate-change", utc(2023, 9, 7, 13), utc(2023, 9, 7, 14, 30)),
    ("right-to-liberty", utc(2023, 9, 25, 11), utc(2023, 9, 25, 12, 30)),
    ("almaty-process-regional-cooperation", utc(2023, 10, 12, 12, 15), utc(2023, 10, 12, 14, 10)),
    ("climate-change-migration-arab-region", utc(2023, 10, 26, 9), utc(2023, 10, 26, 11)),
    ("rtc-africa-2024", utc(2024, 1, 29, 13), utc(2024, 1, 29, 15, 30)),
    ("rtc-latin-america-caribbean-2024", utc(2024, 1, 29, 16), utc(2024, 1, 29, 18, 30)),
    ("rtc-asia-pacific-2024", utc(2024, 2, 1, 8), utc(2024, 2, 1, 10, 30)),
    ("rtc-arab-states-2024", utc(2024, 2, 1, 13), utc(2024, 2, 1, 15, 30)),
    ("rtc-europe-2024", utc(2024, 2, 2, 13), utc(2024, 2, 2, 15, 30)),
]  # fmt: skip


def test_the_seed_calendar_has_22_talks_at_their_exact_utc_times(seed):
    assert [(t.slug, t.start, t.end) for t in Talk.objects.order_by("start", "id")] == EXPECTED


def test_seed_talks_keep_the_page_details(seed):
    youth = Talk.objects.get(slug="youth-consultation-child-immigration-detention")
    assert youth.audience == Talk.Audience.YOUTH
    assert sorted(youth.interpretation_languages.values_list("code", flat=True)) == [
        "ar", "en", "es", "fr"
    ]  # fmt: skip
    closed_door = Talk.objects.get(slug="peer-learning-ending-child-detention")
    assert closed_door.audience == Talk.Audience.MEMBER_STATES and closed_door.chatham_house
    baku = Talk.objects.get(slug="almaty-process-regional-cooperation")
    assert baku.timezone == "Asia/Baku"
    assert {r.slug for r in baku.regions.all()} == {"asia-pacific", "europe-north-america"}
    assert "az" in baku.interpretation_languages.values_list("code", flat=True)
    assert Talk.objects.filter(series__slug="regional-technical-consultations-2024").count() == 5
    assert (
        Talk.objects.filter(series__slug="gcm-indicators-regional-consultations-2023").count() == 5
    )
    assert Talk.objects.get(slug="addressing-smuggling-of-migrants").format == Talk.Format.HYBRID
    assert Talk.objects.get(slug="gcm-indicators-africa").format == ""


def test_loading_the_seed_twice_changes_nothing(seed):
    before = list(Talk.objects.values_list("slug", "updated_at", "sequence"))
    audits = AuditEntry.objects.count()
    assert load_seed_calendar() == (0, 0)
    assert list(Talk.objects.values_list("slug", "updated_at", "sequence")) == before
    assert AuditEntry.objects.count() == audits


def test_the_api_and_the_feed_give_every_seed_time_in_utc(client, seed):
    from icalendar import Calendar

    expected = {slug: (start, end) for slug, start, end in EXPECTED}
    feed = Calendar.from_ical(client.get("/calendar.ics").content).walk("VEVENT")
    from_feed = {
        str(e["URL"]).rstrip("/").rsplit("/", 1)[1]: (e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in feed
    }
    assert from_feed == expected
    items = client.get("/api/v1/talks").json()["items"]
    from_api = {t["slug"]: (t["start"], t["end"]) for t in items}
    assert from_api == {
        slug: (f"{start:%Y-%m-%dT%H:%M:%SZ}", f"{end:%Y-%m-%dT%H:%M:%SZ}")
        for slug, (start, end) in expected.items()
    }
