"""Every proposal view and action × every role: each gets exactly what it may; others get a
redirect to sign in, 403 or 404, and never the proposal."""

import pytest

from gcmtalks.proposals.models import Proposal
from tests.proposals.test_flow import submitted

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "partner", "member_other", "member", "lead", "secretariat"]
PROPOSER = {"partner"}
REVIEWERS = {"member", "lead", "secretariat"}
DECIDERS = {"lead", "secretariat"}

# (method, path, data, who may)
VIEWS = [
    ("get", "/proposals/{pk}/", None, PROPOSER),
    ("get", "/proposals/{pk}/edit/", None, PROPOSER),  # submitted: sent back to its page
    ("post", "/proposals/{pk}/reply/", {"message-text": "Hello"}, PROPOSER),
    ("get", "/manage/proposals/{pk}/", None, REVIEWERS),
    ("post", "/manage/proposals/{pk}/review/", None, REVIEWERS),
    ("post", "/manage/proposals/{pk}/note/", {"note-kind": "note", "note-text": "n"}, REVIEWERS),
    ("post", "/manage/proposals/{pk}/score/",
     {"score-relevance": 3, "score-regional_balance": 3, "score-inclusion": 3,
      "score-feasibility": 3}, REVIEWERS),
    ("post", "/manage/proposals/{pk}/request-changes/", {"message-text": "More"}, REVIEWERS),
    ("post", "/manage/proposals/{pk}/assign/", {"assign-workstream": "ws-climate"}, {"secretariat"}),
    ("post", "/manage/proposals/{pk}/decline/", {"decision-reason": "No"}, DECIDERS),
    ("post", "/manage/proposals/{pk}/accept/", {"decision-reason": "Yes"}, DECIDERS),
    ("post", "/proposals/{pk}/withdraw/", None, PROPOSER),
]  # fmt: skip


@pytest.mark.parametrize("method,path,data,allowed", VIEWS, ids=[v[1] + v[0] for v in VIEWS])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_it_may(client, people, role, method, path, data, allowed):
    proposal = submitted(people)
    if role != "anonymous":
        client.force_login(getattr(people, role))
    before = (proposal.status, proposal.workstream_id, proposal.messages.count())
    response = getattr(client, method)(path.format(pk=proposal.pk), data or {})
    proposal.refresh_from_db()
    after = (proposal.status, proposal.workstream_id, proposal.messages.count())
    if role in allowed:
        assert response.status_code in (200, 302)
        if method == "get" and response.status_code == 200:
            assert "Fair recruitment corridors" in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:  # anonymous: to the sign-in page
            assert "/accounts/login/" in response["Location"]
        assert "Fair recruitment corridors" not in response.content.decode()
        assert before == after  # nothing changed


@pytest.mark.parametrize("role", ROLES)
def test_the_lists_show_each_role_only_its_proposals(client, people, role):
    submitted(people)
    if role != "anonymous":
        client.force_login(getattr(people, role))
    partner_list = client.get("/proposals/")
    review_list = client.get("/manage/proposals/")
    sees_own = role in ("partner",)
    sees_review = role in REVIEWERS
    assert ("Fair recruitment" in partner_list.content.decode()) == sees_own
    assert review_list.status_code == (200 if sees_review or role == "member_other" else
                                       (302 if role == "anonymous" else 403))  # fmt: skip
    assert ("Fair recruitment" in review_list.content.decode()) == sees_review


def test_drafts_stay_with_their_proposers(client, people):
    proposal = submitted(people)
    Proposal.objects.filter(pk=proposal.pk).update(status="draft")
    client.force_login(people.secretariat)
    assert client.get(f"/manage/proposals/{proposal.pk}/").status_code == 404
    assert "Fair recruitment" not in client.get("/manage/proposals/").content.decode()


def test_reviewers_without_two_factors_cannot_open_the_workspace(client, people):
    from allauth.mfa.models import Authenticator

    proposal = submitted(people)
    Authenticator.objects.filter(user=people.member).delete()
    client.force_login(people.member)
    response = client.get(f"/manage/proposals/{proposal.pk}/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]
