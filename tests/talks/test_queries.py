"""Reads of talks that the calendar, feeds and API share."""

import pytest

from gcmtalks.core.models import Region
from gcmtalks.talks.queries import CHUNK, calendar_talks, with_calendar_relations
from tests.factories import TalkFactory, bulk_talks

pytestmark = pytest.mark.django_db


def test_long_lists_get_the_same_relations_as_prefetching(django_assert_num_queries):
    bulk_talks(CHUNK + 5)  # more ids than one query takes
    lone = TalkFactory(slug="lone", languages=["ru", "ar"])
    lone.regions.set(Region.objects.order_by("-position")[:2])
    prefetched = {
        t.pk: (
            [r.pk for r in t.regions.all()],
            [lang.code for lang in t.interpretation_languages.all()],
        )
        for t in calendar_talks().prefetch_related("regions", "interpretation_languages")
    }
    with django_assert_num_queries(7):  # talks, 2 reference tables, 2 × 2 chunks of links
        talks = with_calendar_relations(calendar_talks())
    shared = {
        t.pk: (
            [r.pk for r in t.regions.all()],
            [lang.code for lang in t.interpretation_languages.all()],
        )
        for t in talks
    }
    assert shared.keys() == prefetched.keys() and len(shared) == CHUNK + 6
    for pk, (regions, languages) in shared.items():
        assert sorted(regions) == sorted(prefetched[pk][0])
        assert languages == sorted(
            languages,
            key=lambda code: dict(ar="Arabic", en="English", fr="French", ru="Russian")[code],
        )
        assert sorted(languages) == sorted(prefetched[pk][1])
    lone_talk = next(t for t in talks if t.slug == "lone")
    positions = [r.position for r in lone_talk.regions.all()]
    assert positions == sorted(positions)  # display order
    assert talks[0].regions.all()[0] is talks[1].regions.all()[0]  # one object, shared
