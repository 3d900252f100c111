"""The organisers' statistics page and the public figures page: who may see them, their
charts, tables and coverage gaps, bad filters, and what they cost in queries."""

import re
from datetime import timedelta

import pytest
from django.db.models import Count

from gcmtalks.core.models import Objective
from gcmtalks.talks.models import Talk
from tests.accounts.pages import check_page
from tests.core.test_field_errors import check_ids
from tests.factories import (
    OrganiserMemberFactory,
    StaffFactory,
    TalkFactory,
    TwoFactorFactory,
    UserFactory,
    utc,
)
from tests.query_counts import queries_for_1_and_many

from . import pages
from .dataset import GAP_OBJECTIVE
from .pages import STATISTICS, page_tables

pytestmark = pytest.mark.django_db

# The fixtures of pages.py, for this module's tests.
small_dataset, statistics_client, people = (
    pages.small_dataset,
    pages.statistics_client,
    pages.people,
)

FIGURES = "/figures/"
WORKSPACE_URLS = [
    STATISTICS,
    STATISTICS + "export.xlsx",
    STATISTICS + "export/talks-by-status.csv",
    STATISTICS + "packs/",
]


# Who may see.


@pytest.mark.parametrize("url", WORKSPACE_URLS)
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", WORKSPACE_URLS)
def test_registrant_without_organiser_role_gets_403(client, url):
    client.force_login(TwoFactorFactory())
    assert client.get(url).status_code == 403


def test_organiser_without_two_factors_is_asked_to_set_them_up(client, workstream):
    client.force_login(OrganiserMemberFactory(organiser=workstream, user=UserFactory()).user)
    response = client.get(STATISTICS)
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]


def test_workstream_member_sees_the_statistics(member_client):
    response = member_client.get(STATISTICS)
    assert response.status_code == 200
    check_page(response)
    assert "Only the secretariat" not in response.content.decode()


def test_dashboard_links_to_the_statistics(member_client):
    assert STATISTICS in member_client.get("/manage/").content.decode()


# What the page shows.


def test_page_shows_each_table_with_its_chart_and_caption(statistics_client):
    response = statistics_client.get(STATISTICS + "?year=2025")
    assert response.status_code == 200
    check_page(response)
    check_ids(response.content.decode())
    page = response.content.decode()
    tables = page_tables(response)
    assert "talks-by-status" in tables and "registrations-by-group" in tables
    for key in ("talks-by-status", "registrations-by-group", "talks-by-region"):
        figure = re.search(rf'<figure class="figure" id="{key}".*?</figure>', page, re.S).group()
        caption = re.search(rf'<figcaption id="{key}-caption">([^<]+)</figcaption>', figure)
        assert caption, key
        svg = re.search(r"<svg [^>]*>", figure).group()
        assert 'role="img"' in svg and f'aria-labelledby="chart-{key}-title"' in svg
        assert (
            f'<table class="figure-table" id="table-{key}" aria-labelledby="{key}-caption">'
            in figure
        )
        assert f"/manage/statistics/export/{key}.csv?start=2025-01-01&amp;end=2025-12-31" in figure
    assert "Counted: 2025-01-01 to 2025-12-31" in page
    assert 'href="/manage/statistics/export.xlsx?start=2025-01-01&amp;end=2025-12-31"' in page


def test_page_figures_follow_the_filters(statistics_client):
    def talks_held(query):
        rows = page_tables(statistics_client.get(STATISTICS + query))["talks-by-status"]
        return dict((row[0], row[1]) for row in rows[1:])

    everywhere = talks_held("?year=2025")
    africa = talks_held("?year=2025&region=africa")
    expected = Talk.objects.filter(
        regions__slug="africa", status=Talk.Status.PUBLISHED,
        start__gte=utc(2024, 12, 31, 23), start__lt=utc(2025, 12, 31, 23),
    ).count()  # fmt: skip
    assert africa["Total"] < everywhere["Total"]
    assert africa["Held"] + africa["Scheduled (not yet held)"] == expected


def test_suppressed_cells_read_fewer_than_5(client):
    client.force_login(StaffFactory())
    talk = TalkFactory(start=utc(2025, 3, 4, 12), end=utc(2025, 3, 4, 14))
    from gcmtalks.registrations.models import Registration

    for number in range(3):
        Registration.objects.create(
            talk=talk, name=f"Person {number}", email=f"person{number}@example.org",
            status=Registration.Status.ATTENDED, gender="woman",
        )  # fmt: skip
    response = client.get(STATISTICS + "?year=2025")
    gender = page_tables(response)["registrations-by-gender"]
    assert ["Total", "<5", "<5"] in gender
    page = response.content.decode()
    assert '<td class="suppressed">fewer than 5</td>' in page
    assert "Person 1" not in page and "person1@example.org" not in page


