"""The secretariat's admin for recordings: the same rules as the workspace, audited."""

import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.recordings.models import Recording
from tests.recordings.conftest import held, recording_of

pytestmark = pytest.mark.django_db

CHATHAM = (
    "This talk is held under the Chatham House Rule: its recording and transcript cannot be public."
)


def data(talk, **changes):
    return {"talk": talk.pk, "url": "https://youtu.be/dQw4w9WgXcQ", "access": "registrants",
            "transcript_access": "registrants",
            "captions-TOTAL_FORMS": "0", "captions-INITIAL_FORMS": "0",
            "transcripts-TOTAL_FORMS": "0", "transcripts-INITIAL_FORMS": "0", **changes}  # fmt: skip


def test_admin_adds_a_recording_through_the_service(client, staff, workstream):
    talk = held(workstream)
    client.force_login(staff)
    response = client.post("/admin/recordings/recording/add/", data(talk))
    assert response.status_code == 302, response.content.decode()[-3000:]
    recording = Recording.objects.get(talk=talk)
    assert recording.host == "youtube"
    assert AuditEntry.objects.get(action="recording.create").actor == staff


def test_admin_refuses_a_public_recording_of_a_chatham_house_talk(client, staff, workstream):
    talk = held(workstream, chatham_house=True)
    client.force_login(staff)
    response = client.post("/admin/recordings/recording/add/", data(talk, access="public"))
    assert response.status_code == 200
    assert CHATHAM in response.content.decode().replace("&#x27;", "'")
    assert not Recording.objects.exists()


def test_admin_lists_and_deletes_recordings(client, staff, talk):
    recording = recording_of(talk)
    client.force_login(staff)
    assert client.get("/admin/recordings/recording/").status_code == 200
    assert client.get(f"/admin/recordings/recording/{recording.pk}/change/").status_code == 200
    response = client.post(f"/admin/recordings/recording/{recording.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Recording.objects.exists()
    assert AuditEntry.objects.filter(action="recording.delete").exists()
