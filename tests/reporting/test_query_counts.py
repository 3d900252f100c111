"""The figures cost the same number of queries for one talk and for many: every figure is a
grouped query, never one per talk or per registration."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.reporting import coverage, figures
from gcmtalks.reporting.filters import Filters
from tests.reporting.dataset import NOW, build

pytestmark = pytest.mark.django_db

SMALL = {"talks": 1, "registrations": 10, "practices": 1, "intentions": 1}
LARGE = {"talks": 60, "registrations": 5000, "practices": 120, "intentions": 120}


def queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


@pytest.mark.parametrize(
    "function",
    [
        lambda filters: figures.tables(filters, now=NOW),
        lambda filters: figures.headline(filters, now=NOW),
        coverage.by_region,
        coverage.by_year,
    ],
    ids=["tables", "headline", "coverage-by-region", "coverage-by-year"],
)
@pytest.mark.parametrize("region", [None, "africa"])
def test_the_figures_cost_the_same_queries_for_one_talk_and_many(function, region):
    from gcmtalks.core.models import Region

    filters = Filters(region=Region.objects.get(slug=region) if region else None)
    counts = []
    for size in (SMALL, LARGE):
        data = build(**size)
        counts.append(queries(lambda: function(filters)))
        data.clear()
    assert counts[0] == counts[1]
    assert counts[0] <= 25


def test_the_whole_statistics_are_a_few_dozen_queries():
    build(**LARGE)
    total = queries(
        lambda: (
            figures.tables(Filters(), now=NOW),
            coverage.by_region(Filters()),
            coverage.by_year(Filters()),
        )
    )
    assert total <= 45
