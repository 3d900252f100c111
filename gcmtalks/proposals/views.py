"""The proposer's side: my organisations' proposals, writing one, and following it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import MessageForm, ProposalForm, SpeakerFormSet
from .models import Message, Proposal
from .queries import proposals_of_organisations, talks_of_organisations


def own_proposal(request, pk) -> Proposal:
    """The proposal, if it belongs to one of the user's organisations; 404 otherwise, so
    nobody learns which proposals exist."""
    proposal = Proposal.objects.select_related("organisation", "workstream", "talk").filter(pk=pk)
    proposal = proposal.first()
    if proposal is None or not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404
    return proposal


@login_required
def proposal_list(request):
    context = {
        "proposals": proposals_of_organisations(request.user),
        "talks": talks_of_organisations(request.user),
        "can_propose": request.user.has_perm("proposals.add_proposal"),
    }
    return render(request, "proposals/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_new(request):
    if not request.user.has_perm("proposals.add_proposal"):
        messages.info(request, _("To propose a talk, first add your organisation."))
        return redirect("accounts:profile")
    return edit(request, Proposal())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_edit(request, pk):
    proposal = own_proposal(request, pk)
    if proposal.status not in Proposal.EDITABLE:
        messages.error(request, _("This proposal was submitted: it can no longer be changed."))
        return redirect("proposals:detail", pk=proposal.pk)
    return edit(request, proposal)


def edit(request, proposal: Proposal):
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, instance=proposal, user=request.user)
    speakers = SpeakerFormSet(data, instance=proposal, prefix="speakers")
    status = 200
    if data is not None:
        if form.is_valid() and speakers.is_valid():
            try:
                proposal = services.proposal_save(form=form, speakers=speakers, by=request.user)
                if "submit" in request.POST:
                    services.proposal_submit(proposal=proposal, by=request.user)
                    messages.success(request, _("Your proposal is submitted. Thank you."))
                else:
                    messages.success(request, _("Your draft is saved."))
            except services.NotAllowed as error:
                messages.error(request, str(error))
            return redirect("proposals:detail", pk=proposal.pk)
        status = 422
    context = {"form": form, "speakers": speakers, "proposal": proposal}
    return render(request, "proposals/form.html", context, status=status)


@login_required
def proposal_detail(request, pk):
    proposal = own_proposal(request, pk)
    context = {
        "proposal": proposal,
        "speakers": proposal.speakers.all(),
        "exchanges": proposal.messages.filter(kind__in=Message.FOR_PROPOSER).select_related(
            "author"
        ),
        "missing": services.missing_for_submission(proposal)
        if proposal.status == Proposal.Status.DRAFT
        else [],
        "reply_form": MessageForm(),
    }
    return render(request, "proposals/detail.html", context)


@login_required
@require_POST
def proposal_submit(request, pk):
    return act(request, pk, lambda p: services.proposal_submit(proposal=p, by=request.user),
               _("Your proposal is submitted. Thank you."))  # fmt: skip


@login_required
@require_POST
def proposal_withdraw(request, pk):
    return act(request, pk, lambda p: services.proposal_withdraw(proposal=p, by=request.user),
               _("Your proposal is withdrawn."))  # fmt: skip


@login_required
@require_POST
def proposal_reply(request, pk):
    proposal = own_proposal(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("text", [])))
        return redirect("proposals:detail", pk=proposal.pk)
    text = form.cleaned_data["text"]
    return act(request, pk, lambda p: services.proposal_reply(proposal=p, by=request.user,
               text=text), _("Your answer is sent; the proposal is back in review."))  # fmt: skip


def act(request, pk, change, done: str):
    proposal = own_proposal(request, pk)
    try:
        change(proposal)
    except services.NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("proposals:detail", pk=proposal.pk)
