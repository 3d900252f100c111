"""A new briefing pack suggests the existing pledges that match the talk (organisers edit
them before it goes)."""

import pytest

from gcmtalks.briefings.services import pack_for_sending
from gcmtalks.core.models import Objective
from tests.pledges.test_queries import pledge

pytestmark = pytest.mark.django_db


def test_a_new_pack_suggests_matching_pledges(client, talk, people):
    talk.objectives.set(Objective.objects.filter(number__in=[6]))
    pledge("P-1", [6], title="Zero | recruitment fees", link="https://pledges.example.org/1")
    pledge("P-2", [6], title="No link")  # nothing to link to
    pledge("P-3", [2], title="Another objective", link="https://pledges.example.org/3")
    client.force_login(people.member)
    page = client.get(f"/manage/talks/{talk.slug}/briefing/").content.decode()
    assert "Zero / recruitment fees | https://pledges.example.org/1" in page
    assert "No link" not in page and "Another objective" not in page
    pack = pack_for_sending(talk)
    assert pack.pledges == "Zero / recruitment fees | https://pledges.example.org/1"


def test_the_talk_page_shows_matching_pledges(client, talk):
    talk.objectives.set(Objective.objects.filter(number__in=[6]))
    pledge("P-1", [6], title="Zero recruitment fees", link="https://pledges.example.org/1")
    pledge("P-3", [2], title="Another objective")
    page = client.get(talk.get_absolute_url()).content.decode()
    assert "Zero recruitment fees" in page and "Another objective" not in page
