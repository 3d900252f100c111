import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.hub.models import Practice, PracticeDocument, Review

pytestmark = pytest.mark.django_db


def review_list_queries(client, people, count):
    Practice.objects.all().delete()
    practices = Practice.objects.bulk_create(
        Practice(title=f"Practice {n}", status="under_review", submitter=people.submitter)
        for n in range(count)
    )
    Review.objects.bulk_create(
        Review(practice=p, reviewer=reviewer, is_un=reviewer == people.un)
        for p in practices for reviewer in (people.un, people.first)
    )  # fmt: skip
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/manage/practices/")
    assert response.status_code == 200
    assert response.content.decode().count("Practice ") >= count
    return len(captured)


@pytest.mark.parametrize("role", ["first", "secretariat"])
def test_review_list_costs_the_same_for_1_and_200(client, people, role):
    client.force_login(getattr(people, role))
    assert review_list_queries(client, people, 1) == review_list_queries(client, people, 200)


def test_my_practices_cost_the_same_for_1_and_100(client, people):
    client.force_login(people.submitter)
    counts = []
    for count in (1, 100):
        Practice.objects.all().delete()
        Practice.objects.bulk_create(
            Practice(title=f"Practice {n}", submitter=people.submitter) for n in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/hub/mine/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("page", ["", "documents/"])
def test_a_practices_documents_cost_the_same_for_1_and_10(client, people, page):
    practice = Practice.objects.create(title="With documents", submitter=people.submitter)
    client.force_login(people.submitter)
    counts = []
    for count in (1, 10):
        PracticeDocument.objects.all().delete()
        PracticeDocument.objects.bulk_create(
            PracticeDocument(practice=practice, title=f"Document {n}", file=f"practices/{n}.pdf",
                             file_name=f"d{n}.pdf", content_type="application/pdf", size=100)
            for n in range(count)
        )  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/hub/mine/{practice.pk}/{page}")
        assert response.content.decode().count('href="/hub/mine/') >= count
        counts.append(len(captured))
    assert counts[0] == counts[1]
