import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmtalks.proposals.models import Message, Proposal, Score

pytestmark = pytest.mark.django_db


def make(people, count):
    Proposal.objects.all().delete()
    proposals = Proposal.objects.bulk_create(
        Proposal(organisation=people.org, proposer=people.partner, title=f"Proposal {n}",
                 workstream=people.workstream, status="under_review")
        for n in range(count)
    )  # fmt: skip
    Message.objects.bulk_create(
        Message(proposal=p, author=people.partner, kind="from_proposer", text="Hi")
        for p in proposals
    )
    Score.objects.bulk_create(
        Score(proposal=p, reviewer=people.member, relevance=4, regional_balance=3, inclusion=5,
              feasibility=2) for p in proposals
    )  # fmt: skip


def queries(client, people, url, count):
    make(people, count)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Proposal ") >= count
    return len(captured)


@pytest.mark.parametrize("role,url", [("partner", "/proposals/"),
                                      ("member", "/manage/proposals/"),
                                      ("secretariat", "/manage/proposals/"),
                                      ("member", "/manage/"),
                                      ("secretariat", "/manage/")])  # fmt: skip
def test_proposal_lists_cost_the_same_for_1_and_200(client, people, role, url):
    client.force_login(getattr(people, role))
    assert queries(client, people, url, 1) == queries(client, people, url, 200)
