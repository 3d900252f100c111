"""The secretariat's admin for packs, deliveries and checklist items."""

from datetime import timedelta

import pytest

from gcmtalks.briefings.models import ChecklistItem
from gcmtalks.briefings.services import briefings_send_due
from gcmtalks.core.models import AuditEntry
from tests.briefings.conftest import goes, registrant

pytestmark = pytest.mark.django_db


def test_the_admin_lists_packs_deliveries_and_items(client, staff, talk):
    registrant(talk, 1)
    briefings_send_due(now=goes(talk) + timedelta(minutes=1))
    client.force_login(staff)
    client.get(f"/manage/talks/{talk.slug}/checklist/")
    for model in ("briefingpack", "briefingdelivery", "checklistitem"):
        response = client.get(f"/admin/briefings/{model}/")
        assert response.status_code == 200 and "Fair recruitment" in response.text


def test_admin_changes_to_an_item_are_audited(client, staff, talk):
    client.force_login(staff)
    client.get(f"/manage/talks/{talk.slug}/checklist/")
    item = ChecklistItem.objects.get(talk=talk, kind="recording")
    data = {"talk": talk.pk, "kind": "recording", "title": "", "owner": staff.pk,
            "anchor": "end", "offset_days": "10"}  # fmt: skip
    response = client.post(f"/admin/briefings/checklistitem/{item.pk}/change/", data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="checklistitem.change", actor=staff)
    assert entry.changes["offset_days"] == [7, 10]
