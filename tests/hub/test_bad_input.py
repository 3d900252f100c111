import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.hub.models import Practice, PracticeLink, Review
from tests.hub.conftest import assign, make_practice, practice_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field,value,message", [
    ("title", "   ", "This field is required."),
    ("objectives", ["6", "99"], "“99” is not one of the known values."),
    ("links-0-url", "not a web address", "Enter a valid URL."),
    ("countries", ["XX"], "“XX” is not one of the known values."),
    ("period_end", "2010", "The period must end after it starts."),
    ("period_start", "1200", "Give a year between 1950 and 2100."),
])  # fmt: skip
def test_new_practice_with_bad_input_saves_nothing(client, people, field, value, message):
    client.force_login(people.submitter)
    response = client.post("/hub/submit/", practice_data(**{field: value}))
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page and "Please correct the fields marked below." in page
    assert "Fair recruitment corridors" in page or field == "title"  # what was typed stays
    assert not Practice.objects.exists() and not PracticeLink.objects.exists()


def test_edit_with_bad_input_changes_nothing(client, people):
    practice = make_practice(people.submitter, title="Kept title")
    client.force_login(people.submitter)
    response = client.post(f"/hub/mine/{practice.pk}/edit/", practice_data(objectives=["0"]))
    assert response.status_code == 422
    practice.refresh_from_db()
    assert practice.title == "Kept title"
    assert [o.number for o in practice.objectives.all()] == [6]


def test_practice_in_review_cannot_be_edited(client, people):
    practice = make_practice(people.submitter, status="under_review", title="Kept title")
    client.force_login(people.submitter)
    page = client.post(f"/hub/mine/{practice.pk}/edit/", practice_data(), follow=True)
    assert "it can no longer be changed" in page.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Kept title"


def test_review_forms_with_bad_input_save_nothing(client, people):
    practice = make_practice(people.submitter, status="under_review")
    review = assign(practice, people.first)
    client.force_login(people.first)
    url = f"/manage/practices/{practice.pk}/"
    page = client.post(url + "conflict/", {"conflict-declared": "1"}, follow=True)
    assert "Describe the conflict of interest." in page.content.decode()
    client.post(url + "conflict/", {"conflict-declared": "0"})
    page = client.post(url + "review/", {"review-relates_to_objective": "maybe",
                                         "review-recommendation": "accept"}, follow=True)  # fmt: skip
    assert "Select a valid choice. maybe is not one of the available choices." in (
        page.content.decode()
    )
    review.refresh_from_db()
    assert review.submitted_at is None and review.relates_to_objective == ""


def test_assign_and_decide_with_bad_input_change_nothing(client, people):
    practice = make_practice(people.submitter, status="under_review")
    client.force_login(people.secretariat)
    url = f"/manage/practices/{practice.pk}/"
    page = client.post(url + "assign/", {"assign-reviewer": "999999", "assign-is_un": "1"},
                       follow=True).content.decode()  # fmt: skip
    assert "Select a valid choice." in page
    page = client.post(url + "return/", {"decision-reason": "  "}, follow=True).content.decode()
    assert "This field is required." in page or "Give the reason" in page
    practice.refresh_from_db()
    assert practice.status == "under_review" and not Review.objects.exists()
    assert not AuditEntry.objects.filter(object_type="hub.practice").exists()


def test_a_reviewer_cannot_be_assigned_twice(client, people):
    practice = make_practice(people.submitter, status="under_review")
    assign(practice, people.first)
    client.force_login(people.secretariat)
    page = client.post(f"/manage/practices/{practice.pk}/assign/",
                       {"assign-reviewer": people.first.pk, "assign-is_un": "0"}, follow=True)  # fmt: skip
    assert "This person already reviews this practice." in page.content.decode()
    assert practice.reviews.count() == 1
