"""The secretariat's admin for intentions, pledges and pledge imports."""

import pytest
from django.utils import timezone

from gcmtalks.core.models import AuditEntry
from gcmtalks.pledges.models import Pledge, PledgeImport

from .conftest import intention

pytestmark = pytest.mark.django_db


def test_the_admin_lists_intentions_pledges_and_imports(client, staff, talk, people):
    item = intention(talk, text="A recruitment fund.", owner=people.amal)
    item.notes.create(text="Called the mission.", by=people.amal)
    Pledge.objects.create(external_id="P-1", title="Fund for fair recruitment",
                          imported_at=timezone.now(), updated_at=timezone.now())  # fmt: skip
    PledgeImport.objects.create(file_name="pledges.csv", file_type="csv", content=b"id\n")
    client.force_login(staff)
    pages = {
        "/admin/intentions/intention/": "A recruitment fund.",
        f"/admin/intentions/intention/{item.pk}/change/": "Called the mission.",
        "/admin/pledges/pledge/": "Fund for fair recruitment",
        "/admin/pledges/pledgeimport/": "pledges.csv",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200 and text in response.text, url


def test_admin_changes_to_an_intention_are_audited(client, staff, talk, people):
    item = intention(talk, owner=people.amal)
    client.force_login(staff)
    data = {
        "talk": talk.pk, "speaker_name": "", "member_state": "", "organisation": "Diaspora Link",
        "text": "A mentoring scheme.", "objectives": [], "owner": people.amal.pk,
        "state": "contacted", "progress": "25", "due_on": "", "reason": "", "pledge": "",
        "recorded_by_speaker": "",
        "notes-TOTAL_FORMS": "0", "notes-INITIAL_FORMS": "0",
        "notes-MIN_NUM_FORMS": "0", "notes-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post(f"/admin/intentions/intention/{item.pk}/change/", data)
    assert response.status_code == 302, response.text[:2000]
    entry = AuditEntry.objects.get(action="intention.change", actor=staff)
    assert entry.changes["state"] == ["voiced", "contacted"]
