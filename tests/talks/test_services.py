import pytest

from gcmtalks.core import public_cache
from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.forms import TalkForm
from gcmtalks.talks.models import Talk
from gcmtalks.talks.services import talk_delete, talk_save
from tests.factories import TalkFactory, utc

pytestmark = pytest.mark.django_db


def edit(talk, **changes):
    from gcmtalks.api.talks import form_data

    return TalkForm({**form_data(talk), **changes}, instance=talk)


def test_creating_a_talk_is_audited(staff):
    form = TalkForm(
        {
            "title": "Youth and regular pathways",
            "status": "draft",
            "level": "global",
            "start": "2026-05-01 10:00",
            "timezone": "Europe/Zurich",
            "registration_mode": "not_yet_open",
        }
    )
    talk = talk_save(form=form, by=staff)
    entry = AuditEntry.objects.get(object_type="talks.talk", object_id=str(talk.pk))
    assert entry.action == "talk.create" and entry.actor == staff
    assert entry.changes["title"] == [None, "Youth and regular pathways"]


def test_a_change_of_time_raises_the_sequence_and_is_audited(staff):
    talk = TalkFactory(start=utc(2026, 5, 1, 13), end=utc(2026, 5, 1, 14, 30))
    talk = talk_save(
        form=edit(talk, start="2026-05-01T14:00:00Z", end="2026-05-01T15:30:00Z"), by=staff
    )
    assert talk.sequence == 1
    entry = AuditEntry.objects.filter(action="talk.change").get()
    assert entry.changes["start"] == ["2026-05-01T13:00:00+00:00", "2026-05-01T14:00:00+00:00"]


def test_a_new_title_keeps_the_sequence(staff):
    talk = TalkFactory()
    talk = talk_save(form=edit(talk, title="A better title"), by=staff)
    assert talk.sequence == 0
    assert Talk.objects.get(pk=talk.pk).title == "A better title"


def test_cancelling_raises_the_sequence(staff):
    talk = TalkFactory()
    talk = talk_save(form=edit(talk, status="cancelled"), by=staff)
    assert talk.sequence == 1


def test_saving_without_a_change_writes_nothing(staff):
    talk = TalkFactory(languages=["en", "fr"])
    updated = talk.updated_at
    talk_save(form=edit(talk), by=staff)
    assert Talk.objects.get(pk=talk.pk).updated_at == updated
    assert not AuditEntry.objects.exists()


def test_a_change_empties_the_public_cache(staff, django_capture_on_commit_callbacks):
    talk = TalkFactory()
    version = public_cache.version.current()
    with django_capture_on_commit_callbacks(execute=True):
        talk_save(form=edit(talk, title="Renamed"), by=staff)
    assert public_cache.version.current() != version


def test_deleting_is_audited(staff):
    talk = TalkFactory()
    talk_delete(talk=talk, by=staff)
    assert not Talk.objects.exists()
    assert AuditEntry.objects.get().action == "talk.delete"
