"""Registrants of a held talk hear of its published summary report, once each."""

import pytest

from gcmtalks.registrations.models import Registration
from gcmtalks.reports.services import report_publish, report_unpublish
from tests.reports.conftest import register, write
from tests.smtp import run_tasks


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("smtp_settings")
def test_publishing_the_report_tells_each_registrant_once(talk, people, mail_server):
    register(talk, "Ana Lima", n=1)
    register(talk, "Bo Chen", n=2, status=Registration.Status.ATTENDED, locale="fr")
    register(talk, "Cy Dunn", n=3, status=Registration.Status.CANCELLED)
    write(talk, people.member, context="What was said.")
    report_publish(talk=talk, by=people.member)
    run_tasks()
    report_unpublish(talk=talk, by=people.member)
    report_publish(talk=talk, by=people.member)  # published again: nobody hears twice
    run_tasks()
    received = sorted(message["To"] for message in mail_server.received)
    registrants = Registration.objects.filter(talk=talk).order_by("pk")
    assert received == sorted(r.email for r in registrants[:2])
    links = [message.get_body(("plain",)).get_content() for message in mail_server.received]
    assert all(f"/talks/{talk.slug}/report/" in text for text in links)
