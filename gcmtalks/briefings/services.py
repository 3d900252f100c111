"""Every write of briefing packs and checklists: one transaction, an audit entry, the mail."""

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gcmtalks.core import audit
from gcmtalks.core.timezones import geneva_day
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace_queries import RECENT_PAST

from . import mail
from .checklist import (
    ACTIVE,
    anchor_day,
    default_items,
    due_date,
    entry,
    with_outcomes,
)
from .models import (
    DEFAULT_DAYS_BEFORE,
    MAX_DAYS_BEFORE,
    BriefingDelivery,
    BriefingPack,
    ChecklistItem,
)
from .queries import suggested_pledges

logger = logging.getLogger(__name__)
Status = Registration.Status
Kind = ChecklistItem.Kind
PACK_FIELDS = ("days_before", "introduction", "practices", "pledges")
MAX_OFFSET_DAYS = 366  # a due date at most a year from the talk


class NotAllowed(Exception):
    """A change that is not possible now; the message says why."""


# Briefing packs.


def pack_values(pack: BriefingPack) -> dict:
    return {name: getattr(pack, name) for name in PACK_FIELDS}


def pack_save(
    *, talk: Talk, by, days_before: int, introduction: str, practices: str, pledges: str
) -> BriefingPack:
    """Create or change the talk's pack; ValidationError for values the form would refuse.
    The pack's checklist item follows a new number of days unless it was given its own date."""
    with transaction.atomic():
        pack = BriefingPack.objects.select_for_update().filter(talk=talk).first()
        created = pack is None
        pack = pack or BriefingPack(talk=talk)
        before, old_days = ({} if created else pack_values(pack)), pack.days_before
        pack.days_before, pack.introduction = days_before, introduction.strip()
        pack.practices, pack.pledges = practices.strip(), pledges.strip()
        pack.full_clean(exclude=["talk"])
        changes = audit.diff(before, pack_values(pack))
        if not created and not changes:
            return pack
        pack.save()
        action = "briefingpack.create" if created else "briefingpack.change"
        audit.record(obj=pack, action=action, by=by, changes=changes)
        if pack.days_before != old_days:
            follow_pack_days(talk, old_days, pack.days_before, by)
    return pack


def follow_pack_days(talk: Talk, old: int, new: int, by) -> None:
    item = ChecklistItem.objects.filter(
        talk=talk, kind=Kind.BRIEFING_PACK, anchor=ChecklistItem.Anchor.START, offset_days=-old
    ).first()
    if item:
        item.offset_days = -new
        item.save(update_fields=["offset_days"])
        audit.record(
            obj=item, action="checklistitem.change", by=by, changes={"offset_days": [-old, -new]}
        )


def pack_for_sending(talk: Talk) -> BriefingPack:
    """The talk's pack, created with the defaults if organisers never opened it."""
    pack = BriefingPack.objects.filter(talk=talk).first()
    if pack is None:
        pack = BriefingPack.objects.create(talk=talk, pledges=suggested_pledges(talk))
        audit.record(
            obj=pack, action="briefingpack.create", changes=audit.diff({}, pack_values(pack))
        )
    pack.talk = talk
    return pack


def briefings_send_due(*, now: datetime | None = None) -> int:
    """Send the pack to each confirmed registrant of a published talk whose sending time has
    come and that has not started, once (registrants confirmed later get it too); how many
    were queued. Run every few minutes."""
    now = now or timezone.now()
    waiting = (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            talk__status=Talk.Status.PUBLISHED,
            talk__start__gt=now,
            talk__start__lte=now + timedelta(days=MAX_DAYS_BEFORE),
        )
        .exclude(briefing_deliveries__manual=False)
        .select_related("talk", "talk__registration_settings")
        .order_by("talk_id", "id")
    )
    by_talk: dict[int, list[Registration]] = {}
    for registration in waiting:
        by_talk.setdefault(registration.talk_id, []).append(registration)
    packs = {p.talk_id: p for p in BriefingPack.objects.filter(talk_id__in=by_talk)}
    documents = mail.documents_for(list(by_talk))
    sent = 0
    for talk_id, registrations in by_talk.items():
        talk = registrations[0].talk
        days = packs[talk_id].days_before if talk_id in packs else DEFAULT_DAYS_BEFORE
        if talk.start - timedelta(days=days) > now:
            continue
        with transaction.atomic():
            pack = pack_for_sending(talk)
        count = sum(send_scheduled(pack, r, documents[talk_id], now) for r in registrations)
        if count:
            pack_sent(pack, count, now)
        sent += count
    return sent


