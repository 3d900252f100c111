"""Announcements: each newly published talk mailed once to the matching subscribers who
asked for them."""

import importlib
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from gcmtalks.circulation.models import PublishedTalk
from gcmtalks.circulation.services import talks_announce
from gcmtalks.core.models import AuditEntry
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.talks.models import Talk
from gcmtalks.talks.services import talk_publish
from tests.factories import StaffFactory, TalkFactory, in_days

from .conftest import subscriber

pytestmark = pytest.mark.django_db


def announcements():
    return OutgoingMail.objects.filter(key__contains=":announce:").order_by("to")


def test_a_published_talk_is_announced_once_to_the_matching_subscribers_who_asked():
    yesterday = timezone.now() - timedelta(days=1)
    africa = subscriber("africa@example.org", confirmed=yesterday, regions=["africa"],
                        announcements=True)  # fmt: skip
    subscriber("europe@example.org", confirmed=yesterday, regions=["europe-north-america"],
               announcements=True)  # fmt: skip
    subscriber("digest-only@example.org", confirmed=yesterday)
    subscriber("pending@example.org", regions=["africa"], announcements=True)
    everything = subscriber("all@example.org", confirmed=yesterday, announcements=True,
                            language="fr")  # fmt: skip
    talk = TalkFactory(title="Regional review: Africa", region_slugs=["africa"],
                       summary="The review of the GCM in Africa.", title_fr="Examen : Afrique")  # fmt: skip
    assert talks_announce() == 2
    assert [mail.to for mail in announcements()] == ["africa@example.org", "all@example.org"]
    mail = announcements().get(to="africa@example.org")
    assert mail.key == f"circulation:{africa.pk}:announce:{talk.pk}"
    assert mail.subject == "New GCM Talk: Regional review: Africa"
    assert "The review of the GCM in Africa." in mail.text
    assert f"http://127.0.0.1:8000/talks/{talk.slug}/" in mail.text
    assert "Geneva time (" in mail.text
    assert mail.headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/unsubscribe/")
    french = announcements().get(to="all@example.org")
    assert "Examen : Afrique" in french.subject and french.language == "fr"
    assert f"circulation:{everything.pk}:" in french.key
    # Each talk once, however often the command runs.
    assert talks_announce() == 0
    assert announcements().count() == 2
    entry = AuditEntry.objects.get(action="talk.announce")
    assert entry.object_id == str(talk.pk) and entry.changes == {"announced_to": [None, 2]}


def test_a_draft_is_announced_when_it_is_published():
    subscriber("all@example.org", confirmed=timezone.now() - timedelta(days=1), announcements=True)
    talk = TalkFactory(status=Talk.Status.DRAFT)
    assert talks_announce() == 0
    talk_publish(talk=talk, by=StaffFactory())
    assert talks_announce() == 1
    assert talks_announce() == 0


def test_past_postponed_and_cancelled_talks_are_not_announced():
    subscriber("all@example.org", confirmed=timezone.now() - timedelta(days=1), announcements=True)
    TalkFactory(start=in_days(-3))
    TalkFactory(status=Talk.Status.CANCELLED)
    TalkFactory(status=Talk.Status.POSTPONED)
    assert talks_announce() == 0
    assert not announcements().exists()


def test_a_talk_with_no_matching_subscriber_is_still_done_with():
    talk = TalkFactory()
    assert talks_announce() == 0
    record = PublishedTalk.objects.get(talk=talk)
    assert record.announced_at is not None
    subscriber("late@example.org", confirmed=timezone.now(), announcements=True)
    assert talks_announce() == 0


def test_talks_published_before_the_circulation_existed_are_not_announced():
    talk = TalkFactory()
    past = TalkFactory(start=in_days(-5))
    migration = importlib.import_module(
        "gcmtalks.circulation.migrations.0002_talks_already_published"
    )
    migration.record(apps, None)
    assert list(PublishedTalk.objects.values_list("talk_id", flat=True)) == [talk.pk]
    assert not PublishedTalk.objects.filter(talk=past).exists()
    subscriber("all@example.org", confirmed=timezone.now(), announcements=True)
    assert talks_announce() == 0


def test_the_command_announces_new_talks():
    subscriber("all@example.org", confirmed=timezone.now(), announcements=True)
    TalkFactory()
    out = StringIO()
    call_command("announce_new_talks", stdout=out)
    call_command("announce_new_talks", stdout=out)
    assert out.getvalue().splitlines() == ["1 announcements queued.", "0 announcements queued."]
