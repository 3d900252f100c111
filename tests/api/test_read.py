import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory
from tests.query_counts import queries_for_1_and_many

pytestmark = pytest.mark.django_db

FIELDS = {"slug", "title", "level", "regions", "series", "format", "start", "end", "timezone",
          "interpretation_languages", "audience", "status", "url", "ics_url"}  # fmt: skip


def test_the_list_gives_all_22_seed_talks_in_utc(client, seed):
    body = client.get("/api/v1/talks").json()
    assert body["count"] == 22 and len(body["items"]) == 22
    talk = next(t for t in body["items"] if t["slug"] == "climate-change-migration-arab-region")
    assert talk.keys() >= FIELDS
    assert talk["start"] == "2023-10-26T09:00:00Z" and talk["end"] == "2023-10-26T11:00:00Z"
    assert talk["timezone"] == "Africa/Cairo"
    assert talk["interpretation_languages"] == ["ar", "en", "fr", "es"] or set(
        talk["interpretation_languages"]
    ) == {"ar", "en", "fr", "es"}
    assert talk["regions"] == ["arab-states"] and talk["level"] == "regional"
    assert talk["audience"] == "open_to_all" and talk["format"] is None
    assert talk["url"].endswith("/talks/climate-change-migration-arab-region/")
    assert talk["ics_url"].endswith("/talks/climate-change-migration-arab-region/calendar.ics")


def test_every_seed_start_matches_the_feed(client, seed):
    starts = {t["slug"]: t["start"] for t in client.get("/api/v1/talks").json()["items"]}
    for talk in Talk.objects.all():
        assert starts[talk.slug] == talk.start.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    "query, count",
    [("language=ar", 7), ("year=2023", 17), ("region=africa", 2), ("audience=youth", 1),
     ("objective=1", 6), ("q=GRULAC", 1), ("format=online", 6), ("level=global", 10),
     ("series=regional-technical-consultations-2024", 5), ("workstream=smuggling", 1)],
)  # fmt: skip
def test_filters(client, seed, query, count):
    assert client.get(f"/api/v1/talks?{query}").json()["count"] == count


def test_pagination(client, seed):
    first = client.get("/api/v1/talks?limit=5").json()
    second = client.get("/api/v1/talks?limit=5&offset=5").json()
    assert first["count"] == second["count"] == 22
    assert len(first["items"]) == 5
    assert {t["slug"] for t in first["items"]}.isdisjoint(t["slug"] for t in second["items"])


@pytest.mark.parametrize(
    "query, parameter",
    [("region=atlantis", "region"), ("year=soon", "year"), ("level=planetary", "level"),
     ("language=xx", "language"), ("objective=24", "objective"), ("audience=everyone", "audience"),
     ("format=paper", "format"), ("series=none", "series"), ("workstream=nobody", "workstream"),
     ("limit=0", "limit"), ("limit=many", "limit"), ("offset=-1", "offset"), ("q=" + "x" * 201, "q")],
)  # fmt: skip
def test_an_unknown_filter_value_is_a_400_naming_the_parameter(client, seed, query, parameter):
    response = client.get(f"/api/v1/talks?{query}")
    assert response.status_code == 400
    body = response.json()
    assert parameter in body["errors"]
    assert body["detail"].startswith(parameter)


def test_one_talk(client, seed):
    body = client.get("/api/v1/talks/rtc-europe-2024").json()
    assert body["start"] == "2024-02-02T13:00:00Z" and body["interpretation_languages"]


def test_an_unknown_or_draft_talk_is_404(client, seed):
    TalkFactory(slug="draft-one", status=Talk.Status.DRAFT)
    for slug in ("nothing-here", "draft-one"):
        response = client.get(f"/api/v1/talks/{slug}")
        assert response.status_code == 404
        assert response.json()["detail"]


def test_the_openapi_schema_and_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/talks" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_the_api_list_costs_the_same_queries_for_1_and_500_talks(client):
    one, many, response = queries_for_1_and_many(client, "/api/v1/talks?limit=500", 500)
    assert many == one and len(response.json()["items"]) == 500


NAMES = st.sampled_from(["year", "region", "level", "series", "workstream", "format", "language",
                         "audience", "objective", "q", "limit", "offset", "view", "month"])  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(NAMES, st.text(max_size=30), max_size=4))
def test_no_query_string_gives_a_server_error(client, params):
    assert client.get("/api/v1/talks", params).status_code in (200, 400)
    assert client.get("/", params).status_code == 200
    assert client.get("/calendar.ics", params).status_code == 200


def test_answers_match_the_documented_schema(client, seed):
    from gcmtalks.api.schemas import TalkList, TalkOut

    TalkList.model_validate(client.get("/api/v1/talks").json())
    TalkOut.model_validate(client.get("/api/v1/talks/rtc-europe-2024").json())


def test_a_talk_links_its_published_report_and_recording(client):
    from gcmtalks.core.models import Access
    from gcmtalks.recordings.models import Recording
    from gcmtalks.reports.models import SummaryReport

    talk = TalkFactory(slug="held", report_url="https://example.org/old-report.pdf")
    answer = client.get("/api/v1/talks/held").json()
    assert answer["report_url"] == "https://example.org/old-report.pdf"
    assert answer["recording_url"] == ""
    SummaryReport.objects.create(talk=talk, status=SummaryReport.Status.PUBLISHED)
    Recording.objects.create(
        talk=talk,
        url="https://vimeo.com/1",
        status=Recording.Status.PUBLISHED,
        access=Access.REGISTRANTS,
    )
    answer = client.get("/api/v1/talks/held").json()
    assert answer["report_url"] == answer["url"] + "report/"  # /talks/held/report/
    assert answer["recording_url"] == ""  # not public
    Recording.objects.filter(talk=talk).update(access=Access.PUBLIC)
    answer = client.get("/api/v1/talks").json()["items"][0]
    assert answer["recording_url"] == answer["url"] + "#recording"