def send_scheduled(pack: BriefingPack, registration: Registration, documents, now) -> bool:
    registration.talk = pack.talk
    try:
        with transaction.atomic():
            delivery = BriefingDelivery.objects.create(pack=pack, registration=registration, at=now)
            delivery.mail = mail.queue(
                pack, registration, documents, key=f"briefing:{registration.pk}"
            )
            delivery.save(update_fields=["mail"])
    except IntegrityError:  # another run sent it meanwhile
        return False
    except ValidationError:  # an address the mail server would refuse
        logger.warning("Briefing pack not sent to registration %s: bad address", registration.pk)
        return False
    return True


def pack_sent(pack: BriefingPack, count: int, now: datetime) -> None:
    with transaction.atomic():
        pack = BriefingPack.objects.select_for_update().get(pk=pack.pk)
        changes = {"sent_to": [None, count]}
        if pack.sent_at is None:
            pack.sent_at = now
            pack.save(update_fields=["sent_at"])
            changes["sent_at"] = [None, audit.plain(now)]
        audit.record(obj=pack, action="briefingpack.send", changes=changes)


def briefing_resend(*, talk: Talk, by, registration: Registration | None = None) -> int:
    """Send the pack again by hand, as it is now: to one registrant, or to every confirmed
    one. Each mail is new, logged with who sent it; how many were queued."""
    with transaction.atomic():
        pack = BriefingPack.objects.select_for_update().filter(talk=talk).first()
        if pack is None or pack.sent_at is None:
            raise NotAllowed(
                _("The briefing pack has not gone yet: it can be sent by hand once it has.")
            )
        if talk.end <= timezone.now():
            raise NotAllowed(_("This talk has taken place."))
        confirmed = talk.registrations.filter(status=Status.CONFIRMED)
        if registration is not None:
            confirmed = confirmed.filter(pk=registration.pk)
        recipients = list(confirmed)
        if not recipients:
            raise NotAllowed(_("Only confirmed registrants get the briefing pack."))
        pack.talk = talk
        documents = mail.documents_for([talk.pk])[talk.pk]
        for recipient in recipients:
            recipient.talk = talk
            delivery = BriefingDelivery.objects.create(
                pack=pack, registration=recipient, by=by, manual=True
            )
            key = f"briefing:{recipient.pk}:manual:{delivery.pk}"
            delivery.mail = mail.queue(pack, recipient, documents, key=key)
            delivery.save(update_fields=["mail"])
        sent_to = recipients[0].email if registration is not None else "all confirmed"
        audit.record(
            obj=pack,
            action="briefingpack.resend",
            by=by,
            changes={"sent_to": [None, f"{sent_to} ({len(recipients)})"]},
        )
    return len(recipients)


# The publication checklist.


def checklist_ensure(*, talks, by=None) -> int:
    """Save the default items the talks do not have yet (talks annotated by with_outcomes,
    for the pack's days); how many were made."""
    talks = list(talks)
    try:
        with transaction.atomic():
            existing = set(
                ChecklistItem.objects.filter(talk__in=talks)
                .exclude(kind=Kind.OTHER)
                .values_list("talk_id", "kind")
            )
            new = [
                item
                for talk in talks
                for item in default_items(talk)
                if (talk.pk, item.kind) not in existing
            ]
            for item in new:
                item.save()
                audit.record(
                    obj=item,
                    action="checklistitem.create",
                    by=by,
                    changes=audit.diff({}, item_values(item)),
                )
    except IntegrityError:  # made at the same moment by another request
        return 0
    return len(new)


def item_values(item: ChecklistItem) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "owner": item.owner,
        "due": due_date(item, item.talk).isoformat(),
    }


def check_due(talk: Talk, anchor: str, due: date) -> int:
    """The item's offset in days for a due date; ValidationError if it is too far away."""
    offset = (due - anchor_day(talk, anchor)).days
    if abs(offset) > MAX_OFFSET_DAYS:
        raise ValidationError(_("Choose a date within a year of the talk."), code="too_far")
    return offset


