"""The follow-up from end to end, through the organisers' pages and a real SMTP server: an
intention recorded at a talk, assigned, reminded when overdue, moved on to pledged and linked to
its pledge; the progress figures follow its states everywhere they are shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gcmtalks.intentions.models import Intention
from gcmtalks.intentions.services import intentions_remind
from gcmtalks.pledges.models import Pledge
from tests.smtp import run_tasks

from .conftest import form_data
from .test_workspace import step


def progress_everywhere(client, talk) -> tuple:
    """The progress as the talk page, the board's summary and the public follow-up give it."""
    talk_page = client.get(talk.get_absolute_url()).context
    board = client.get(reverse("intentions_workspace:board")).context
    follow_up = client.get(reverse("intentions:follow_up")).context
    return (
        talk_page["summary"].progress,
        board["by_talk"][0].progress,
        follow_up["overall"].progress,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("smtp_settings")
def test_an_intention_from_voiced_to_pledged(client, talk, people, mail_server):
    client.force_login(people.bruno)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("intentions_workspace:talk", args=[talk.slug]),
        form_data(due_on=yesterday.isoformat()),
    )
    assert response.status_code == 302
    item = Intention.objects.get()
    assert item.owner is None and item.progress == 0

    # Assigned on the board.
    response = client.post(reverse("intentions_workspace:reassign"),
                           {"intentions": [item.pk], "new_owner": people.amal.pk})  # fmt: skip
    assert response.status_code == 302
    assert "1 intention has a new owner." in client.get(response.url).text

    # Overdue: its owner is reminded.
    assert intentions_remind() == 1
    run_tasks()
    [mail] = mail_server.received
    assert mail["To"] == "amal@un.example.org"
    text = mail.get_body(("plain",)).get_content()
    assert "Overdue since" in text and "To fund a fair recruitment pilot" in text
    assert reverse("intentions_workspace:detail", args=[item.pk]) in text

    # The owner follows it up, step by step, and the figures follow.
    client.force_login(people.amal)
    detail = reverse("intentions_workspace:move", args=[item.pk])
    assert progress_everywhere(client, talk) == (0, 0, 0)
    client.post(detail, step(state="contacted", note="Wrote to the mission."))
    assert progress_everywhere(client, talk) == (25, 25, 25)
    client.post(detail, step(state="in_preparation"))
    assert progress_everywhere(client, talk) == (60, 60, 60)
    Pledge.objects.create(external_id="GCM-2291", title="Fair recruitment fund",
                          link="https://migrationnetwork.un.org/pledges/2291",
                          imported_at=timezone.now(), updated_at=timezone.now())  # fmt: skip
    client.post(detail, step(state="pledged", pledge="GCM-2291"))
    assert progress_everywhere(client, talk) == (100, 100, 100)
    item.refresh_from_db()
    assert item.state == Intention.State.PLEDGED and item.pledge.external_id == "GCM-2291"
    page = client.get(reverse("intentions_workspace:detail", args=[item.pk])).text
    assert 'href="https://migrationnetwork.un.org/pledges/2291"' in page
    assert "Wrote to the mission." in page
    # Pledged: no more reminders.
    assert intentions_remind(now=timezone.now() + timedelta(days=8)) == 0
