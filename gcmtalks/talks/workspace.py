"""The organisers' workspace for talks: the talks a person organises and what each needs next,
creating and editing them with TalkForm (as the admin and the API do), a talk's page with its
history, and publishing, postponing and cancelling. Every change goes through a service in
services.py; a refused one becomes a message."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import workspace_queries as queries
from .access import workspace_view
from .display import talk_view
from .forms import TalkForm
from .models import Organiser, Talk
from .roles import roles_of
from .services import (
    TalkInvalid,
    TalkNotAllowed,
    talk_actions,
    talk_cancel,
    talk_postpone,
    talk_publish,
    talk_save,
)
from .workspace_forms import PostponeForm, WorkspaceTalkForm


def manages_talk(view):
    """The workspace's door (sign-in, organiser, two factors), then the permission for the
    talk, asked before a missing talk is reported, so nobody learns which draft slugs exist."""

    @workspace_view
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        talk = queries.talk_for_workspace(slug)
        if not request.user.has_perm("talks.manage_talk", talk):
            raise PermissionDenied
        if talk is None:
            raise Http404
        return view(request, talk, *args, **kwargs)

    return wrapper


def adds_talks(view):
    @workspace_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("talks.add_talk"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def to_talk(talk: Talk):
    return redirect("talks_workspace:talk", slug=talk.slug)


def refused(request, error: Exception) -> None:
    text = str(error)
    if isinstance(error, TalkInvalid):
        name, errors = next(iter(error.errors.items()))
        field = TalkForm.base_fields.get(name)
        text = f"{field.label}: {errors[0]}" if field else str(errors[0])
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": text})


# Views.


@require_GET
@workspace_view
def dashboard(request):
    upcoming, past = queries.dashboard(request.user, timezone.now())
    roles = roles_of(request.user)
    context = {
        "upcoming": upcoming,
        "past": past,
        "secretariat": roles.secretariat,
        "organisers": Organiser.objects.filter(pk__in=roles.organisers).order_by("name"),
        "proposals_to_review": waiting_proposals(request.user),
    }
    return render(request, "talks/workspace/dashboard.html", context)


def waiting_proposals(user):
    """Proposals waiting for this person's review (the proposals app builds on talks, hence
    the import here)."""
    from gcmtalks.proposals.models import Proposal
    from gcmtalks.proposals.queries import proposals_to_review

    waiting = (Proposal.Status.SUBMITTED, Proposal.Status.UNDER_REVIEW)
    return proposals_to_review(user).filter(status__in=waiting).order_by("submitted_at", "id")


@require_http_methods(["GET", "POST"])
@adds_talks
def talk_new(request):
    data = request.POST if request.method == "POST" else None
    form = WorkspaceTalkForm(data, user=request.user)
    if form.is_bound and form.is_valid():
        talk = talk_save(form=form, by=request.user)
        messages.success(
            request, _("The draft is saved. Complete it, then publish it when it is ready.")
        )
        return to_talk(talk)
    return render(request, "talks/workspace/form.html", {"form": form, "talk": None})


@require_http_methods(["GET", "POST"])
@manages_talk
def talk_edit(request, talk: Talk):
    title = talk.title  # the form changes the instance while it validates
    data = request.POST if request.method == "POST" else None
    form = WorkspaceTalkForm(data, instance=talk, user=request.user)
    if form.is_bound and form.is_valid():
        talk = talk_save(form=form, by=request.user)
        messages.success(request, _("The changes are saved."))
        return to_talk(talk)
    context = {"form": form, "talk": talk, "title": title}
    return render(request, "talks/workspace/form.html", context)


@require_GET
@manages_talk
def talk_detail(request, talk: Talk):
    now = timezone.now()
    context = {
        "talk": talk,
        "display": talk_view(talk, now),
        "actions": talk_actions(talk, now),
        "history": queries.talk_history(talk),
    }
    return render(request, "talks/workspace/talk.html", context)


@require_POST
@manages_talk
def talk_publish_view(request, talk: Talk):
    try:
        talk_publish(talk=talk, by=request.user)
    except (TalkNotAllowed, TalkInvalid) as error:
        refused(request, error)
    else:
        messages.success(request, _("The talk is published: it is on the public calendar."))
    return to_talk(talk)


@require_http_methods(["GET", "POST"])
@manages_talk
def talk_postpone_view(request, talk: Talk):
    if "postpone" not in talk_actions(talk):
        refused(request, TalkNotAllowed(_("This talk cannot be postponed.")))
        return to_talk(talk)
    data = request.POST if request.method == "POST" else None
    form = PostponeForm(data, talk=talk)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"]
        try:
            talk_postpone(talk=talk, by=request.user, start=start)
        except TalkNotAllowed as error:
            form.add_error("start", str(error))
        except TalkInvalid as error:
            refused(request, error)
            return to_talk(talk)
        else:
            if start:
                text = _("The talk has its new date; its registrants are being told.")
            else:
                text = _("The talk is postponed; its registrants are being told.")
            messages.success(request, text)
            return to_talk(talk)
    context = {
        "talk": talk,
        "form": form,
        "display": talk_view(talk, timezone.now()),
        "registrants": queries.registrants_to_tell(talk),
    }
    return render(request, "talks/workspace/postpone.html", context)


@require_http_methods(["GET", "POST"])
@manages_talk
def talk_cancel_view(request, talk: Talk):
    if request.method == "POST":
        try:
            talk_cancel(talk=talk, by=request.user)
        except (TalkNotAllowed, TalkInvalid) as error:
            refused(request, error)
        else:
            messages.success(request, _("The talk is cancelled; its registrants are being told."))
        return to_talk(talk)
    if "cancel" not in talk_actions(talk):
        refused(request, TalkNotAllowed(_("This talk cannot be cancelled.")))
        return to_talk(talk)
    context = {
        "talk": talk,
        "display": talk_view(talk, timezone.now()),
        "registrants": queries.registrants_to_tell(talk),
    }
    return render(request, "talks/workspace/cancel.html", context)