def checklist_item_change(*, item: ChecklistItem, by, owner, due: date) -> ChecklistItem:
    with transaction.atomic():
        locked = ChecklistItem.objects.select_for_update(of=("self",))
        item = locked.select_related("talk", "owner").get(pk=item.pk)
        before = item_values(item)
        item.offset_days = check_due(item.talk, item.anchor, due)
        item.owner = owner
        changes = audit.diff(before, item_values(item))
        if changes:
            item.save(update_fields=["offset_days", "owner"])
            audit.record(obj=item, action="checklistitem.change", by=by, changes=changes)
    return item


def checklist_item_add(*, talk: Talk, by, title: str, owner, due: date) -> ChecklistItem:
    if not title.strip():
        raise ValidationError(_("Give the item a title."), code="required")
    with transaction.atomic():
        item = ChecklistItem(talk=talk, kind=Kind.OTHER, title=title.strip(), owner=owner)
        item.offset_days = check_due(talk, item.anchor, due)
        item.save()
        audit.record(
            obj=item,
            action="checklistitem.create",
            by=by,
            changes=audit.diff({}, item_values(item)),
        )
    return item


def checklist_item_mark(*, item: ChecklistItem, by, done: bool) -> ChecklistItem:
    """Mark the item done by hand, or not done."""
    with transaction.atomic():
        item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
        if bool(item.done_at) == done:
            return item
        before = item.done_at
        item.done_at, item.done_by = (timezone.now(), by) if done else (None, None)
        item.save(update_fields=["done_at", "done_by"])
        audit.record(
            obj=item,
            action="checklistitem.done" if done else "checklistitem.undone",
            by=by,
            changes=audit.diff({"done_at": before}, {"done_at": item.done_at}),
        )
    return item


def checklist_item_delete(*, item: ChecklistItem, by) -> None:
    if item.kind != Kind.OTHER:
        raise NotAllowed(_("Only the items you added can be removed."))
    with transaction.atomic():
        audit.record(
            obj=item, action="checklistitem.delete", by=by, changes={"title": [item.title, None]}
        )
        item.delete()


def checklist_remind(*, now: datetime | None = None) -> int:
    """Mail each owner of an item due within two days or overdue, at most once a (Geneva)
    day per item; how many reminders were queued. Run every few minutes."""
    now = now or timezone.now()
    today = geneva_day(now)
    talks = with_outcomes(Talk.objects.filter(status__in=ACTIVE, end__gte=now - RECENT_PAST))
    talks = {talk.pk: talk for talk in talks}
    checklist_ensure(talks=talks.values())
    items = ChecklistItem.objects.filter(
        talk_id__in=list(talks), owner__isnull=False, done_at=None
    ).select_related("owner")
    sent = 0
    for item in items:
        talk = talks[item.talk_id]
        state = entry(item, talk, today).state
        reminded = item.last_reminded_at and geneva_day(item.last_reminded_at) == today
        if state in ("overdue", "soon") and not reminded and item.owner.email:
            remind(item, talk, state, now, today)
            sent += 1
    return sent


def remind(item: ChecklistItem, talk: Talk, state: str, now: datetime, today: date) -> None:
    from gcmtalks.notifications.services import mail_queue

    with transaction.atomic(), translation.override(item.owner.mail_language):
        due = date_format(due_date(item, talk), "j F Y")
        values = {"item": item, "talk": talk.title, "due": due}
        if state == "overdue":
            subject = _("Overdue: %(item)s – %(talk)s") % values
            line = _("“%(item)s” for “%(talk)s” was due on %(due)s.") % values
        else:
            subject = _("Due on %(due)s: %(item)s – %(talk)s") % values
            line = _("“%(item)s” for “%(talk)s” is due on %(due)s.") % values
        url = settings.SITE_URL + reverse("briefings_workspace:checklist", args=[talk.slug])
        text = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": item.owner.get_full_name() or item.owner.username},
                line,
                _("You are its owner. Mark it done, or change its date, on the checklist: %(url)s")
                % {"url": url},
                _("GCM Talks – UN Network on Migration"),
            ]
        )
        mail_queue(
            to=item.owner.email,
            subject=" ".join(subject.split()),
            text=text,
            key=f"checklist:{item.pk}:{today.isoformat()}",
            language=item.owner.mail_language,
        )
        item.last_reminded_at = now
        item.save(update_fields=["last_reminded_at"])
        audit.record(
            obj=item, action="checklistitem.remind", changes={"reminded": [None, item.owner.email]}
        )
