"""Pledges that fit a talk, best first, and the template tag that lists them."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcmtalks.core.models import Country, Objective, Region
from gcmtalks.pledges.models import Pledge
from gcmtalks.pledges.queries import matching_pledges
from tests.factories import OrganiserFactory, TalkFactory

pytestmark = pytest.mark.django_db


def objectives(*numbers):
    return list(Objective.objects.filter(number__in=numbers))


def pledge(external_id, numbers, *, regions=(), countries=(), member_state=None, **fields):
    now = timezone.now()
    made = Pledge.objects.create(
        external_id=external_id,
        title=fields.pop("title", f"Pledge {external_id}"),
        member_state=member_state,
        imported_at=now,
        updated_at=now,
        **fields,
    )
    made.objectives.set(objectives(*numbers))
    made.regions.set(Region.objects.filter(slug__in=regions))
    made.countries.set(Country.objects.filter(code__in=countries))
    return made


@pytest.fixture
def talk():
    talk = TalkFactory(region_slugs=["africa"], country=Country.objects.get(code="KE"))
    talk.objectives.set(objectives(6, 22))
    return talk


def test_matching_pledges_rank_shared_objectives_region_and_country(talk):
    pledge("none", [1, 2])  # shares no objective: left out
    pledge("one", [6])
    pledge("two", [6, 22])
    pledge("one-region", [22], regions=["africa"])
    pledge("one-country-in-region", [22], countries=["NG"])
    pledge("one-region-kenya", [6], regions=["africa"], member_state=Country.objects.get(code="KE"))
    pledge("two-region-kenya", [6, 22], countries=["KE"])
    ids = [p.external_id for p in matching_pledges(talk)]
    assert ids[:2] == ["two-region-kenya", "one-region-kenya"]
    # Same score (2): the one sharing more objectives first, then by title.
    assert ids[2:5] == ["two", "one-country-in-region", "one-region"]
    assert ids[5:] == ["one"]
    assert "none" not in ids


def test_matching_pledges_count_the_workstreams_objectives(talk):
    workstream = OrganiserFactory(slug="ws-children", name="Children and youth")
    workstream.objectives.set(objectives(16, 22))
    talk.organisers.add(workstream)
    pledge("talk-only", [6])
    pledge("workstream-only", [16])  # not on the talk, but on its workstream's list
    pledge("both", [22])
    pledge("neither", [1])
    ids = [p.external_id for p in matching_pledges(talk)]
    assert ids == ["both", "talk-only", "workstream-only"]
    talk.organisers.remove(workstream)
    assert [p.external_id for p in matching_pledges(talk)] == ["both", "talk-only"]


def test_matching_pledges_are_limited(talk):
    for n in range(5):
        pledge(f"p{n}", [6])
    assert len(matching_pledges(talk, limit=3)) == 3


def test_matching_pledges_queries_do_not_grow(talk):
    counts = []
    for total in (1, 40):
        Pledge.objects.all().delete()
        for n in range(total):
            pledge(f"p{n}", [6, 22][: 1 + n % 2], regions=["africa"] if n % 3 else [])
        talk = type(talk).objects.get(pk=talk.pk)
        with CaptureQueriesContext(connection) as queries:
            found = matching_pledges(talk, limit=50)
        assert len(found) == total
        counts.append(len(queries))
    assert counts[0] == counts[1] == 2


def test_talk_pledges_tag_lists_pledges_with_their_links(talk):
    pledge("two", [6, 22], title="Ending recruitment fees", link="https://example.org/p/2")
    pledge("none", [1], title="Unrelated pledge")
    html = Template("{% load pledges %}{% talk_pledges talk %}").render(Context({"talk": talk}))
    assert '<a href="https://example.org/p/2" rel="noopener">Ending recruitment fees</a>' in html
    assert "objectives 6, 22" in html
    assert "Unrelated pledge" not in html


def test_talk_pledges_tag_shows_nothing_without_pledges(talk):
    html = Template("{% load pledges %}{% talk_pledges talk %}").render(Context({"talk": talk}))
    assert html.strip() == ""
