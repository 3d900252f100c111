"""The reviewers' side, in the organisers' workspace: proposals to review, notes and messages,
scores, assignment and decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.access import workspace_view

from . import services
from .forms import AssignForm, DecisionForm, MessageForm, NoteForm, ScoreForm
from .models import Proposal, Score
from .queries import proposals_to_review

STATUS_FILTER = [s for s in Proposal.Status if s != Proposal.Status.DRAFT]


def reviewed_proposal(request, pk, permission="proposals.review_proposal") -> Proposal:
    """A submitted proposal the user reviews. Drafts belong to their proposers alone."""
    proposal = (
        Proposal.objects.exclude(status=Proposal.Status.DRAFT)
        .select_related("organisation", "workstream", "talk", "proposer")
        .filter(pk=pk)
        .first()
    )
    if proposal is None or not request.user.has_perm("proposals.review_proposal", proposal):
        raise Http404
    if not request.user.has_perm(permission, proposal):
        raise PermissionDenied
    return proposal


@workspace_view
def proposal_list(request):
    proposals = proposals_to_review(request.user)
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    context = {"proposals": proposals, "statuses": STATUS_FILTER, "status": status}
    return render(request, "proposals/workspace/list.html", context)


@workspace_view
def proposal_detail(request, pk):
    proposal = reviewed_proposal(request, pk)
    mine = Score.objects.filter(proposal=proposal, reviewer=request.user).first()
    context = {
        "proposal": proposal,
        "speakers": proposal.speakers.all(),
        "conversation": proposal.messages.select_related("author"),
        "scores": proposal.scores.select_related("reviewer"),
        "history": AuditEntry.objects.filter(
            object_type="proposals.proposal", object_id=str(proposal.pk)
        ).select_related("actor"),
        "note_form": NoteForm(initial={"kind": "note"}),
        "changes_form": MessageForm(),
        "score_form": ScoreForm(instance=mine),
        "decision_form": DecisionForm(),
        "assign_form": AssignForm(initial={"workstream": proposal.workstream}),
        "can_decide": request.user.has_perm("proposals.decide_proposal", proposal),
        "can_assign": request.user.has_perm("proposals.assign_proposal", proposal),
    }
    return render(request, "proposals/workspace/detail.html", context)


def act(request, pk, form_class, change, done: str, permission="proposals.review_proposal"):
    proposal = reviewed_proposal(request, pk, permission)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("proposals_workspace:detail", pk=proposal.pk)
    try:
        change(proposal, form.cleaned_data if form else {})
    except services.NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("proposals_workspace:detail", pk=proposal.pk)


@workspace_view
@require_POST
def proposal_assign(request, pk):
    return act(request, pk, AssignForm, lambda p, d: services.proposal_assign(
        proposal=p, workstream=d["workstream"], by=request.user),
        _("The proposal is assigned."), "proposals.assign_proposal")  # fmt: skip


@workspace_view
@require_POST
def proposal_review(request, pk):
    return act(request, pk, None, lambda p, d: services.proposal_start_review(
        proposal=p, by=request.user), _("The proposal is now under review."))  # fmt: skip


@workspace_view
@require_POST
def proposal_request_changes(request, pk):
    return act(request, pk, MessageForm, lambda p, d: services.proposal_request_changes(
        proposal=p, by=request.user, text=d["text"]),
        _("The proposer is asked for changes."))  # fmt: skip


@workspace_view
@require_POST
def proposal_note(request, pk):
    return act(request, pk, NoteForm, lambda p, d: services.message_add(
        proposal=p, by=request.user, kind=d["kind"], text=d["text"]),
        _("Your message is saved."))  # fmt: skip


@workspace_view
@require_POST
def proposal_score(request, pk):
    def change(proposal, data):
        marks = {name: data[name] for name in Score.CRITERIA}
        services.score_save(proposal=proposal, by=request.user, marks=marks, note=data["note"])

    return act(request, pk, ScoreForm, change, _("Your score is saved."))


@workspace_view
@require_POST
def proposal_accept(request, pk):
    return act(request, pk, DecisionForm, lambda p, d: services.proposal_accept(
        proposal=p, by=request.user, reason=d["reason"]),
        _("The proposal is accepted: its draft talk is ready to complete."),
        "proposals.decide_proposal")  # fmt: skip


@workspace_view
@require_POST
def proposal_decline(request, pk):
    return act(request, pk, DecisionForm, lambda p, d: services.proposal_decline(
        proposal=p, by=request.user, reason=d["reason"]),
        _("The proposal is declined; the proposer is told why."),
        "proposals.decide_proposal")  # fmt: skip