def test_coverage_marks_an_objective_without_talks_as_a_gap(statistics_client):
    page = statistics_client.get(STATISTICS).content.decode()
    row = re.search(
        rf'<tr id="coverage-region-objective-{GAP_OBJECTIVE}">.*?</tr>', page, re.S
    ).group()
    cells = re.findall(r"<td[^>]*>", row)
    assert cells and all('class="gap"' in cell for cell in cells)
    assert row.count("gap</span>") == len(cells)  # in words too, not only by colour
    assert 'id="coverage-legend"' in page
    gaps = re.search(r'id="coverage-region-gaps">(.*?)</p>', page, re.S).group(1)
    assert str(Objective.objects.get(number=GAP_OBJECTIVE)) in gaps.replace("&#x27;", "'")
    # The objective most taken up in Africa: its talks (held or scheduled), counted directly.
    africa = Talk.objects.filter(status=Talk.Status.PUBLISHED, regions__slug="africa")
    objective = (
        Objective.objects.filter(talks__in=africa).annotate(n=Count("talks", distinct=True))
        .order_by("-n").first()
    )  # fmt: skip
    assert objective.n > 0
    row = re.search(
        rf'<tr id="coverage-region-objective-{objective.number}">.*?</tr>', page, re.S
    ).group()
    first = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[0]  # Africa is the first region
    assert re.search(rf'<span class="coverage-counts">{objective.n}<', first)
    assert "gap" not in first


# Bad input.


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?start=2025-06-01&end=2025-01-01", "end", "The period ends before it starts."),
        ("?region=atlantis", "region", "Choose a region from the list."),
        ("?year=abc", "year", "Enter a year such as 2025."),
        ("?objective=99", "objective", "Choose a GCM objective from the list (1 to 23)."),
        ("?start=2025-02-30", "start", "Enter a date such as 2025-01-31."),
    ],
)
def test_bad_filters_answer_400_with_the_message_by_the_field(member_client, query, field, message):
    response = member_client.get(STATISTICS + query)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(rf'id="id_{field}_error">(<p>)?{re.escape(message)}', page)
    assert re.search(rf'<[^>]+aria-describedby="[^"]*id_{field}_error[^>]*>', page)
    assert "<svg" not in page  # no figures for a wrong filter
    check_ids(page)


# Query counts.


def test_statistics_page_costs_the_same_queries_for_one_and_many_talks(client):
    client.force_login(StaffFactory())
    one, many, response = queries_for_1_and_many(client, STATISTICS, 60)
    assert one == many
    assert page_tables(response)["talks-by-status"][-1] == ["Total", 60]


def test_public_figures_cost_the_same_queries_for_one_and_many_talks(client):
    one, many, _response = queries_for_1_and_many(client, FIGURES, 60)
    assert one == many


# The public page.


def test_public_figures_show_headline_and_talks_by_objective_and_year(client, statistics_client):
    client.logout()
    response = client.get(FIGURES + "?year=2025")
    assert response.status_code == 200
    check_page(response)
    page = response.content.decode()
    held = (
        Talk.objects.filter(status=Talk.Status.PUBLISHED, start__gte=utc(2024, 12, 31, 23))
        .filter(start__lt=min(utc(2025, 12, 31, 23), _now()))
        .count()
    )
    assert re.search(rf'id="headline-talks-held"><dt>Talks held</dt><dd>{held}</dd>', page)
    row = re.search(r'<tr id="coverage-year-objective-1">.*?</tr>', page, re.S).group()
    expected = (
        Talk.objects.exclude(status__in=[Talk.Status.DRAFT, Talk.Status.POSTPONED,
                                         Talk.Status.CANCELLED])
        .filter(objectives__number=1, start__gte=utc(2024, 12, 31, 23),
                start__lt=utc(2025, 12, 31, 23))
        .distinct().count()
    )  # fmt: skip
    shown = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert len(shown) == 1
    assert (expected == 0 and "gap" in shown[0]) or shown[0].strip() == str(expected)
    # Aggregates only: no practice or intention counts, no names.
    assert "coverage-counts" not in page and "Person 1" not in page
    assert FIGURES in client.get("/").content.decode()  # linked from every page's footer


def _now():
    from django.utils import timezone

    return timezone.now()


def test_public_figures_bad_year_is_400(client, db):
    response = client.get(FIGURES + "?year=twenty")
    assert response.status_code == 400
    assert "Enter a year such as 2025." in response.content.decode()


def test_public_figures_in_arabic(client, db):
    response = client.get("/ar" + FIGURES)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_talk_from_another_year_does_not_count_on_the_public_page(client, db):
    TalkFactory(start=utc(2024, 5, 1, 10), end=utc(2024, 5, 1, 10) + timedelta(hours=1))
    page = client.get(FIGURES + "?year=2025").content.decode()
    assert re.search(r'id="headline-talks-held"><dt>Talks held</dt><dd>0</dd>', page)
