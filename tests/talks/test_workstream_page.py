from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.talks.models import Talk
from tests.factories import OrganiserFactory, TalkFactory, bulk_talks, in_days

pytestmark = pytest.mark.django_db


def test_a_workstream_page_lists_its_public_talks(client):
    workstream = OrganiserFactory(slug="ws-labour", name="Labour migration",
                                  co_leads="ILO, IOM", description="Fair and ethical recruitment.")  # fmt: skip
    other = OrganiserFactory(slug="ws-climate")
    mine = TalkFactory(
        title="Recruitment fees", start=in_days(10), end=in_days(10) + timedelta(hours=1)
    )
    past = TalkFactory(
        title="Skills partnerships", start=in_days(-400), end=in_days(-400) + timedelta(hours=1)
    )
    draft = TalkFactory(title="Unannounced idea", status=Talk.Status.DRAFT)
    theirs = TalkFactory(title="Climate mobility")
    for talk in (mine, past, draft):
        talk.organisers.add(workstream)
    theirs.organisers.add(other)
    page = client.get("/workstreams/ws-labour/").content.decode()
    assert "<h1>Labour migration</h1>" in page and "ILO, IOM" in page
    assert "Fair and ethical recruitment." in page
    assert page.index("Upcoming talks") < page.index("Recruitment fees") < page.index("Past talks")
    assert "Skills partnerships" in page
    assert "Unannounced idea" not in page and "Climate mobility" not in page
    assert client.get("/workstreams/nope/").status_code == 404


def test_a_workstream_page_costs_the_same_for_1_and_200_talks(client):
    counts = []
    for total in (1, 200):
        Talk.objects.all().delete()
        talks = bulk_talks(total)
        organiser = talks[0].organisers.get()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/workstreams/{organiser.slug}/")
        assert response.status_code == 200 and response.content.decode().count("Bulk talk") >= total
        counts.append(len(queries))
    assert counts[0] == counts[1]
