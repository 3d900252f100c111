import pytest
from django.urls import reverse

from tests.hub.conftest import assign, make_practice

pytestmark = pytest.mark.django_db


def status(client, user, url):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    return client.get(url).status_code


def test_draft_is_seen_by_its_submitter_and_the_secretariat_only(client, people):
    draft = make_practice(people.submitter, title="Secret draft")
    mine = f"/hub/mine/{draft.pk}/"
    assert status(client, people.submitter, mine) == 200
    assert "Secret draft" in client.get("/hub/mine/").content.decode()
    for user in (people.outsider, people.member, people.secretariat):
        assert status(client, user, mine) == 404
    assert status(client, people.secretariat, f"/manage/practices/{draft.pk}/") == 200
    for user in (None, people.submitter, people.outsider, people.secretariat):
        assert status(client, user, f"/hub/{draft.pk}/") == 404
    for user in (people.member, people.first):
        assert status(client, user, f"/manage/practices/{draft.pk}/") == 404


def test_reviews_are_seen_by_assigned_reviewers_and_the_secretariat_only(client, people):
    practice = make_practice(people.submitter, status="under_review")
    assign(practice, people.first, conflict_declared=False, comments="Internal remark")
    url = f"/manage/practices/{practice.pk}/"
    for user in (people.first, people.secretariat):
        client.force_login(user)
        assert "Internal remark" in client.get(url).content.decode()
    assert status(client, people.member, url) == 404
    # The submitter sees their practice and the decision's reason, never the reviews.
    client.force_login(people.submitter)
    assert "Internal remark" not in client.get(f"/hub/mine/{practice.pk}/").content.decode()
    assert status(client, people.submitter, url) == 403  # not in the workspace at all


def test_only_the_secretariat_assigns_and_decides(client, people):
    practice = make_practice(people.submitter, status="under_review")
    assign(practice, people.first)
    client.force_login(people.first)
    for action in ("assign", "accept", "return", "start-review"):
        response = client.post(f"/manage/practices/{practice.pk}/{action}/",
                               {"decision-reason": "x"})  # fmt: skip
        assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == "under_review" and practice.reviews.count() == 1


def test_submit_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/hub/submit/?talk=labour-talk")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] and "submit" in response["Location"]


def test_review_list_shows_a_reviewer_only_their_practices(client, people):
    mine = make_practice(people.submitter, status="under_review", title="Assigned to me")
    make_practice(people.submitter, status="under_review", title="Someone else's")
    make_practice(people.submitter, title="A draft")
    assign(mine, people.first)
    client.force_login(people.first)
    page = client.get("/manage/practices/").content.decode()
    assert "Assigned to me" in page and "Someone else" not in page
    client.force_login(people.secretariat)
    page = client.get("/manage/practices/").content.decode()
    assert "Assigned to me" in page and "Someone else" in page and "A draft" not in page


def test_workspace_needs_two_factors(client, people):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=people.secretariat).delete()
    client.force_login(people.secretariat)
    response = client.get("/manage/practices/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
