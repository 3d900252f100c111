import re

import pytest

from gcmtalks.talks.models import Talk
from tests.factories import TalkFactory, in_days
from tests.query_counts import queries_for_1_and_many

pytestmark = pytest.mark.django_db


def text(response):
    """The page as a reader sees it: without tags."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def titles(response):
    return [row.talk.title for row in response.context["upcoming"]] + [
        row.talk.title for group in response.context["past"] for row in group["talks"]
    ]


def test_upcoming_talks_come_first_then_past_talks_by_year(client, seed):
    TalkFactory(title="Next week's talk", start=in_days(7))
    TalkFactory(title="Tomorrow's talk", start=in_days(1))
    response = client.get("/")
    assert response.status_code == 200
    assert [row.talk.title for row in response.context["upcoming"]] == [
        "Tomorrow's talk",
        "Next week's talk",
    ]
    assert [g["year"] for g in response.context["past"]] == [2024, 2023]
    page = response.content.decode()
    assert (
        page.index("Upcoming talks")
        < page.index("Past talks, 2024")
        < page.index("Past talks, 2023")
    )


def test_the_table_has_the_seed_pages_columns(client, seed):
    response = client.get("/")
    page = response.content.decode()
    for column in ("Date", "GCM Talk", "Time", "Interpretation", "Registration", "Audience",
                   "More information / Recording", "Summary report", "Hub practices and resources"):  # fmt: skip
        assert f'<th scope="col">{column}</th>' in page
    assert "16:15–18:10 Baku time (UTC+4)" in text(response)
    assert "Coming soon" in page
    assert "Member States only" in page


def test_drafts_are_not_shown(client, seed):
    TalkFactory(title="Secret draft", status=Talk.Status.DRAFT)
    assert "Secret draft" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("language=ar", 7),
        ("year=2024", 5),
        ("level=regional", 12),
        ("region=arab-states", 3),
        ("series=regional-technical-consultations-2024", 5),
        ("workstream=alternatives-to-detention", 3),
        ("format=hybrid", 2),
        ("audience=member_states", 2),
        ("objective=13", 3),
        ("q=indicators", 6),
        ("language=ar&year=2024", 1),
    ],
)
def test_each_filter_narrows_the_calendar(client, seed, query, expected):
    response = client.get(f"/?{query}")
    assert response.context["count"] == expected
    assert len(titles(response)) == expected


def test_the_arabic_filter_keeps_exactly_the_talks_with_arabic(client, seed):
    with_arabic = set(
        Talk.objects.filter(interpretation_languages__code="ar").values_list("title", flat=True)
    )
    assert set(titles(client.get("/?language=ar"))) == with_arabic


def test_an_unknown_filter_value_shows_a_notice_and_no_error(client, seed):
    response = client.get("/?region=atlantis&year=soon&format=online")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "atlantis" in page and "<code>year</code>" in page
    assert response.context["count"] == 6  # the valid format filter still applies


def test_htmx_gets_only_the_results(client, seed):
    response = client.get("/?language=ar", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results">')
    assert "<html" not in page


def test_the_month_view_places_talks_on_their_geneva_day(client, seed):
    response = client.get("/?view=month&month=2023-05")
    assert response.context["count"] == 4
    page = response.content.decode()
    assert "May 2023" in page and "month=2023-06" in page and "month=2023-04" in page


@pytest.mark.parametrize("month", ["May", "0001-01", "9999-12", "2023-13"])
def test_a_bad_month_falls_back_with_a_notice(client, seed, month):
    response = client.get(f"/?view=month&month={month}")
    assert response.status_code == 200
    assert "YYYY-MM" in response.content.decode()


def test_other_languages_serve_the_calendar(client, seed):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/?language=en&region=africa", "/?view=month"])
def test_the_calendar_page_costs_the_same_queries_for_1_and_500_talks(client, url):
    one, many, _ = queries_for_1_and_many(client, url, 500)
    assert many == one
