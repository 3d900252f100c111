"""Every change to a pledge intention: each locks the row, records an audit entry and, for a
change of state or a note, a line in the intention's history."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gcmtalks.core import audit, public_cache
from gcmtalks.core.timezones import geneva_day

from .models import Intention, Note
from .rules import possible_owners

State = Intention.State
FIELDS = ("speaker_name", "member_state", "organisation", "text", "owner", "due_on", "progress",
          "shown_publicly")  # fmt: skip
# An owner is reminded once when the due date comes this close, then after it has passed,
# on the next day and every week until the intention moves on or gets a new date.
REMIND_BEFORE = timedelta(days=3)
REMIND_EVERY = timedelta(days=7)


class NotAllowed(Exception):
    """The change cannot be made; the message says why."""


def snapshot(intention: Intention) -> dict:
    values = {name: getattr(intention, name) for name in FIELDS}
    values["objectives"] = list(intention.objectives.all()) if intention.pk else []
    return {**values, "state": intention.state}


def check_owner(owner, talks) -> None:
    if owner is not None and not possible_owners(talks).filter(pk=owner.pk).exists():
        raise NotAllowed(
            _("%(name)s is not a member of this talk's organisers or of the secretariat.")
            % {"name": owner.get_full_name() or owner.username}
        )


def intention_save(
    *, talk, by, intention: Intention | None = None, objectives=(), speaker=None, **fields
) -> Intention:
    """Record a new intention voiced at `talk`, or change one (`fields` as in FIELDS)."""
    with transaction.atomic():
        if intention is None:
            intention = Intention(talk=talk, recorded_by=by, recorded_by_speaker=speaker)
            before = {}
        else:
            intention = Intention.objects.select_for_update().get(pk=intention.pk, talk=talk)
            before = snapshot(intention)
        if fields.get("shown_publicly") and talk.chatham_house:
            raise NotAllowed(
                _("This talk is held under the Chatham House Rule: its intentions are never "
                  "shown publicly, only counted.")
            )  # fmt: skip
        if "owner" in fields and fields["owner"] != intention.owner:
            check_owner(fields["owner"], [talk])
        for name, value in fields.items():
            setattr(intention, name, value)
        intention.save()
        intention.objectives.set(objectives)
        after = snapshot(intention)
        action = "intention.change" if before else "intention.record"
        audit.record(obj=intention, action=action, by=by, changes=audit.diff(before, after))
        transaction.on_commit(public_cache.bump)
    return intention


def intention_move(
    *,
    intention: Intention,
    state: str,
    by,
    note: str = "",
    reason: str = "",
    pledge=None,
    progress: int | None = None,
) -> Intention:
    """Move an intention to another state: pledged needs the resulting pledge, not pursued a
    reason. The state's default progress applies unless a progress is given."""
    with transaction.atomic():
        intention = Intention.objects.select_for_update().get(pk=intention.pk)
        before = snapshot(intention)
        if state == State.PLEDGED and pledge is None:
            raise NotAllowed(_("Give the pledge it became, by its ID on the pledging dashboard."))
        if state == State.NOT_PURSUED and not reason.strip():
            raise NotAllowed(_("Say why it is not pursued."))
        if state == intention.state and progress in (None, intention.progress) and not note:
            raise NotAllowed(_("Nothing to change: choose another state or write a note."))
        previous = intention.state
        intention.state = state
        intention.pledge = pledge if state == State.PLEDGED else None
        intention.reason = reason.strip() if state == State.NOT_PURSUED else ""
        if state == State.PLEDGED:
            intention.progress = 100
        elif progress is not None:
            intention.progress = progress
        elif state != previous:
            intention.progress = Intention.PROGRESS[state]
        intention.save()
        moved = state != previous
        Note.objects.create(
            intention=intention,
            by=by,
            text=note.strip() or intention.reason,
            state_from=previous if moved else "",
            state_to=state if moved else "",
        )
        after = {**snapshot(intention), "pledge": intention.pledge, "reason": intention.reason}
        audit.record(
            obj=intention,
            action="intention.move",
            by=by,
            changes=audit.diff({**before, "pledge": None, "reason": ""}, after),
        )
        transaction.on_commit(public_cache.bump)
    return intention


def intention_note(*, intention: Intention, text: str, by) -> Note:
    if not text.strip():
        raise NotAllowed(_("Write the note first."))
    with transaction.atomic():
        note = Note.objects.create(intention=intention, by=by, text=text.strip())
        audit.record(obj=intention, action="intention.note", by=by, changes={"note": ["", "…"]})
    return note


def intentions_reassign(*, intentions, owner, by) -> int:
    """Give all these intentions to one owner, or none if any of them may not be theirs."""
    with transaction.atomic():
        rows = list(
            Intention.objects.select_for_update(of=("self",))
            .filter(pk__in=[intention.pk for intention in intentions])
            .select_related("owner", "talk")
            .order_by("pk")
        )
        talks = {row.talk_id: row.talk for row in rows}
        check_owner(owner, list(talks.values()))
        changed = 0
        for row in rows:
            if row.owner_id == (owner.pk if owner else None):
                continue
            audit.record(
                obj=row, action="intention.reassign", by=by, changes=audit.diff(
                    {"owner": row.owner}, {"owner": owner})
            )  # fmt: skip
            row.owner = owner
            row.save(update_fields=["owner", "updated_at"])
            changed += 1
    return changed


