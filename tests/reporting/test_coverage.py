"""The objective coverage matrix against the talks' tags on the generated data set."""

from collections import defaultdict

import pytest

from gcmtalks.core.models import GuidingPrinciple, Objective
from gcmtalks.reporting import coverage
from gcmtalks.reporting.filters import FilterForm, Filters
from tests.reporting.dataset import GAP_OBJECTIVE
from tests.reporting.direct import day

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"region": "africa", "year": "2025"},
    {"level": "national"},
    {"objective": "3", "start": "2024-01-01"},
    {"end": "2024-06-30"},
]
IDS = ["all" if not query else "-".join(query.values()) for query in QUERIES]


def filters_of(query) -> Filters:
    form = FilterForm(query)
    assert form.is_valid(), form.errors
    return form.filters()


def expected(d, filters: Filters, by: str) -> dict:
    """{(row key, column key): [talks, practices, intentions]}, counted from the tags."""
    cells = defaultdict(lambda: [0, 0, 0])
    talks = d.published(filters)
    objective_number = dict(Objective.objects.values_list("pk", "number"))
    letter = dict(GuidingPrinciple.objects.values_list("pk", "letter"))

    def columns(pk):
        if by == "region":
            return d.regions_of[pk] or {None}
        return {day(d.talks[pk]["start"]).year}

    def keys(objectives, principles=()):
        return [f"objective-{objective_number[o]}" for o in objectives] + [
            f"principle-{letter[p]}" for p in principles
        ]

    for pk in talks:
        for key in keys(d.objectives_of[pk], d.principles_of[pk]):
            for column in columns(pk):
                cells[key, column][0] += 1
    for practice, record in d.practices.items():
        presented = d.practice_talks.get(practice, set())
        if presented:
            places = set().union(*[columns(pk) for pk in presented & talks])
        elif (
            record["status"] == "accepted"
            and not (filters.level or filters.series or filters.workstream)
            and not (filters.start and day(record["decided_at"]) < filters.start)
            and not (filters.end and day(record["decided_at"]) > filters.end)
            and not (filters.region and filters.region.pk not in d.practice_regions[practice])
            and not (
                filters.objective and filters.objective.pk not in d.practice_objectives[practice]
            )
        ):
            if by == "region":
                places = d.practice_regions[practice] or {None}
            else:
                places = {day(record["decided_at"]).year}
        else:
            places = set()
        for key in keys(d.practice_objectives[practice], d.practice_principles[practice]):
            for column in places:
                cells[key, column][1] += 1
    for intention, record in d.intentions.items():
        if record["talk_id"] in talks:
            for key in keys(d.intention_objectives[intention]):
                for column in columns(record["talk_id"]):
                    cells[key, column][2] += 1
    return cells


def check(result, cells, column_keys, *, whole=True):
    assert len(result.rows) == 33
    assert [row.key for row in result.rows][:2] == ["objective-1", "objective-2"]
    assert result.rows[23].key == "principle-a"
    seen = set()
    for row in result.rows:
        assert len(row.cells) == len(column_keys)
        for column, cell in zip(column_keys, row.cells, strict=True):
            want = cells.get((row.key, column), [0, 0, 0])
            assert [cell.talks, cell.practices, cell.intentions] == want, (row.key, column)
            seen.add((row.key, column))
    # Nothing counted falls outside the matrix (but the other regions of talks held for
    # several, when the matrix shows one region).
    assert not whole or not [
        key for key, values in cells.items() if key not in seen and any(values)
    ]


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_coverage_by_region_matches_the_tags(dataset, query):
    filters = filters_of(query)
    result = coverage.by_region(filters)
    if filters.region:
        assert result.columns == [filters.region.name]
        column_keys = [filters.region.pk]
    else:
        assert result.columns == [*dataset.region_name.values(), "Global"]
        column_keys = [*dataset.region_name, None]
    check(result, expected(dataset, filters, "region"), column_keys, whole=not filters.region)


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_coverage_by_year_matches_the_tags(dataset, query):
    filters = filters_of(query)
    result = coverage.by_year(filters)
    years = [int(column) for column in result.columns]
    assert years == list(range(years[0], years[-1] + 1))
    if filters.start:
        assert years[0] == filters.start.year
    if filters.end:
        assert years[-1] == filters.end.year
    check(result, expected(dataset, filters, "year"), years)


def test_the_whole_data_set_covers_four_years_and_every_region(dataset):
    assert coverage.by_year(Filters()).columns == ["2023", "2024", "2025", "2026"]
    by_region = coverage.by_region(Filters())
    assert all(any(row.cells[i].talks for row in by_region.rows) for i in range(6))


def test_an_objective_with_no_talk_is_a_gap(dataset):
    for result in (coverage.by_region(Filters()), coverage.by_year(Filters())):
        rows = {row.key: row for row in result.rows}
        gap = rows[f"objective-{GAP_OBJECTIVE}"]
        assert gap.gap and all(cell.gap for cell in gap.cells)
        assert gap.label == str(Objective.objects.get(number=GAP_OBJECTIVE))
        assert sum(cell.practices for cell in gap.cells) > 0  # practices alone fill no gap
        assert result.gaps == [gap]
        assert not rows["objective-1"].gap


def test_the_matrix_as_three_tables(dataset):
    result = coverage.by_region(Filters())
    talks, practices, intentions = coverage.as_tables(result, "Coverage by region")
    assert [talks.key, practices.key, intentions.key] == [
        "coverage-region-talks",
        "coverage-region-practices",
        "coverage-region-intentions",
    ]
    assert talks.title == "Coverage by region: talks"
    assert talks.columns == ["GCM objective or guiding principle", *result.columns]
    for table, name in ((talks, "talks"), (practices, "practices"), (intentions, "intentions")):
        assert table.rows == [
            (row.label, [getattr(cell, name) for cell in row.cells]) for row in result.rows
        ]
        assert not table.people
    by_year = coverage.as_tables(coverage.by_year(Filters()), "Coverage by year")
    assert by_year[0].key == "coverage-year-talks"
