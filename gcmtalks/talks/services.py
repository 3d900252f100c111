"""Every write to talks goes through here: one transaction, one audit entry, caches emptied."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmtalks.core import audit, public_cache
from gcmtalks.core.timezones import local_range, to_utc, zone

from .forms import TalkForm
from .models import Talk

M2M_FIELDS = ("regions", "organisers", "interpretation_languages", "objectives", "principles")
# A change to any of these is a new version of the calendar entry (ICS SEQUENCE).
SCHEDULE_FIELDS = ("start", "end", "status", "timezone")


def snapshot(talk: Talk, related: dict | None = None) -> dict:
    """The talk's fields; many-to-many ones from `related` (cleaned form data) when given."""
    values = {f.name: getattr(talk, f.name) for f in Talk._meta.concrete_fields}
    for name in ("id", "created_at", "updated_at", "sequence"):
        values.pop(name, None)
    for name in M2M_FIELDS:
        objects = related.get(name) or [] if related is not None else getattr(talk, name).all()
        values[name] = sorted(str(obj) for obj in objects)
    return values


class TalkInvalid(Exception):
    def __init__(self, errors):
        super().__init__("invalid talk")
        self.errors = errors


def talk_save(*, form: TalkForm, by) -> Talk:
    """Create or change a talk from a validated form."""
    if not form.is_valid():
        raise TalkInvalid(form.errors)
    with transaction.atomic():
        before = {}
        if form.instance.pk:
            before = snapshot(Talk.objects.select_for_update().get(pk=form.instance.pk))
        talk = form.save(commit=False)
        changes = audit.diff(before, snapshot(talk, form.cleaned_data))
        if before and not changes:
            return talk
        rescheduled = before and any(name in changes for name in SCHEDULE_FIELDS)
        if rescheduled:
            talk.sequence += 1
        talk.save()
        form.save_m2m()
        audit.record(
            obj=talk, action="talk.change" if before else "talk.create", by=by, changes=changes
        )
        transaction.on_commit(public_cache.bump)
        if rescheduled:
            transaction.on_commit(lambda: notify_registrants(talk))
    return talk


def notify_registrants(talk: Talk) -> None:
    from gcmtalks.registrations.tasks import notify_registrants_of_change  # it imports talks

    notify_registrants_of_change.enqueue(talk_id=talk.pk, sequence=talk.sequence)


def talk_delete(*, talk: Talk, by) -> None:
    with transaction.atomic():
        audit.record(obj=talk, action="talk.delete", by=by, changes=audit.diff(snapshot(talk), {}))
        talk.delete()
        transaction.on_commit(public_cache.bump)


# Status changes from the organisers' workspace. Each fills TalkForm with the talk's own values
# and the change, so it is validated, audited, versioned (ICS SEQUENCE) and told to the
# registrants (talk_save queues that) exactly as an edit is.

Status = Talk.Status

# Talks are written in the default language: modeltranslation files a title under the active
# language, and a talk created from /fr/manage/ would otherwise have no English title.
EDIT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class TalkNotAllowed(Exception):
    """A change the talk's status or time does not allow; the message says why."""


def talk_refusal(talk: Talk, action: str, now: datetime | None = None) -> str:
    """Why `action` (publish, postpone, cancel) is not possible for the talk now, or ""."""
    now = now or timezone.now()
    if action == "publish":
        return "" if talk.status == Status.DRAFT else _("Only a draft can be published.")
    if talk.status not in (Status.PUBLISHED, Status.POSTPONED):
        return _("Only a published or postponed talk can be postponed or cancelled.")
    if talk.status == Status.PUBLISHED and talk.end <= now:
        return _("This talk has already taken place.")
    return ""


def talk_actions(talk: Talk, now: datetime | None = None) -> set[str]:
    now = now or timezone.now()
    return {a for a in ("publish", "postpone", "cancel") if not talk_refusal(talk, a, now)}


def talk_form_data(talk: Talk) -> dict:
    """TalkForm data that leaves every field of `talk` as it is."""
    form = TalkForm(instance=talk)
    data = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in data.items()}


def talk_change(*, talk: Talk, by, **changes) -> Talk:
    """Save the talk with some fields changed (as TalkForm reads them)."""
    with translation.override(EDIT_LANGUAGE):
        current = Talk.objects.select_related("country", "series").get(pk=talk.pk)
        form = TalkForm({**talk_form_data(current), **changes}, instance=current)
        return talk_save(form=form, by=by)


def check(talk: Talk, action: str, now: datetime) -> None:
    refusal = talk_refusal(talk, action, now)
    if refusal:
        raise TalkNotAllowed(refusal)


def talk_publish(*, talk: Talk, by) -> Talk:
    check(talk, "publish", timezone.now())
    return talk_change(talk=talk, by=by, status=Status.PUBLISHED)


def talk_cancel(*, talk: Talk, by) -> Talk:
    check(talk, "cancel", timezone.now())
    return talk_change(talk=talk, by=by, status=Status.CANCELLED)


def talk_postpone(*, talk: Talk, by, start: datetime | None = None) -> Talk:
    """Without a date the talk is marked postponed (registrants read that a new date will
    follow); with one it moves there, keeping its length on the clock, and is published again
    (registrants get the new time). A naive `start` is read in the talk's own zone."""
    now = timezone.now()
    check(talk, "postpone", now)
    if start is None:
        if talk.status == Status.POSTPONED:
            raise TalkNotAllowed(_("This talk is already postponed. Give its new date when known."))
        return talk_change(talk=talk, by=by, status=Status.POSTPONED)
    if start.tzinfo is not None:
        start = start.astimezone(zone(talk.timezone)).replace(tzinfo=None)
    new_start = to_utc(start, talk.timezone)
    if new_start <= now:
        raise TalkNotAllowed(_("The new date must be in the future."))
    if new_start == talk.start and talk.status == Status.PUBLISHED:
        raise TalkNotAllowed(_("The talk already takes place at that time."))
    local = local_range(talk.start, talk.end, talk.timezone)
    length = local["end"].replace(tzinfo=None) - local["start"].replace(tzinfo=None)
    return talk_change(
        talk=talk,
        by=by,
        status=Status.PUBLISHED,
        start=f"{start:%Y-%m-%d %H:%M}",
        end=f"{start + length:%Y-%m-%d %H:%M}",
    )
