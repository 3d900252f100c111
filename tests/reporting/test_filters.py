from datetime import date

import pytest

from gcmtalks.core.models import Objective, Region
from gcmtalks.reporting import figures
from gcmtalks.reporting.filters import FilterForm, Filters
from gcmtalks.talks.models import Talk
from tests.factories import OrganiserFactory, SeriesFactory, TalkFactory, utc

pytestmark = pytest.mark.django_db


def errors(query) -> dict:
    form = FilterForm(query)
    assert not form.is_valid()
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def test_no_filter_means_every_talk():
    form = FilterForm({})
    assert form.is_valid()
    assert form.filters() == Filters()
    assert form.filters().describe() == "All talks"
    assert form.filters().query() == {}


def test_a_year_is_the_whole_calendar_year():
    form = FilterForm({"year": "2025", "region": "africa"})
    assert form.is_valid()
    filters = form.filters()
    assert (filters.start, filters.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert filters.region == Region.objects.get(slug="africa")
    assert filters.describe() == "Africa, 2025-01-01 to 2025-12-31"


def test_days_given_with_a_year_are_kept():
    form = FilterForm({"year": "2025", "start": "2025-03-01"})
    assert form.is_valid()
    assert (form.filters().start, form.filters().end) == (date(2025, 3, 1), date(2025, 12, 31))


def test_every_filter_is_described_and_rebuilt_from_its_query():
    series = SeriesFactory(slug="dialogues", title="Dialogues")
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration")
    query = {
        "start": "2024-02-01", "end": "2024-05-31", "region": "arab-states",
        "level": "regional", "series": "dialogues", "workstream": "ws-labour", "objective": "6",
    }  # fmt: skip
    form = FilterForm(query)
    assert form.is_valid(), form.errors
    filters = form.filters()
    assert filters.series == series and filters.workstream == workstream
    assert filters.objective == Objective.objects.get(number=6)
    assert filters.query() == query
    assert filters.describe() == (
        "Arab States, Regional, Dialogues, Labour migration, "
        f"Objective {Objective.objects.get(number=6)}, 2024-02-01 to 2024-05-31"
    )
    rebuilt = FilterForm(filters.query())
    assert rebuilt.is_valid() and rebuilt.filters() == filters


def test_an_open_ended_period_is_described():
    assert Filters(start=date(2025, 1, 1)).describe() == "from 2025-01-01"
    assert Filters(end=date(2025, 1, 1)).describe() == "until 2025-01-01"


def test_a_period_that_ends_before_it_starts_is_refused():
    assert errors({"start": "2025-06-01", "end": "2025-05-31"}) == {
        "end": ["The period ends before it starts."]
    }


def test_unknown_choices_are_refused_with_clear_messages():
    assert errors({"region": "atlantis", "series": "nope", "workstream": "nobody",
                   "level": "planetary"}) == {
        "region": ["Choose a region from the list."],
        "series": ["Choose a series from the list."],
        "workstream": ["Choose a workstream or regional network from the list."],
        "level": ["Choose a level from the list."],
    }  # fmt: skip


@pytest.mark.parametrize("objective", ["24", "0", "abc", "-3"])
def test_an_objective_outside_1_to_23_is_refused(objective):
    assert errors({"objective": objective}) == {
        "objective": ["Choose a GCM objective from the list (1 to 23)."]
    }


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("abc", "Enter a year such as 2025."),
        ("1999", "Choose a year between 2000 and 2100."),
        ("2101", "Choose a year between 2000 and 2100."),
    ],
)
def test_a_bad_year_is_refused(year, message):
    assert errors({"year": year}) == {"year": [message]}


def test_a_bad_date_is_refused():
    assert errors({"start": "2025-13-01", "end": "soon"}) == {
        "start": ["Enter a date such as 2025-01-31."],
        "end": ["Enter a date such as 2025-12-31."],
    }


def test_a_form_in_error_leaves_the_bad_filter_out():
    form = FilterForm({"region": "atlantis", "year": "2025"})
    assert not form.is_valid()
    assert form.filters() == Filters(start=date(2025, 1, 1), end=date(2025, 12, 31))


def test_a_period_counts_the_days_in_geneva_time():
    # 23:30 in Geneva on 31 December is 22:30 UTC; 00:30 on 1 January is 23:30 UTC the day
    # before (winter: UTC+1).
    late = TalkFactory(slug="new-years-eve", start=utc(2024, 12, 31, 22, 30))
    early = TalkFactory(slug="new-year", start=utc(2024, 12, 31, 23, 30))
    in_2024 = FilterForm({"year": "2024"})
    in_2025 = FilterForm({"year": "2025"})
    assert in_2024.is_valid() and in_2025.is_valid()
    assert list(figures.talks(in_2024.filters())) == [late]
    assert list(figures.talks(in_2025.filters())) == [early]


def test_each_filter_narrows_the_talks():
    africa = Region.objects.get(slug="africa")
    series, workstream = SeriesFactory(), OrganiserFactory()
    objective = Objective.objects.get(number=3)
    everything = TalkFactory(level=Talk.Level.REGIONAL, series=series, region_slugs=["africa"])
    everything.organisers.add(workstream)
    everything.objectives.add(objective)
    everything.regions.add(Region.objects.get(slug="arab-states"))
    TalkFactory(level=Talk.Level.GLOBAL)  # none of them
    TalkFactory(status=Talk.Status.DRAFT, series=series)  # never counted
    for filters in (
        Filters(region=africa),
        Filters(level=Talk.Level.REGIONAL),
        Filters(series=series),
        Filters(workstream=workstream),
        Filters(objective=objective),
    ):
        assert list(figures.talks(filters)) == [everything], filters
    assert figures.talks(Filters()).count() == 2
