"""Every write to a panel and its agenda: one transaction, one audit entry, the public pages
refreshed on commit (they show the panel), and the speaker's mail queued with it."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmtalks.core import audit, public_cache
from gcmtalks.core.models import AuditEntry
from gcmtalks.core.timezones import format_range, zone
from gcmtalks.notifications.services import mail_erase, mail_queue
from gcmtalks.talks.models import Talk

from .agenda import slot_label, talk_minutes
from .models import AgendaItem, Speaker

SPEAKER_FIELDS = (
    "name", "email", "organisation", "country", "stakeholder_group", "role", "gender",
    "gender_description", "speaks_as_migrant", "for_migrant_organisation",
    "youth_representative", "locale",
)  # fmt: skip
ERASED = "—"


class PanelError(Exception):
    """A change the panel, the agenda or the talk's time does not allow; the message says why."""


def snapshot(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def bump_on_commit() -> None:
    transaction.on_commit(public_cache.bump)


# Speakers.


def speaker_save(*, form, by) -> Speaker:
    """Create or change a speaker from a valid SpeakerForm (its instance has the talk)."""
    if not form.is_valid():
        raise PanelError(_("Please correct the speaker's details."))
    with transaction.atomic():
        before = {}
        if form.instance.pk:
            before = snapshot(Speaker.objects.select_for_update().get(pk=form.instance.pk),
                              SPEAKER_FIELDS)  # fmt: skip
        speaker = form.save(commit=False)
        changes = audit.diff(before, snapshot(speaker, SPEAKER_FIELDS))
        if before and not changes:
            return speaker
        if not speaker.pk:
            last = Speaker.objects.filter(talk_id=speaker.talk_id).order_by("-position").first()
            speaker.position = last.position + 1 if last else 0
        speaker.save()
        action = "speaker.change" if before else "speaker.create"
        audit.record(obj=speaker, action=action, by=by, changes=changes)
        bump_on_commit()
    return speaker


def speaker_remove(*, speaker: Speaker, by) -> None:
    """Remove the speaker and erase what the record kept of them: their audit entries keep
    what was done and when, not the values."""
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
        audit.record(obj=speaker, action="speaker.remove", by=by)
        pk, talk_id = speaker.pk, speaker.talk_id
        speaker.delete()
        mail_erase(key_prefix=f"speaker:{pk}:")
        for entry in AuditEntry.objects.filter(object_type="panels.speaker", object_id=str(pk)):
            entry.object_repr = _("Removed speaker")
            entry.changes = {name: [ERASED, ERASED] for name in entry.changes}
            entry.save(update_fields=["object_repr", "changes"])
        renumber(list(Speaker.objects.filter(talk_id=talk_id).order_by("position", "id")))
        bump_on_commit()


def renumber(speakers: list[Speaker]) -> None:
    for position, speaker in enumerate(speakers):
        speaker.position = position
    Speaker.objects.bulk_update(speakers, ["position"])


def speaker_move(*, speaker: Speaker, by, direction: str) -> Speaker:
    """Move the speaker one place up or down the panel's order."""
    if direction not in ("up", "down"):
        raise PanelError(_("Choose to move the speaker up or down."))
    with transaction.atomic():
        panel = list(
            Speaker.objects.select_for_update()
            .filter(talk_id=speaker.talk_id)
            .order_by("position", "id")
        )
        index = next(i for i, other in enumerate(panel) if other.pk == speaker.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(panel):
            if direction == "up":
                raise PanelError(_("This speaker is already first."))
            raise PanelError(_("This speaker is already last."))
        panel[index], panel[other] = panel[other], panel[index]
        renumber(panel)
        moved = panel[other]
        audit.record(obj=moved, action="speaker.move", by=by,
                     changes={"position": [index + 1, other + 1]})  # fmt: skip
        bump_on_commit()
    return moved


def answers_closed(talk: Talk, now: datetime | None = None) -> str:
    """Why a speaker can no longer answer, or ""."""
    now = now or timezone.now()
    if talk.status == Talk.Status.CANCELLED:
        return _("This talk is cancelled.")
    if talk.start <= now:
        return _("The talk has started: the answers can no longer be changed.")
    return ""


def speaker_url(speaker: Speaker) -> str:
    with translation.override(speaker.locale):
        path = reverse("panels:speaker", kwargs={"key": speaker.key})
    return settings.SITE_URL + path


def speaker_invite(*, speaker: Speaker, by) -> Speaker:
    """Mail the speaker the link to their page (again, if asked: each time a new mail)."""
    now = timezone.now()
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().select_related("talk").get(pk=speaker.pk)
        if not speaker.email:
            raise PanelError(_("Add the speaker's email address first."))
        closed = answers_closed(speaker.talk, now)
        if closed:
            raise PanelError(closed)
        before = speaker.invited_at
        speaker.invited_at = now
        speaker.invitations += 1
        speaker.save(update_fields=["invited_at", "invitations", "updated_at"])
        mail_invitation(speaker)
        audit.record(obj=speaker, action="speaker.invite", by=by,
                     changes=audit.diff({"invited_at": before}, {"invited_at": now}))  # fmt: skip
    return speaker


def mail_invitation(speaker: Speaker) -> None:
    talk = speaker.talk
    with translation.override(speaker.locale):
        day = talk.start.astimezone(zone(talk.timezone))
        when = f"{day:%Y-%m-%d}, " + format_range(talk.start, talk.end, talk.timezone)
        lines = [
            _("Hello %(name)s,") % {"name": speaker.name},
            _("You are invited to speak at the GCM Talk “%(talk)s” (%(when)s) as %(role)s.")
            % {"talk": talk.title, "when": when, "role": speaker.get_role_display().lower()},
            _(
                "Please tell us on your page whether you will take part, and whether you agree "
                "to be recorded. You can change your answers until the talk starts."
            ),
            _("Your page: %(url)s") % {"url": speaker_url(speaker)},
            _("This link is yours alone: please do not share it."),
            _("GCM Talks – UN Network on Migration"),
        ]
        mail_queue(
            to=speaker.email,
            subject=_("Your part in the GCM Talk: %(talk)s") % {"talk": talk.title},
            text="\n\n".join(lines),
            key=f"speaker:{speaker.pk}:invite:{speaker.invitations}",
            language=speaker.locale,
        )


def speaker_answer(*, speaker: Speaker, confirmed: bool, recording_consent: bool) -> Speaker:
    """The speaker's own answers, from their page, until the talk starts."""
    now = timezone.now()
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().select_related("talk").get(pk=speaker.pk)
        closed = answers_closed(speaker.talk, now)
        if closed:
            raise PanelError(closed)
        names = ("confirmed", "recording_consent")
        before = snapshot(speaker, names)
        speaker.confirmed, speaker.recording_consent = confirmed, recording_consent
        speaker.answered_at = now
        speaker.save(update_fields=[*names, "answered_at", "updated_at"])
        audit.record(obj=speaker, action="speaker.answer",
                     changes=audit.diff(before, snapshot(speaker, names)))  # fmt: skip
        bump_on_commit()  # a speaker who declines leaves the public page
    return speaker


# The agenda.

ITEM_FIELDS = ("kind", "title", "starts_after", "minutes")


def agenda_problem(talk: Talk, starts_after: int, minutes: int, exclude: int | None = None) -> str:
    """Why a slot does not fit the talk's agenda (it ends after the talk, or overlaps another
    part), or ""."""
    length = talk_minutes(talk)
    if starts_after + minutes > length:
        return _(
            "This part would end %(end)s minutes after the start, but the talk lasts "
            "%(length)s minutes (%(slot)s). Make it shorter or start it earlier."
        ) % {"end": starts_after + minutes, "length": length,
             "slot": slot_label(talk, 0, length)}  # fmt: skip
    others = AgendaItem.objects.filter(talk=talk).exclude(pk=exclude).order_by("starts_after")
    for other in others:
        if starts_after < other.starts_after + other.minutes and (
            other.starts_after < starts_after + minutes
        ):
            return _("This part overlaps “%(other)s” (%(slot)s). Choose another time.") % {
                "other": other,
                "slot": slot_label(talk, other.starts_after, other.minutes),
            }
    return ""


def item_snapshot(item: AgendaItem, speakers) -> dict:
    # Speakers by number, not name: removing a speaker erases their name everywhere.
    return {
        **snapshot(item, ITEM_FIELDS),
        "speakers": sorted(f"#{speaker.pk}" for speaker in speakers),
    }


def agenda_item_save(*, form, by) -> AgendaItem:
    """Create or change an agenda item from a valid AgendaItemForm, checked again under the
    talk's lock so two organisers cannot fill the same slot."""
    if not form.is_valid():
        raise PanelError(_("Please correct the agenda item."))
    with transaction.atomic():
        talk = Talk.objects.select_for_update().get(pk=form.instance.talk_id)
        before = {}
        if form.instance.pk:
            current = AgendaItem.objects.get(pk=form.instance.pk)
            before = item_snapshot(current, current.speakers.all())
        item = form.save(commit=False)
        problem = agenda_problem(talk, item.starts_after, item.minutes, exclude=item.pk)
        if problem:
            raise PanelError(problem)
        changes = audit.diff(before, item_snapshot(item, form.cleaned_data["speakers"]))
        if before and not changes:
            return item
        item.save()
        form.save_m2m()
        action = "agenda_item.change" if before else "agenda_item.create"
        audit.record(obj=item, action=action, by=by, changes=changes)
        bump_on_commit()
    return item


def agenda_item_remove(*, item: AgendaItem, by) -> None:
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        changes = audit.diff(item_snapshot(item, item.speakers.all()), {})
        audit.record(obj=item, action="agenda_item.remove", by=by, changes=changes)
        item.delete()
        bump_on_commit()
