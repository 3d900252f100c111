"""An assigned reviewer is told by mail what to review, how, and where: once, through the
outbox, delivered to a real SMTP server."""

import pytest
from django.conf import settings

from gcmtalks.hub import services
from gcmtalks.hub.models import Review
from gcmtalks.notifications.models import OutgoingMail
from tests.hub.conftest import CRITERIA, assign, make_practice
from tests.smtp import run_tasks

pytestmark = pytest.mark.django_db


def assign_over_http(client, people, practice, reviewer, is_un):
    client.force_login(people.secretariat)
    return client.post(f"/manage/practices/{practice.pk}/assign/",
                       {"assign-reviewer": reviewer.pk, "assign-is_un": "1" if is_un else "0"},
                       follow=True)  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("smtp_settings")
def test_assigned_reviewer_gets_a_mail_once(client, people, mail_server):
    practice = make_practice(people.submitter, status="submitted",
                             title="Fair recruitment corridors")  # fmt: skip
    page = assign_over_http(client, people, practice, people.un, is_un=True)
    assert "The reviewer is assigned." in page.content.decode()
    run_tasks()
    run_tasks()  # a second worker pass sends nothing more

    [message] = mail_server.received
    assert message["To"] == "un-reviewer@example.org"
    assert message["Subject"] == "Please review: Fair recruitment corridors"
    assert message["Content-Language"] == settings.LANGUAGE_CODE
    text = message.get_body(("plain",)).get_content()
    assert "review the good practice “Fair recruitment corridors”" in text
    assert "as a UN reviewer" in text
    assert "first declare whether you have a conflict of interest" in text
    for criterion in CRITERIA:
        assert f"- {criterion}" in text
    assert f"Your review: {settings.SITE_URL}/manage/practices/{practice.pk}/" in text
    review = Review.objects.get(practice=practice)
    mail = OutgoingMail.objects.get()
    assert mail.key == f"hub-review:{review.pk}" and mail.status == "sent"


def test_each_assignment_queues_one_mail_to_its_reviewer(client, people):
    practice = make_practice(people.submitter, status="under_review")
    assign_over_http(client, people, practice, people.un, is_un=True)
    assign_over_http(client, people, practice, people.first, is_un=False)
    mails = {mail.to: mail for mail in OutgoingMail.objects.all()}
    assert sorted(mails) == ["first-reviewer@example.org", "un-reviewer@example.org"]
    assert "as a non-UN reviewer" in mails["first-reviewer@example.org"].text
    assert mails["un-reviewer@example.org"].language == settings.LANGUAGE_CODE


def test_the_mail_is_kept_once_per_review(people):
    practice = make_practice(people.submitter, status="under_review")
    review = services.reviewer_assign(practice=practice, reviewer=people.un, is_un=True,
                                      by=people.secretariat)  # fmt: skip
    services.tell_reviewer(review)  # e.g. a retried task: the key is the same
    assert OutgoingMail.objects.filter(key=f"hub-review:{review.pk}").count() == 1
    assert OutgoingMail.objects.count() == 1


def test_refused_assignments_mail_nobody(client, people):
    practice = make_practice(people.submitter, status="under_review")
    assign(practice, people.first)
    page = assign_over_http(client, people, practice, people.first, is_un=False)
    assert "This person already reviews this practice." in page.content.decode()
    client.post(f"/manage/practices/{practice.pk}/assign/",
                {"assign-reviewer": "999999", "assign-is_un": "1"})  # fmt: skip
    draft = make_practice(people.submitter)
    page = assign_over_http(client, people, draft, people.un, is_un=True)
    assert "only while a practice is in review" in page.content.decode()
    assert not OutgoingMail.objects.exists()


def test_a_reviewer_without_an_address_is_assigned_without_mail(client, people):
    people.un.email = ""
    people.un.save()
    practice = make_practice(people.submitter, status="under_review")
    assign_over_http(client, people, practice, people.un, is_un=True)
    assert practice.reviews.get().reviewer == people.un
    assert not OutgoingMail.objects.exists()


def test_the_mail_is_in_the_sites_language(people, settings):
    settings.LANGUAGE_CODE = "fr"  # users have no language of their own
    practice = make_practice(people.submitter, status="under_review")
    services.reviewer_assign(practice=practice, reviewer=people.un, is_un=True,
                             by=people.secretariat)  # fmt: skip
    mail = OutgoingMail.objects.get()
    assert mail.language == "fr"
    assert "GCM Talks – Réseau des Nations Unies sur les migrations" in mail.text
