"""Every change to a proposal: each checks the proposal's state under a row lock, records an
audit entry and queues the proposer's mail in the same transaction."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gcmtalks.core import audit
from gcmtalks.notifications.services import mail_queue
from gcmtalks.talks.forms import TalkForm
from gcmtalks.talks.models import Organiser, Talk
from gcmtalks.talks.services import talk_save

from .models import Message, Proposal, Score

Status = Proposal.Status
TRACKED = ("title", "rationale", "workstream", "objectives", "principles", "level", "regions",
           "preferred_from", "preferred_until", "format", "audience", "languages",
           "co_organisers", "expected_outcomes")  # fmt: skip


class NotAllowed(Exception):
    """The change does not fit the proposal's state; the message says why."""


def snapshot(proposal: Proposal, data: dict | None = None) -> dict:
    data = data or {}
    values = {}
    for name in TRACKED:
        if name in data:
            values[name] = data[name]
        elif proposal.pk and name in ("objectives", "principles", "regions", "languages"):
            values[name] = list(getattr(proposal, name).all())
        else:
            values[name] = getattr(proposal, name, None)
    return values


def locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def proposal_save(*, form, speakers, by) -> Proposal:
    """Create or change a proposal from a valid ProposalForm and speaker formset; only a draft
    or a proposal sent back for changes can change."""
    with transaction.atomic():
        before = {}
        if form.instance.pk:
            current = locked(form.instance)
            if current.status not in Proposal.EDITABLE:
                raise NotAllowed(_("This proposal was submitted: it can no longer be changed."))
            before = snapshot(current)
        proposal = form.save(commit=False)
        if not proposal.pk:
            proposal.proposer = by
            proposal.locale = get_language() or settings.LANGUAGE_CODE
        changes = audit.diff(before, snapshot(proposal, form.cleaned_data))
        proposal.save()
        form.save_m2m()
        speakers.instance = proposal
        speakers.save()
        action = "proposal.change" if before else "proposal.create"
        audit.record(obj=proposal, action=action, by=by, changes=changes)
    return proposal


def missing_for_submission(proposal: Proposal) -> list[str]:
    """What a proposal needs before it can be submitted (drafts may lack it)."""
    missing = []
    for name in ("rationale", "workstream", "level", "format", "audience"):
        if not getattr(proposal, name):
            missing.append(str(Proposal._meta.get_field(name).verbose_name))
    if not proposal.objectives.exists():
        missing.append(str(Proposal._meta.get_field("objectives").verbose_name))
    return missing


def change_status(proposal: Proposal, to: str, *, by, action: str, **extra) -> None:
    before = proposal.status
    proposal.status = to
    for name, value in extra.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=["status", "updated_at", *extra])
    audit.record(obj=proposal, action=action, by=by, changes={"status": [before, to]})


