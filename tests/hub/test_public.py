import csv
import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcmtalks.core.models import (
    Country,
    GuidingPrinciple,
    Language,
    Objective,
    Region,
    StakeholderGroup,
)
from gcmtalks.hub.models import Practice, PracticeLink
from gcmtalks.hub.queries import accepted_counts
from tests.factories import TalkFactory
from tests.hub.conftest import assign, make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(people, talk):
    """An accepted practice with every facet, another with none, and a draft."""
    rich = make_practice(
        people.submitter, status="accepted", title="Fair recruitment corridors",
        objectives=(6, 23), decided_at=timezone.now(), period_start=2019, period_end=2024,
        implementing_organisations="ILO\nDiaspora Link", on_behalf_of_name="Rosa Díaz",
        on_behalf_of_organisation="Diaspora Link", key_takeaway="Employers pay the fees.",
    )  # fmt: skip
    rich.principles.set(GuidingPrinciple.objects.filter(letter__in=["a", "c"]))
    rich.countries.set(Country.objects.filter(code__in=["NP", "QA"]))
    rich.regions.set(Region.objects.filter(slug="asia-pacific"))
    rich.stakeholder_groups.set(StakeholderGroup.objects.filter(slug="migrant"))
    rich.languages.set(Language.objects.filter(code__in=["en", "ar"]))
    rich.talks.set([talk])
    PracticeLink.objects.create(practice=rich, label="Evaluation", url="https://example.org/e")
    plain = make_practice(people.submitter, status="accepted", title="Health cards for all",
                          objectives=(15,), decided_at=timezone.now())  # fmt: skip
    make_practice(people.submitter, title="Unfinished draft", objectives=(6,))
    return rich, plain


def titles(client, query=""):
    page = client.get("/hub/" + query).content.decode()
    return [t for t in ("Fair recruitment", "Health cards", "Unfinished draft") if t in page]


@pytest.mark.parametrize("query,expected", [
    ("", ["Fair recruitment", "Health cards"]),
    ("?objective=6", ["Fair recruitment"]),
    ("?objective=15", ["Health cards"]),
    ("?principle=c", ["Fair recruitment"]),
    ("?region=asia-pacific", ["Fair recruitment"]),
    ("?country=QA", ["Fair recruitment"]),
    ("?stakeholder_group=migrant", ["Fair recruitment"]),
    ("?language=ar", ["Fair recruitment"]),
    ("?talk=labour-talk", ["Fair recruitment"]),
    ("?q=health", ["Health cards"]),
    ("?q=diaspora+link", ["Fair recruitment"]),
    ("?q=draft", []),
    ("?objective=6&country=NP&q=fees", ["Fair recruitment"]),
])  # fmt: skip
def test_hub_filters_accepted_practices(client, practices, query, expected):
    assert titles(client, query) == expected


def test_hub_unknown_filter_value_says_so_and_ignores_it(client, practices):
    page = client.get("/hub/?objective=99&country=QA").content.decode()
    assert "“99” is not one of the known values." in page
    assert "Fair recruitment" in page and "Health cards" not in page


def test_practice_page_shows_its_talks(client, practices):
    rich, _ = practices
    page = client.get(f"/hub/{rich.pk}/").content.decode()
    assert "Labour mobility in Asia" in page and "Rosa Díaz, Diaspora Link" in page
    assert 'href="https://example.org/e"' in page


def test_hub_pages_by_fifty(client, people):
    Practice.objects.bulk_create(
        Practice(title=f"Practice {n:03}", status="accepted", submitter=people.submitter,
                 decided_at=timezone.now()) for n in range(60)
    )  # fmt: skip
    first = client.get("/hub/?q=Practice").content.decode()
    assert "60 practices" in first and "Page 1 of 2" in first
    assert first.count('class="practice-item"') == 50
    second = client.get("/hub/?q=Practice&page=2").content.decode()
    assert second.count('class="practice-item"') == 10 and "?q=Practice&amp;page=1" in second


