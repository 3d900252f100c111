import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.hub.models import Practice
from gcmtalks.notifications.models import OutgoingMail
from tests.hub.conftest import assign, make_practice, practice_data

pytestmark = pytest.mark.django_db


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, follow=True)


def review_data(**extra):
    answers = {f"review-{name}": "yes" for name in (
        "relates_to_objective", "respects_principles", "mostly_complete",
        "innovative_or_replicable", "after_december_2018")}  # fmt: skip
    return {**answers, "review-recommendation": "accept", "review-comments": "Solid.", **extra}


def test_practice_goes_from_a_talk_page_to_the_hub(client, people, talk):
    # Submitted from a talk page: saved as a draft first, linked to the talk.
    client.force_login(people.submitter)
    form = client.get(f"/hub/submit/?talk={talk.slug}").content.decode()
    assert "Presented at: <bdi>Labour mobility in Asia</bdi>" in form  # its own direction
    page = post(client, people.submitter, f"/hub/submit/?talk={talk.slug}",
                practice_data(talks=[talk.slug]))  # fmt: skip
    practice = Practice.objects.get()
    assert "Your draft is saved." in page.content.decode()
    assert practice.status == "draft" and practice.submitter == people.submitter
    assert list(practice.talks.all()) == [talk]
    assert [link.url for link in practice.links.all()] == ["https://example.org/evaluation"]
    post(client, people.submitter, f"/hub/mine/{practice.pk}/submit/")
    practice.refresh_from_db()
    assert practice.status == "submitted"

    # The secretariat takes it up and assigns one UN and two non-UN reviewers.
    base = f"/manage/practices/{practice.pk}/"
    post(client, people.secretariat, base + "start-review/")
    for reviewer, is_un in ((people.un, "1"), (people.first, "0"), (people.second, "0")):
        post(client, people.secretariat, base + "assign/",
             {"assign-reviewer": reviewer.pk, "assign-is_un": is_un})  # fmt: skip
    assert practice.reviews.count() == 3

    # Each declares conflicts; one has one and cannot score.
    post(client, people.un, base + "conflict/", {"conflict-declared": "0"})
    post(client, people.un, base + "review/", review_data(**{"review-recommendation": "changes"}))
    post(client, people.first, base + "conflict/", {"conflict-declared": "0"})
    post(client, people.first, base + "review/", review_data())
    post(client, people.second, base + "conflict/",
         {"conflict-declared": "1", "conflict-text": "I advised the project."})  # fmt: skip
    page = post(client, people.second, base + "review/", review_data())
    assert "You declared a conflict of interest: you cannot score it." in page.content.decode()
    second = practice.reviews.get(reviewer=people.second)
    assert second.conflict_declared and not second.recommendation

    # The rule is not met (the conflicted review does not count): no acceptance yet.
    page = post(client, people.secretariat, base + "accept/", {"decision-reason": "Good."})
    assert "Still missing: 1 review by a non-UN reviewer" in page.content.decode()
    practice.refresh_from_db()
    assert practice.status == "under_review"

    # Returned for changes, with the reason mailed to the submitter.
    post(client, people.secretariat, base + "return/",
         {"decision-reason": "Please add the evaluation's figures."})  # fmt: skip
    practice.refresh_from_db()
    assert practice.status == "changes_requested"
    mail = OutgoingMail.objects.get(to=people.submitter.email)
    assert mail.subject == "Changes requested: Fair recruitment corridors"
    assert "Please add the evaluation's figures." in mail.text

    # The submitter corrects it and submits it again.
    page = post(client, people.submitter, f"/hub/mine/{practice.pk}/edit/",
                practice_data(talks=[talk.slug], description="Fees fell by 80% (evaluation).",
                              submit="1"))  # fmt: skip
    assert "Your practice is submitted." in page.content.decode()
    practice.refresh_from_db()
    assert practice.status == "under_review" and "80%" in practice.description

    # A third reviewer replaces the conflicted one; the secretariat accepts.
    post(client, people.secretariat, base + "assign/",
         {"assign-reviewer": people.third.pk, "assign-is_un": "0"})  # fmt: skip
    post(client, people.third, base + "conflict/", {"conflict-declared": "0"})
    post(client, people.third, base + "review/", review_data())
    page = post(client, people.secretariat, base + "accept/",
                {"decision-reason": "It meets the Hub's criteria."})  # fmt: skip
    assert "The practice is accepted" in page.content.decode()
    practice.refresh_from_db()
    assert practice.status == "accepted" and practice.decided_at
    accepted = OutgoingMail.objects.filter(to=people.submitter.email).latest("id")
    assert accepted.subject == "Accepted for the Hub: Fair recruitment corridors"

    # Public on /hub/ and on its own page, with its talk.
    client.logout()
    assert "Fair recruitment corridors" in client.get("/hub/").content.decode()
    detail = client.get(f"/hub/{practice.pk}/").content.decode()
    assert "Labour mobility in Asia" in detail and "Fees fell by 80%" in detail

    actions = list(
        AuditEntry.objects.filter(object_type="hub.practice", object_id=str(practice.pk))
        .order_by("id").values_list("action", flat=True)
    )  # fmt: skip
    assert actions == [
        "practice.create", "practice.submit", "practice.review", "practice.assign",
        "practice.assign", "practice.assign", "practice.conflict", "practice.review_submit",
        "practice.conflict", "practice.review_submit", "practice.conflict", "practice.return",
        "practice.change", "practice.resubmit", "practice.assign", "practice.conflict",
        "practice.review_submit", "practice.accept",
    ]  # fmt: skip