def intention_delete(*, intention: Intention, by) -> None:
    """Remove an intention recorded by mistake, with its history (and the name it held)."""
    with transaction.atomic():
        audit.record(obj=intention, action="intention.delete", by=by)
        intention.delete()
        transaction.on_commit(public_cache.bump)


# Reminders.


def reminder_due(intention: Intention, today: date) -> str:
    """'soon', 'overdue' or '' for an open intention with a due date."""
    due, last = intention.due_on, intention.reminded_on
    if due is None or intention.state not in Intention.OPEN:
        return ""
    if today <= due <= today + REMIND_BEFORE:
        return "soon" if last is None or last < due - REMIND_BEFORE else ""
    if due < today and (last is None or last <= due or today - last >= REMIND_EVERY):
        return "overdue"
    return ""


def intentions_remind(*, now: datetime | None = None) -> int:
    """Mail each owner one list of their intentions due soon or overdue; how many mails were
    queued. Run it every few minutes: each intention is in at most one mail a day."""
    today = geneva_day(now or timezone.now())
    candidates = (
        Intention.objects.filter(
            state__in=Intention.OPEN, due_on__isnull=False, owner__isnull=False
        )
        .exclude(owner__email="")
        .filter(due_on__lte=today + REMIND_BEFORE)
        .select_related("owner", "talk")
        .order_by("owner_id", "due_on", "pk")
    )
    by_owner: dict[int, list[tuple[Intention, str]]] = {}
    for intention in candidates:
        kind = reminder_due(intention, today)
        if kind:
            by_owner.setdefault(intention.owner_id, []).append((intention, kind))
    for items in by_owner.values():
        remind(items, today)
    return len(by_owner)


def remind(items: list[tuple[Intention, str]], today: date) -> None:
    from gcmtalks.notifications.services import mail_queue

    owner = items[0][0].owner
    with transaction.atomic(), translation.override(owner.mail_language):
        lines = []
        for intention, kind in items:
            values = {
                "who": intention.voiced_for or intention.speaker_name or _("someone"),
                "talk": intention.talk.title,
                "due": date_format(intention.due_on, "j F Y"),
                "state": intention.get_state_display(),
            }
            line = (
                _("Overdue since %(due)s: %(who)s at “%(talk)s” (%(state)s)")
                if kind == "overdue"
                else _("Due on %(due)s: %(who)s at “%(talk)s” (%(state)s)")
            ) % values
            url = settings.SITE_URL + reverse("intentions_workspace:detail", args=[intention.pk])
            lines.append(f"- {line}\n  {intention.text[:200]}\n  {url}")
        overdue = sum(kind == "overdue" for _intention, kind in items)
        subject = _("Pledge intentions to follow up: %(count)s, %(overdue)s overdue") % {
            "count": len(items),
            "overdue": overdue,
        }
        board = settings.SITE_URL + reverse("intentions_workspace:board") + "?owner=me"
        text = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": owner.get_full_name() or owner.username},
                _("You follow up these pledge intentions:"),
                "\n".join(lines),
                _("Record each step, or set a new date, on the follow-up board: %(url)s")
                % {"url": board},
                _("GCM Talks – UN Network on Migration"),
            ]
        )
        mail_queue(
            to=owner.email,
            subject=subject,
            text=text,
            key=f"intentions:{owner.pk}:{today.isoformat()}",
            language=owner.mail_language,
        )
        ids = [intention.pk for intention, _kind in items]
        Intention.objects.filter(pk__in=ids).update(reminded_on=today)
        for intention, kind in items:
            audit.record(obj=intention, action="intention.remind", changes={"reminded": ["", kind]})


# The rapporteur records intentions through their personal speaker link, from an hour before
# the talk until this long after its end.
RAPPORTEUR_DAYS_AFTER = 30


def rapporteur_closed(speaker, now: datetime | None = None) -> str:
    """Why this speaker cannot record intentions now, or ""."""
    from gcmtalks.panels.models import Speaker
    from gcmtalks.talks.models import Talk

    now = now or timezone.now()
    talk = speaker.talk
    if speaker.role != Speaker.Role.RAPPORTEUR:
        return _("Only the talk's rapporteur records pledge intentions here.")
    if talk.status == Talk.Status.CANCELLED:
        return _("This talk is cancelled.")
    if now < talk.start - timedelta(hours=1):
        return _("Pledge intentions can be recorded from an hour before the talk.")
    if now > talk.end + timedelta(days=RAPPORTEUR_DAYS_AFTER):
        return _(
            "The time to record this talk's pledge intentions is over: write to its organisers."
        )
    return ""
