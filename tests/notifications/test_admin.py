from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.notifications.services import mail_deliver, mail_queue
from tests.factories import UserFactory, with_two_factors
from tests.smtp import run_tasks

URL = "/admin/notifications/outgoingmail/"


def queue_mails(count, **fields):
    return [
        mail_queue(
            to=f"person{n}@example.org",
            subject=f"Reminder {n}",
            text="The talk starts tomorrow.",
            key=f"reminder:{n}",
            **fields,
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_the_outbox_lists_in_the_same_queries_for_1_and_many(client, staff):
    client.force_login(staff)
    counts = []
    for total in (1, 30):
        OutgoingMail.objects.all().delete()
        queue_mails(total)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_outbox_filters_by_status_and_searches(client, staff):
    client.force_login(staff)
    first, second = queue_mails(2)
    OutgoingMail.objects.filter(pk=second.pk).update(status="failed", last_error="SMTPError: no")
    page = client.get(URL, {"status__exact": "failed"}).content.decode()
    assert "Reminder 1" in page and "Reminder 0" not in page
    page = client.get(URL, {"q": "person0@"}).content.decode()
    assert "Reminder 0" in page and "Reminder 1" not in page


@pytest.mark.django_db
def test_the_outbox_is_read_only(client, staff):
    client.force_login(staff)
    [mail] = queue_mails(1)
    assert client.get(f"{URL}add/").status_code == 403
    assert client.post(f"{URL}{mail.pk}/delete/").status_code == 403
    page = client.get(f"{URL}{mail.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(f"{URL}{mail.pk}/change/", {"subject": "Changed"})
    assert response.status_code == 403
    assert OutgoingMail.objects.get().subject == "Reminder 0"


@pytest.mark.django_db
def test_retry_now_needs_the_right_to_change_mail(client):
    viewer = with_two_factors(UserFactory(is_staff=True))
    viewer.user_permissions.add(Permission.objects.get(codename="view_outgoingmail"))
    client.force_login(viewer)
    [mail] = queue_mails(1)
    OutgoingMail.objects.filter(pk=mail.pk).update(status="failed")
    response = client.get(URL)
    assert response.status_code == 200
    assert "retry_now" not in response.content.decode()
    client.post(URL, {"action": "retry_now", "_selected_action": [mail.pk]})
    assert OutgoingMail.objects.get().status == "failed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_retry_now_sends_a_failed_mail_again(client, staff, mail_server, smtp_settings):
    mail_server.stop()
    failed, sent = queue_mails(2)
    OutgoingMail.objects.filter(pk=failed.pk).update(created_at=timezone.now() - timedelta(days=2))
    run_tasks()
    assert OutgoingMail.objects.get(pk=failed.pk).status == "failed"
    mail_server.start()
    assert mail_deliver(mail_id=sent.pk) is True

    client.force_login(staff)
    response = client.post(
        URL, {"action": "retry_now", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )
    page = response.content.decode()
    assert "1 mail will be sent again." in page and "1 mail was already sent." in page
    run_tasks()
    assert sorted(m["To"] for m in mail_server.received) == [
        "person0@example.org",
        "person1@example.org",
    ]
    assert OutgoingMail.objects.get(pk=failed.pk).status == "sent"
    assert AuditEntry.objects.get(action="mail.retry").actor == staff