def test_decision_is_refused_before_the_reviewer_rule_is_met(client, people):
    practice = make_practice(people.submitter, status="under_review")
    assign(practice, people.first, submitted_at="2026-01-05T10:00Z", conflict_declared=False)
    assign(practice, people.second, submitted_at="2026-01-05T10:00Z", conflict_declared=False)
    client.force_login(people.secretariat)
    page = client.get(f"/manage/practices/{practice.pk}/").content.decode()
    assert "the practice needs: a review by a UN reviewer" in page
    for action in ("accept", "decline"):
        page = post(client, people.secretariat, f"/manage/practices/{practice.pk}/{action}/",
                    {"decision-reason": "Reason."})  # fmt: skip
        assert "Still missing: a review by a UN reviewer." in page.content.decode()
    practice.refresh_from_db()
    assert practice.status == "under_review"
    assert not OutgoingMail.objects.exists()


def test_decision_mail_is_in_the_submitters_language(client, people):
    practice = make_practice(people.submitter, status="under_review", locale="fr")
    post(client, people.secretariat, f"/manage/practices/{practice.pk}/return/",
         {"decision-reason": "Ajoutez des chiffres."})  # fmt: skip
    mail = OutgoingMail.objects.get()
    assert mail.language == "fr" and "Ajoutez des chiffres." in mail.text


def test_submission_of_an_incomplete_draft_says_what_is_missing(client, people):
    practice = make_practice(people.submitter, objectives=(), description="")
    page = post(client, people.submitter, f"/hub/mine/{practice.pk}/submit/")
    assert "Complete these before submitting: GCM objectives, description." in (
        page.content.decode()
    )
    practice.refresh_from_db()
    assert practice.status == "draft"


def test_organiser_records_a_practice_on_the_presenters_behalf(client, people, talk):
    client.force_login(people.member)
    assert "Presented by (name)" in client.get("/hub/submit/").content.decode()
    client.post("/hub/submit/", practice_data(
        on_behalf_of_name="Rosa Díaz", on_behalf_of_organisation="Diaspora Link"))  # fmt: skip
    practice = Practice.objects.get()
    assert practice.submitter == people.member and practice.on_behalf_of_name == "Rosa Díaz"


def test_on_behalf_fields_are_for_organisers_only(client, people):
    client.force_login(people.submitter)
    assert "Presented by (name)" not in client.get("/hub/submit/").content.decode()
    client.post("/hub/submit/", practice_data(on_behalf_of_name="Someone else"))
    assert Practice.objects.get().on_behalf_of_name == ""