def proposal_submit(*, proposal: Proposal, by) -> Proposal:
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status != Status.DRAFT:
            raise NotAllowed(_("Only a draft can be submitted."))
        missing = missing_for_submission(proposal)
        if missing:
            raise NotAllowed(
                _("Complete these before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        change_status(proposal, Status.SUBMITTED, by=by, action="proposal.submit",
                      submitted_at=timezone.now())  # fmt: skip
        tell_proposer(proposal, "submitted")
    return proposal


def proposal_withdraw(*, proposal: Proposal, by) -> Proposal:
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status in Proposal.DECIDED:
            raise NotAllowed(_("A decided or withdrawn proposal cannot be withdrawn."))
        change_status(proposal, Status.WITHDRAWN, by=by, action="proposal.withdraw")
    return proposal


def proposal_assign(*, proposal: Proposal, workstream: Organiser, by) -> Proposal:
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status in Proposal.DECIDED:
            raise NotAllowed(_("This proposal is decided: it can no longer be assigned."))
        before = proposal.workstream
        proposal.workstream = workstream
        proposal.save(update_fields=["workstream", "updated_at"])
        audit.record(obj=proposal, action="proposal.assign", by=by,
                     changes=audit.diff({"workstream": before}, {"workstream": workstream}))  # fmt: skip
    return proposal


def proposal_start_review(*, proposal: Proposal, by) -> Proposal:
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status != Status.SUBMITTED:
            raise NotAllowed(_("Only a submitted proposal can be taken up for review."))
        change_status(proposal, Status.UNDER_REVIEW, by=by, action="proposal.review")
    return proposal


def proposal_request_changes(*, proposal: Proposal, by, text: str) -> Proposal:
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status not in (Status.SUBMITTED, Status.UNDER_REVIEW):
            raise NotAllowed(_("Changes can be requested only while a proposal is in review."))
        Message.objects.create(proposal=proposal, author=by, kind=Message.Kind.TO_PROPOSER,
                               text=text)  # fmt: skip
        change_status(proposal, Status.CHANGES_REQUESTED, by=by, action="proposal.request_changes")
        tell_proposer(proposal, "changes_requested", text=text)
    return proposal


def proposal_reply(*, proposal: Proposal, by, text: str) -> Proposal:
    """The proposer answers a request for changes (having edited the proposal, or not): it
    goes back to review."""
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status != Status.CHANGES_REQUESTED:
            raise NotAllowed(_("There is no request for changes to answer."))
        Message.objects.create(proposal=proposal, author=by, kind=Message.Kind.FROM_PROPOSER,
                               text=text)  # fmt: skip
        change_status(proposal, Status.UNDER_REVIEW, by=by, action="proposal.reply")
    return proposal


def message_add(*, proposal: Proposal, by, kind: str, text: str) -> Message:
    """An internal note, or a message to the proposer (mailed), from a reviewer."""
    with transaction.atomic():
        proposal = locked(proposal)
        message = Message.objects.create(proposal=proposal, author=by, kind=kind, text=text)
        audit.record(obj=proposal, action=f"proposal.{kind}", by=by)
        if kind == Message.Kind.TO_PROPOSER:
            tell_proposer(proposal, "message", text=text)
    return message


def score_save(*, proposal: Proposal, by, marks: dict, note: str = "") -> Score:
    with transaction.atomic():
        proposal = locked(proposal)
        if proposal.status not in Proposal.IN_REVIEW:
            raise NotAllowed(_("Only a proposal in review can be scored."))
        score, _created = Score.objects.update_or_create(
            proposal=proposal, reviewer=by, defaults={**marks, "note": note}
        )
        audit.record(obj=proposal, action="proposal.score", by=by, changes=dict(marks))
    return score


def proposal_decline(*, proposal: Proposal, by, reason: str) -> Proposal:
    with transaction.atomic():
        proposal = locked(proposal)
        check_decidable(proposal)
        change_status(proposal, Status.DECLINED, by=by, action="proposal.decline",
                      decision_reason=reason, decided_at=timezone.now())  # fmt: skip
        tell_proposer(proposal, "declined", text=reason)
    return proposal


def proposal_accept(*, proposal: Proposal, by, reason: str) -> Proposal:
    """Accept: the proposal becomes a draft talk, prefilled and linked back, organised by its
    workstream with the proposing organisation."""
    with transaction.atomic():
        proposal = locked(proposal)
        check_decidable(proposal)
        if proposal.workstream is None:
            raise NotAllowed(_("Assign the proposal to a workstream first."))
        talk = talk_save(form=TalkForm(talk_data(proposal)), by=by)
        change_status(proposal, Status.ACCEPTED, by=by, action="proposal.accept",
                      decision_reason=reason, decided_at=timezone.now(), talk=talk)  # fmt: skip
        tell_proposer(proposal, "accepted", text=reason)
    return proposal


def check_decidable(proposal: Proposal) -> None:
    if proposal.status == Status.WITHDRAWN:
        raise NotAllowed(_("This proposal was withdrawn: no decision can be taken on it."))
    if proposal.status in Proposal.DECIDED:
        raise NotAllowed(_("This proposal is already decided."))
    if proposal.status == Status.DRAFT:
        raise NotAllowed(_("A draft cannot be decided: it has not been submitted."))


DEFAULT_START = time(13, 0)  # the usual slot, in Geneva


def talk_data(proposal: Proposal) -> dict:
    """TalkForm data for the draft talk an accepted proposal becomes."""
    day = proposal.preferred_from or (timezone.now() + timedelta(days=60)).date()
    start = datetime.combine(day, DEFAULT_START)
    organisers = [proposal.workstream.slug, partner_organiser(proposal.organisation).slug]
    return {
        "title": proposal.title,
        "summary": proposal.rationale,
        "status": Talk.Status.DRAFT,
        "level": proposal.level or Talk.Level.GLOBAL,
        "regions": [region.slug for region in proposal.regions.all()],
        "organisers": organisers,
        "format": proposal.format,
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "timezone": "Europe/Zurich",
        "interpretation_languages": [language.code for language in proposal.languages.all()],
        "audience": proposal.audience,
        "chatham_house": proposal.audience == Talk.Audience.MEMBER_STATES,
        "objectives": [objective.number for objective in proposal.objectives.all()],
        "principles": [principle.letter for principle in proposal.principles.all()],
        "registration_mode": Talk.Registration.NOT_YET_OPEN,
    }


def partner_organiser(organisation) -> Organiser:
    """The organisation as a talk organiser (kind partner), made the first time it is one."""
    organiser = Organiser.objects.filter(organisation=organisation).first()
    if organiser is not None:
        return organiser
    base = slugify(organisation.name)[:100] or "partner"
    slug, n = base, 1
    while Organiser.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    organiser = Organiser.objects.create(
        slug=slug, name=organisation.name, kind=Organiser.Kind.PARTNER, organisation=organisation
    )
    audit.record(obj=organiser, action="organiser.create", changes={"name": [None, organiser.name]})
    return organiser


SUBJECTS = {
    "submitted": lambda p: _("We received your proposal: %(title)s") % {"title": p.title},
    "changes_requested": lambda p: _("Changes requested: %(title)s") % {"title": p.title},
    "message": lambda p: _("A message about your proposal: %(title)s") % {"title": p.title},
    "accepted": lambda p: _("Accepted: %(title)s") % {"title": p.title},
    "declined": lambda p: _("Not accepted: %(title)s") % {"title": p.title},
}


def tell_proposer(proposal: Proposal, event: str, text: str = "") -> None:
    """Mail the proposer (in the language they wrote in) about `event`, with `text`."""
    if proposal.proposer is None or not proposal.proposer.email:
        return
    with translation.override(proposal.locale):
        lines = {
            "submitted": _(
                "Thank you. The secretariat will assign your proposal to a "
                "workstream, which will review it."
            ),  # fmt: skip
            "changes_requested": _("The reviewers ask for changes:"),
            "message": _("The reviewers write:"),
            "accepted": _(
                "Your proposal is accepted and will become a GCM Talk. The "
                "organisers will be in touch about the details."
            ),  # fmt: skip
            "declined": _("We are sorry: your proposal was not accepted."),
        }
        body = [lines[event]]
        if text:
            body.append(text if event != "declined" else _("The reason: %(reason)s") % {
                "reason": text})  # fmt: skip
        url = settings.SITE_URL + reverse("proposals:detail", kwargs={"pk": proposal.pk})
        body.append(_("Your proposal: %(url)s") % {"url": url})
        body.append(_("GCM Talks – UN Network on Migration"))
        mail_queue(
            to=proposal.proposer.email,
            subject=SUBJECTS[event](proposal),
            text="\n\n".join(body),
            key=f"proposal:{proposal.pk}:{event}:{proposal.updated_at.timestamp()}"[:200],
            language=proposal.locale,
        )
