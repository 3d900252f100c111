import pytest

from gcmtalks.accounts.services import api_token_create
from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, UserFactory, utc

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Regular pathways for migrants in vulnerable situations",
    "level": "regional",
    "regions": ["africa", "arab-states"],
    "format": "hybrid",
    "venue": "UN Conference Centre",
    "city": "Addis Ababa",
    "start": "2027-03-10 10:00",
    "timezone": "Africa/Addis_Ababa",
    "interpretation_languages": ["en", "fr", "ar"],
    "audience": "member_states",
    "objectives": [5, 7],
    "status": "published",
    "registration_mode": "not_yet_open",
}


def bearer(user):
    return {"Authorization": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def post(client, data, headers):
    return client.post("/api/v1/talks", data, content_type="application/json", headers=headers)


def patch(client, slug, data, headers):
    return client.patch(
        f"/api/v1/talks/{slug}", data, content_type="application/json", headers=headers
    )


def test_staff_create_a_talk_with_a_token(client, staff):
    response = post(client, NEW, bearer(staff))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["start"] == "2027-03-10T07:00:00Z" and body["end"] == "2027-03-10T08:30:00Z"
    assert body["regions"] == ["africa", "arab-states"]
    talk = Talk.objects.get(slug=body["slug"])
    assert talk.chatham_house is True
    assert AuditEntry.objects.get(object_type="talks.talk", object_id=str(talk.pk)).actor == staff


def test_staff_change_a_talk(client, staff):
    TalkFactory(
        slug="to-move", start=utc(2027, 1, 5, 13), end=utc(2027, 1, 5, 14, 30), languages=["en"]
    )
    response = patch(
        client,
        "to-move",
        {"start": "2027-01-06T13:00:00Z", "end": "2027-01-06T14:30:00Z"},
        bearer(staff),
    )
    assert response.status_code == 200, response.json()
    talk = Talk.objects.get(slug="to-move")
    assert talk.start == utc(2027, 1, 6, 13) and talk.sequence == 1
    assert list(talk.interpretation_languages.values_list("code", flat=True)) == ["en"]


def test_changing_only_the_zone_keeps_the_utc_time(client, staff):
    TalkFactory(slug="zone", start=utc(2027, 1, 5, 13), end=utc(2027, 1, 5, 14, 30))
    assert patch(client, "zone", {"timezone": "Asia/Baku"}, bearer(staff)).status_code == 200
    talk = Talk.objects.get(slug="zone")
    assert (talk.timezone, talk.start) == ("Asia/Baku", utc(2027, 1, 5, 13))


def test_no_token_is_401_and_a_wrong_token_is_401(client, seed):
    assert post(client, NEW, {}).status_code == 401
    assert post(client, NEW, {"Authorization": "Bearer gcmt_nonsense"}).status_code == 401
    assert (
        patch(client, "rtc-europe-2024", {"title": "x"}, {"Authorization": "Token abc"}).status_code
        == 401
    )
    assert Talk.objects.count() == 22


def test_a_token_without_permission_is_403(client, seed):
    headers = bearer(UserFactory())
    assert post(client, NEW, headers).status_code == 403
    response = patch(client, "rtc-europe-2024", {"title": "Hijacked"}, headers)
    assert response.status_code == 403 and response.json()["detail"]
    assert Talk.objects.get(slug="rtc-europe-2024").title.startswith("Regional Technical")


def test_a_revoked_users_token_stops_working(client, staff):
    headers = bearer(staff)
    staff.is_active = False
    staff.save()
    assert post(client, NEW, headers).status_code == 401


def test_invalid_data_is_422_with_messages_per_field_and_changes_nothing(client, staff, seed):
    headers = bearer(staff)
    bad = {**NEW, "regions": ["atlantis"], "timezone": "Mars/Base", "venue": "", "format": "hybrid"}
    response = post(client, bad, headers)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"regions", "timezone", "venue"} <= errors.keys()
    assert Talk.objects.count() == 22

    before = Talk.objects.get(slug="rtc-europe-2024")
    response = patch(
        client, "rtc-europe-2024", {"end": "2024-02-01T10:00:00Z", "title": "Changed"}, headers
    )
    assert response.status_code == 422 and "end" in response.json()["errors"]
    after = Talk.objects.get(slug="rtc-europe-2024")
    assert (after.title, after.end, after.updated_at) == (
        before.title,
        before.end,
        before.updated_at,
    )


def test_wrong_types_and_broken_json_are_refused_cleanly(client, staff):
    headers = bearer(staff)
    response = post(client, {**NEW, "objectives": "five", "regions": "africa"}, headers)
    assert response.status_code == 422
    assert {"objectives", "regions"} <= response.json()["errors"].keys()
    broken = client.post(
        "/api/v1/talks", "{not json", content_type="application/json", headers=headers
    )
    assert broken.status_code in (400, 422)
    assert not Talk.objects.exists()


def test_patching_an_unknown_talk_is_404(client, staff):
    assert patch(client, "nothing", {"title": "x"}, bearer(staff)).status_code == 404


def test_staff_set_the_registration_settings(client, staff):
    TalkFactory(slug="with-seats", format="online")
    data = {"registration": {"mode": "open", "capacity_online": 80, "requires_approval": True,
                             "opens_at": "2027-01-01T09:00:00Z", "closes_at": "2027-01-20T09:00:00Z"}}  # fmt: skip
    response = patch(client, "with-seats", data, bearer(staff))
    assert response.status_code == 200, response.json()
    registration = response.json()["registration"]
    assert registration == {"mode": "open", "capacity_online": 80, "capacity_in_person": None,
                            "requires_approval": True, "opens_at": "2027-01-01T09:00:00Z",
                            "closes_at": "2027-01-20T09:00:00Z"}  # fmt: skip
    assert client.get("/api/v1/talks/with-seats").json()["registration"]["capacity_online"] == 80


def test_bad_registration_settings_are_refused_per_field(client, staff):
    TalkFactory(slug="with-seats")
    data = {"registration": {"capacity_online": -5, "opens_at": "2027-02-01T09:00:00Z",
                             "closes_at": "2027-01-01T09:00:00Z"}, "title": "Not saved"}  # fmt: skip
    response = patch(client, "with-seats", data, bearer(staff))
    assert response.status_code == 422
    assert {"registration.capacity_online", "registration.closes_at"} <= response.json()[
        "errors"
    ].keys()
    assert Talk.objects.get(slug="with-seats").title != "Not saved"
