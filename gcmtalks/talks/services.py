"""Every write to talks goes through here: one transaction, one audit entry, caches emptied."""

from django.db import transaction

from gcmtalks.core import audit, public_cache

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