def hub_queries(client, people, count):
    Practice.objects.all().delete()
    practices = Practice.objects.bulk_create(
        Practice(title=f"Practice {n}", summary="S", status="accepted",
                 submitter=people.submitter, decided_at=timezone.now()) for n in range(count)
    )  # fmt: skip
    objective = Objective.objects.get(number=6)
    nepal = Country.objects.get(code="NP")
    for practice in practices[:50]:
        practice.objectives.add(objective)
        practice.countries.add(nepal)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/hub/")
    assert response.status_code == 200 and "Practice " in response.content.decode()
    return len(captured)


def test_hub_costs_the_same_for_1_and_500_practices(client, people):
    assert hub_queries(client, people, 1) == hub_queries(client, people, 500)


def test_talk_practices_tag_lists_accepted_practices_and_links_to_submit(practices, talk):
    html = Template("{% load hub %}{% talk_practices talk %}").render(Context({"talk": talk}))
    assert "Fair recruitment corridors" in html and "Health cards" not in html
    assert "Unfinished draft" not in html
    assert "/hub/submit/?talk=labour-talk" in html


def test_accepted_counts_per_talk(people, practices, talk):
    empty = TalkFactory()
    make_practice(people.submitter, status="under_review").talks.set([talk, empty])
    assert accepted_counts([talk.pk, empty.pk]) == {talk.pk: 1}


def test_export_json_follows_the_documented_format(client, practices, talk):
    response = client.get("/hub/export.json")
    data = json.loads(response.content)
    assert data["format"] == "gcmtalks-hub-practices" and data["version"] == 1
    assert [p["title"] for p in data["practices"]] == [
        "Fair recruitment corridors", "Health cards for all"]  # fmt: skip
    rich = data["practices"][0]
    assert rich["objectives"] == [6, 23] and rich["principles"] == ["a", "c"]
    assert rich["countries"] == ["NP", "QA"] and rich["regions"] == ["asia-pacific"]
    assert rich["languages"] == ["ar", "en"] and rich["stakeholder_groups"] == ["migrant"]
    assert rich["talks"] == ["labour-talk"]
    assert rich["talk_urls"] == [settings.SITE_URL + talk.get_absolute_url()]
    assert rich["implementing_organisations"] == ["ILO", "Diaspora Link"]
    assert rich["presented_by"] == "Rosa Díaz, Diaspora Link"
    assert rich["links"] == [{"label": "Evaluation", "url": "https://example.org/e"}]
    assert rich["period_start"] == 2019 and rich["url"].endswith(f"/hub/{rich['id']}/")


def test_export_csv_has_one_row_per_accepted_practice(client, practices):
    response = client.get("/hub/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ["Fair recruitment corridors", "Health cards for all"]
    assert rows[0]["objectives"] == "6; 23" and rows[0]["countries"] == "NP; QA"
    assert rows[0]["principles"] == "a; c" and rows[0]["talks"] == "labour-talk"
    assert rows[0]["links"] == "Evaluation <https://example.org/e>"
    assert rows[1]["objectives"] == "15" and rows[1]["period_start"] == ""


def test_an_acceptance_refreshes_the_cached_hub_page(
    client, people, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE_SECONDS = 600
    practice = make_practice(people.submitter, status="under_review", title="Newly accepted")
    for reviewer, is_un in ((people.un, True), (people.first, False), (people.second, False)):
        assign(practice, reviewer, is_un, conflict_declared=False, submitted_at=timezone.now())
    assert "Newly accepted" not in client.get("/hub/").content.decode()
    client.force_login(people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/manage/practices/{practice.pk}/accept/", {"decision-reason": "Good."})
    client.logout()
    client.cookies.clear()
    assert "Newly accepted" in client.get("/hub/").content.decode()
    assert "Newly accepted" in client.get("/hub/export.json").content.decode()
