"""The weekly digest: the talks published, changed, postponed or cancelled since a
subscriber's last digest that match their choices, once a week."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from gcmtalks.circulation.models import PublishedTalk, Subscriber
from gcmtalks.circulation.services import digest_due, digests_send, iso_week
from gcmtalks.core.models import Objective
from gcmtalks.core.timezones import zone
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.talks.models import Talk
from tests.factories import OrganiserFactory, TalkFactory, in_days

from .conftest import subscriber

pytestmark = pytest.mark.django_db


def digest_of(person):
    mails = OutgoingMail.objects.filter(key__startswith=f"circulation:{person.pk}:digest:")
    return mails.get() if mails else None


def titles_in(mail):
    return sorted(line.split("] ", 1)[1] for line in mail.text.splitlines() if line.startswith("["))


@pytest.fixture
def talks(db):
    labour = OrganiserFactory(slug="ws-labour", name="Labour migration")
    made = {
        "africa": TalkFactory(title="Africa review", region_slugs=["africa"]),
        "europe": TalkFactory(title="Europe review", region_slugs=["europe-north-america"]),
        "labour": TalkFactory(title="Labour talk"),
        "french": TalkFactory(title="Talk in French", languages=["fr"]),
        "objective": TalkFactory(title="Talk on objective 5"),
        "both": TalkFactory(title="Africa in French", region_slugs=["africa"], languages=["fr"]),
    }
    made["labour"].organisers.set([labour])
    made["objective"].objectives.set(Objective.objects.filter(number=5))
    made["labour_org"] = labour
    return made


def test_each_subscriber_gets_the_talks_matching_their_choices(talks):
    now = timezone.now()
    week_ago = now - timedelta(days=1)
    people = {
        "region": subscriber("r@example.org", confirmed=week_ago, regions=["africa"]),
        "organiser": subscriber("o@example.org", confirmed=week_ago,
                                organisers=[talks["labour_org"]]),
        "language": subscriber("l@example.org", confirmed=week_ago, languages=["fr"]),
        "objective": subscriber("t@example.org", confirmed=week_ago, objectives=[5]),
        "combined": subscriber("c@example.org", confirmed=week_ago, regions=["africa"],
                               languages=["fr"]),
        "everything": subscriber("e@example.org", confirmed=week_ago),
    }  # fmt: skip
    assert digests_send(now=now) == 6
    assert titles_in(digest_of(people["region"])) == ["Africa in French", "Africa review"]
    assert titles_in(digest_of(people["organiser"])) == ["Labour talk"]
    assert titles_in(digest_of(people["language"])) == ["Africa in French", "Talk in French"]
    assert titles_in(digest_of(people["objective"])) == ["Talk on objective 5"]
    assert titles_in(digest_of(people["combined"])) == ["Africa in French"]
    assert len(titles_in(digest_of(people["everything"]))) == 6
    mail = digest_of(people["region"])
    assert mail.subject == "GCM Talks this week: 2 new or changed talks"
    assert "[New] Africa review" in mail.text
    assert f"http://127.0.0.1:8000/talks/{talks['africa'].slug}/" in mail.text
    assert "Geneva time (" in mail.text
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.html.startswith("<!DOCTYPE html>") and 'dir="ltr"' in mail.html


def test_the_digest_goes_once_a_week_with_only_what_changed_since(talks):
    now = timezone.now()
    person = subscriber("r@example.org", confirmed=now - timedelta(days=1), regions=["africa"])
    assert digests_send(now=now) == 1
    assert digests_send(now=now + timedelta(hours=1)) == 0
    assert OutgoingMail.objects.count() == 1
    person.refresh_from_db()
    assert person.digest_week == iso_week(now) and person.digest_since == now
    # During the week a talk is changed and another one published.
    changed = talks["africa"]
    Talk.objects.filter(pk=changed.pk).update(updated_at=now + timedelta(days=2))
    TalkFactory(title="New one in Africa", region_slugs=["africa"], start=in_days(40))
    next_week = now + timedelta(days=7)
    Talk.objects.filter(title="New one in Africa").update(updated_at=now + timedelta(days=3))
    assert digests_send(now=next_week) == 1
    digest = OutgoingMail.objects.get(key=f"circulation:{person.pk}:digest:{iso_week(next_week)}")
    assert titles_in(digest) == ["Africa review", "New one in Africa"]
    assert "[Changed] Africa review" in digest.text
    assert "[New] New one in Africa" in digest.text


def test_postponed_and_cancelled_talks_are_marked_so(talks):
    now = timezone.now()
    long_ago = now - timedelta(days=30)
    person = subscriber("e@example.org", confirmed=now - timedelta(days=1), regions=["africa"])
    PublishedTalk.objects.bulk_create(
        PublishedTalk(talk=talk, seen_at=long_ago) for talk in (talks["africa"], talks["both"])
    )
    Talk.objects.filter(pk=talks["africa"].pk).update(status=Talk.Status.POSTPONED)
    Talk.objects.filter(pk=talks["both"].pk).update(status=Talk.Status.CANCELLED)
    digests_send(now=now)
    text = digest_of(person).text
    assert "[Postponed] Africa review" in text
    assert "[Cancelled] Africa in French" in text


def test_nothing_new_sends_nothing_and_drafts_and_past_talks_are_left_out(db):
    now = timezone.now()
    person = subscriber("e@example.org", confirmed=now - timedelta(days=1))
    TalkFactory(title="A draft", status=Talk.Status.DRAFT)
    TalkFactory(title="Held last week", start=in_days(-7))
    assert digests_send(now=now) == 0
    assert not OutgoingMail.objects.exists()
    person.refresh_from_db()
    assert person.digest_week == iso_week(now)  # the week is done all the same


def test_pending_subscribers_and_those_without_the_digest_get_none(talks):
    now = timezone.now()
    subscriber("pending@example.org")
    subscriber("news-only@example.org", confirmed=now - timedelta(days=1), weekly_digest=False,
               announcements=True)  # fmt: skip
    assert digests_send(now=now) == 0
    assert not OutgoingMail.objects.exists()


def test_the_digest_is_written_in_the_subscribers_language_with_the_time_zone(talks):
    now = timezone.now()
    talk = talks["africa"]
    Talk.objects.filter(pk=talk.pk).update(title_fr="Examen régional pour l'Afrique")
    french = subscriber("f@example.org", confirmed=now - timedelta(days=1), regions=["africa"],
                        language="fr")  # fmt: skip
    arabic = subscriber("a@example.org", confirmed=now - timedelta(days=1), regions=["africa"],
                        language="ar")  # fmt: skip
    digests_send(now=now)
    mail = digest_of(french)
    assert mail.language == "fr"
    assert "Examen régional pour l'Afrique" in mail.text
    assert f"http://127.0.0.1:8000/fr/talks/{talk.slug}/" in mail.text
    assert "Genève" in mail.text and "UTC+" in mail.text
    assert "/fr/unsubscribe/" in mail.headers["List-Unsubscribe"]
    html = digest_of(arabic).html
    assert 'lang="ar" dir="rtl"' in html
    assert '<bdi dir="ltr">' in html  # clock times read left to right


def test_a_talk_held_elsewhere_also_shows_its_own_time(db):
    now = timezone.now()
    person = subscriber("e@example.org", confirmed=now - timedelta(days=1))
    TalkFactory(title="Cairo talk", timezone="Africa/Cairo")
    digests_send(now=now)
    mail = digest_of(person)
    assert "Geneva time (" in mail.text and "Cairo time (" in mail.text
    assert "Cairo time (" in mail.html and "&lt;bdi" not in mail.html
    assert mail.html.count('<bdi dir="ltr">') == 4  # clock and zone, in both zones


def test_digests_go_from_the_chosen_day_and_hour(settings):
    settings.DIGEST_WEEKDAY, settings.DIGEST_HOUR = 1, 8
    geneva = zone("Europe/Zurich")
    monday_early = datetime(2027, 5, 3, 7, 59, tzinfo=geneva)
    assert not digest_due(monday_early)
    assert digest_due(monday_early + timedelta(minutes=1))
    assert digest_due(datetime(2027, 5, 9, 23, 0, tzinfo=geneva))  # Sunday, same week
    # The week is Geneva's: Sunday 23:30 UTC is already Monday in Geneva.
    assert iso_week(datetime(2027, 5, 9, 23, 30, tzinfo=UTC)) == "2027-W19"
    assert iso_week(datetime(2027, 5, 9, 21, 30, tzinfo=UTC)) == "2027-W18"


def test_no_digest_before_the_hour(db, settings):
    settings.DIGEST_WEEKDAY, settings.DIGEST_HOUR = 1, 8
    monday_early = datetime(2027, 5, 3, 7, 0, tzinfo=zone("Europe/Zurich"))
    person = subscriber("e@example.org", confirmed=monday_early - timedelta(days=1))
    TalkFactory(start=monday_early + timedelta(days=3))
    assert digests_send(now=monday_early) == 0
    person.refresh_from_db()
    assert person.digest_week == ""
    assert digests_send(now=monday_early + timedelta(hours=2)) == 1


def test_the_command_sends_the_digests_and_forgets_stale_requests(talks):
    from io import StringIO

    from django.core.management import call_command

    subscriber("e@example.org", confirmed=timezone.now() - timedelta(days=1))
    stale = subscriber("stale@example.org")
    Subscriber.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=9))
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert out.getvalue().strip() == "1 digests queued; 1 unconfirmed requests forgotten."
    call_command("send_digests", stdout=out)
    assert OutgoingMail.objects.filter(key__contains=":digest:").count() == 1
