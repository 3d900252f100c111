"""Every write of the circulation: subscriptions with double opt-in, the weekly digest, the
announcements of new talks and messages to the secretariat. Each service owns its
transaction and its audit entry, and queues its mail in it (gcmtalks.notifications)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core import audit
from gcmtalks.core.models import AuditEntry
from gcmtalks.core.timezones import zone
from gcmtalks.notifications.models import OutgoingMail
from gcmtalks.talks.models import Talk

from . import mail, queries
from .models import PublishedTalk, Subscriber

# An unconfirmed request is forgotten after this.
PENDING_FOR = timedelta(days=7)
# Asking again for an address within this sends no second mail (the page answers the same).
LINK_COOLDOWN = timedelta(minutes=10)
# A new subscriber's first digest covers the week before they confirmed.
DIGEST_PERIOD = timedelta(days=7)
CHOICES = ("regions", "organisers", "languages", "objectives")
FLAGS = ("weekly_digest", "announcements", "language")
ERASED = "—"


class NotAllowed(Exception):
    """The change cannot be made; the message says why."""


def snapshot(subscriber: Subscriber) -> dict:
    """What the audit log keeps of a subscriber: their choices, never their address."""
    values = {name: getattr(subscriber, name) for name in FLAGS}
    values["confirmed"] = subscriber.is_confirmed
    for name in CHOICES:
        values[name] = list(getattr(subscriber, name).all()) if subscriber.pk else []
    return values


def set_choices(subscriber: Subscriber, choices: dict) -> None:
    for name in FLAGS:
        if name in choices:
            setattr(subscriber, name, choices[name])
    subscriber.save()
    for name in CHOICES:
        getattr(subscriber, name).set(choices.get(name) or [])


def subscription_request(*, email: str, choices: dict, now: datetime | None = None) -> None:
    """Someone asks for the calendar at `email`. A new address gets a pending subscription and
    the mail to confirm it; a pending one takes the new choices and gets the mail again; a
    confirmed one keeps its choices and gets its personal link. At most one mail per address
    every LINK_COOLDOWN. The caller learns nothing of which it was."""
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email=email, defaults={"language": choices.get("language", settings.LANGUAGE_CODE)}
        )
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        before = {} if created else snapshot(subscriber)
        if not subscriber.is_confirmed:
            set_choices(subscriber, choices)
            action = "subscription.request" if created else "subscription.request_again"
            audit.record(
                obj=subscriber, action=action, changes=audit.diff(before, snapshot(subscriber))
            )
        if subscriber.link_sent_at and now - subscriber.link_sent_at < LINK_COOLDOWN:
            return
        if subscriber.is_confirmed:
            mail.send_link(subscriber, now)
        else:
            mail.send_confirmation(subscriber, now)
        subscriber.link_sent_at = now
        subscriber.save(update_fields=["link_sent_at"])


def subscription_confirm(*, subscriber: Subscriber, now: datetime | None = None) -> Subscriber:
    """The address's owner followed the link: mail may now be sent to it."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.is_confirmed:
            return subscriber
        subscriber.confirmed_at = now
        subscriber.digest_since = now - DIGEST_PERIOD
        subscriber.save(update_fields=["confirmed_at", "digest_since"])
        audit.record(
            obj=subscriber, action="subscription.confirm", changes={"confirmed": [False, True]}
        )
    return subscriber


def subscription_change(*, subscriber: Subscriber, choices: dict) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if not subscriber.is_confirmed:
            raise NotAllowed(_("Confirm your subscription first."))
        before = snapshot(subscriber)
        set_choices(subscriber, choices)
        changes = audit.diff(before, snapshot(subscriber))
        if changes:
            audit.record(obj=subscriber, action="subscription.change", changes=changes)
    return subscriber


def subscription_end(*, subscriber: Subscriber, by=None, action="subscription.end") -> None:
    """Delete the subscriber and the mail kept for them (a queued one is then never sent);
    the audit entries of that mail keep that it was sent, not to whom."""
    prefix = mail.key_prefix(subscriber.pk)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber.pk).first()
        if subscriber is None:
            return
        audit.record(obj=subscriber, action=action, by=by)
        mails = OutgoingMail.objects.filter(key__startswith=prefix)
        entries = list(
            AuditEntry.objects.filter(
                object_type="notifications.outgoingmail",
                object_id__in=[str(pk) for pk in mails.values_list("pk", flat=True)],
            )
        )
        for entry in entries:
            entry.object_repr = _("Erased mail")
            if "to" in entry.changes:
                entry.changes["to"] = [ERASED, ERASED]
        AuditEntry.objects.bulk_update(entries, ["object_repr", "changes"])
        mails.delete()
        subscriber.delete()


def subscriptions_forget_pending(*, now: datetime | None = None) -> int:
    """Forget requests never confirmed within PENDING_FOR; how many."""
    now = now or timezone.now()
    stale = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=now - PENDING_FOR)
    count = 0
    for subscriber in stale.order_by("pk"):
        subscription_end(subscriber=subscriber, action="subscription.expire")
        count += 1
    return count


# Talks seen published, announcements and digests.


def talks_record_published(*, now: datetime) -> int:
    """Note the talks newly published (and still to come); the first sight of each is what
    the digest calls new and what announcements announce."""
    ids = list(
        Talk.objects.filter(
            status=Talk.Status.PUBLISHED, end__gt=now, circulation_record__isnull=True
        ).values_list("pk", flat=True)
    )
    PublishedTalk.objects.bulk_create(
        [PublishedTalk(talk_id=pk, seen_at=now) for pk in ids], ignore_conflicts=True
    )
    return len(ids)


def talks_announce(*, now: datetime | None = None) -> int:
    """Mail each newly published talk to the confirmed subscribers who asked for
    announcements and whose choices it matches; each talk once. The number of mails queued."""
    now = now or timezone.now()
    talks_record_published(now=now)
    records = list(queries.to_announce(now))
    if not records:
        return 0
    subscribers = list(queries.confirmed_subscribers().filter(announcements=True))
    choices = queries.subscriber_choices(subscribers)
    talks = queries.with_calendar_relations([record.talk for record in records])
    facets = queries.talk_facets([talk.pk for talk in talks])
    queued = 0
    for talk in talks:
        with transaction.atomic():
            record = (
                PublishedTalk.objects.select_for_update(skip_locked=True)
                .filter(pk=talk.pk, announced_at__isnull=True)
                .first()
            )
            if record is None:  # announced meanwhile by another run
                continue
            readers = [s for s in subscribers if queries.matches(choices[s.pk], facets[talk.pk])]
            for subscriber in readers:
                mail.send_announcement(subscriber, talk)
            record.announced_at = now
            record.save(update_fields=["announced_at"])
            audit.record(
                obj=talk, action="talk.announce", changes={"announced_to": [None, len(readers)]}
            )
            queued += len(readers)
    return queued


def iso_week(now: datetime) -> str:
    year, week, _weekday = now.astimezone(zone(settings.CALENDAR_TIME_ZONE)).isocalendar()
    return f"{year}-W{week:02d}"


def digest_due(now: datetime) -> bool:
    """Digests go from DIGEST_WEEKDAY (1 = Monday) at DIGEST_HOUR, Geneva time, each week."""
    local = now.astimezone(zone(settings.CALENDAR_TIME_ZONE))
    return (local.isoweekday(), local.hour) >= (settings.DIGEST_WEEKDAY, settings.DIGEST_HOUR)


def change_of(talk: Talk, since: datetime) -> str:
    if talk.status == Talk.Status.CANCELLED:
        return _("Cancelled")
    if talk.status == Talk.Status.POSTPONED:
        return _("Postponed")
    if talk.seen_at is not None and talk.seen_at > since:
        return _("New")
    return _("Changed")


def digests_send(*, now: datetime | None = None) -> int:
    """Each confirmed subscriber who wants the digest and has not had this week's gets the
    talks published, changed, postponed or cancelled since their last one that match their
    choices (nothing when none do). The number of digests queued."""
    now = now or timezone.now()
    talks_record_published(now=now)
    if not digest_due(now):
        return 0
    week = iso_week(now)
    subscribers = list(
        queries.confirmed_subscribers().filter(weekly_digest=True).exclude(digest_week=week)
    )
    if not subscribers:
        return 0
    since = {s.pk: s.digest_since or s.confirmed_at for s in subscribers}
    talks = queries.digest_talks(since=min(since.values()), now=now)
    facets = queries.talk_facets([talk.pk for talk in talks])
    choices = queries.subscriber_choices(subscribers)
    sent = 0
    for subscriber in subscribers:
        after = since[subscriber.pk]
        items = [
            (talk, change_of(talk, after))
            for talk in talks
            if changed_after(talk, after)
            and queries.matches(choices[subscriber.pk], facets[talk.pk])
        ]
        sent += digest_one(subscriber=subscriber, items=items, week=week, now=now)
    return sent


def changed_after(talk: Talk, since: datetime) -> bool:
    return talk.updated_at > since or (talk.seen_at is not None and talk.seen_at > since)


def digest_one(*, subscriber: Subscriber, items: list, week: str, now: datetime) -> bool:
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update(skip_locked=True)
            .filter(pk=subscriber.pk, confirmed_at__isnull=False)
            .exclude(digest_week=week)
            .first()
        )
        if subscriber is None:  # handled meanwhile by another run, or gone
            return False
        if items:
            mail.send_digest(subscriber, items, week)
        changes = {"digest_week": [subscriber.digest_week, week], "talks": [None, len(items)]}
        subscriber.digest_week, subscriber.digest_since = week, now
        subscriber.save(update_fields=["digest_week", "digest_since"])
        audit.record(obj=subscriber, action="subscription.digest", changes=changes)
    return bool(items)


# The contact form.


def contact_send(*, name: str, email: str, subject: str, message: str, language: str) -> None:
    """Queue the message to the secretariat and its copy to the sender; nothing else is kept."""
    with transaction.atomic():
        mail.send_contact(
            name=name, email=email, subject=subject, message=message, language=language
        )
