"""The reviewers' side, in the organisers' workspace: practices to review, assigning
reviewers, conflict declarations, the Hub's criteria, and the secretariat's decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcmtalks.core.models import AuditEntry
from gcmtalks.talks.access import workspace_view

from . import queries, services
from .forms import AssignForm, ConflictForm, DecisionForm, ReviewForm, TextsForm
from .models import Practice, Review
from .views import document_response

STATUS_FILTER = [s for s in Practice.Status if s != Practice.Status.DRAFT]


def reviewed_practice(request, pk, permission="hub.review_practice") -> Practice:
    """404 to anyone who is neither an assigned reviewer nor the secretariat."""
    practice = queries.practice_for(pk)
    if practice is None or not request.user.has_perm("hub.review_practice", practice):
        raise Http404
    if not request.user.has_perm(permission, practice):
        raise PermissionDenied
    return practice


@require_safe
@workspace_view
def practice_list(request):
    practices = queries.practices_to_review(request.user)
    status = request.GET.get("status", "")
    if status in Practice.Status.values:
        practices = practices.filter(status=status)
    context = {"practices": practices, "statuses": STATUS_FILTER, "status": status}
    return render(request, "hub/manage/list.html", context)


@require_safe
@workspace_view
def practice_detail(request, pk):
    practice = reviewed_practice(request, pk)
    reviews = list(practice.reviews.all())
    mine = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
    context = {
        "practice": practice,
        "reviews": reviews,
        "mine": mine,
        "missing": services.missing_reviewers(practice),
        "history": AuditEntry.objects.filter(
            object_type="hub.practice", object_id=str(practice.pk)
        ).select_related("actor"),
        "assign_form": AssignForm(),
        "conflict_form": ConflictForm(),
        "review_form": ReviewForm(instance=mine),
        "decision_form": DecisionForm(),
        "can_decide": request.user.has_perm("hub.decide_practice", practice),
        "document_url": "hub_workspace:document",
    }
    return render(request, "hub/manage/detail.html", context)


@require_safe
@workspace_view
def practice_document(request, pk, document_pk):
    """A document of a practice, for its reviewers and the secretariat (404 for anyone else)."""
    practice = reviewed_practice(request, pk)
    return document_response(queries.document_of(practice, document_pk), public=False)


def act(request, pk, form_class, change, done: str, permission="hub.review_practice"):
    practice = reviewed_practice(request, pk, permission)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("hub_workspace:detail", pk=practice.pk)
    try:
        change(practice, form.cleaned_data if form else {})
    except services.NotAllowed as error:
        messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})
    else:
        messages.success(request, done)
    return redirect("hub_workspace:detail", pk=practice.pk)


def own_review(practice, user):
    review = next((r for r in practice.reviews.all() if r.reviewer_id == user.pk), None)
    if review is None:
        raise services.NotAllowed(_("You are not a reviewer of this practice."))
    return review


@require_POST
@workspace_view
def practice_assign(request, pk):
    return act(request, pk, AssignForm, lambda p, d: services.reviewer_assign(
        practice=p, reviewer=d["reviewer"], is_un=d["is_un"], by=request.user),
        _("The reviewer is assigned."), "hub.decide_practice")  # fmt: skip


@require_POST
@workspace_view
def practice_start_review(request, pk):
    return act(request, pk, None, lambda p, d: services.practice_start_review(
        practice=p, by=request.user), _("The practice is now under review."),
        "hub.decide_practice")  # fmt: skip


@require_POST
@workspace_view
def practice_conflict(request, pk):
    return act(request, pk, ConflictForm, lambda p, d: services.conflict_declare(
        review=own_review(p, request.user), declared=d["declared"], text=d["text"].strip(),
        by=request.user), _("Your declaration is saved."))  # fmt: skip


@require_POST
@workspace_view
def practice_review(request, pk):
    def change(practice, data):
        answers = {name: data[name] for name in Review.CRITERIA}
        services.review_submit(review=own_review(practice, request.user), by=request.user,
                               answers=answers, recommendation=data["recommendation"],
                               comments=data["comments"])  # fmt: skip

    return act(request, pk, ReviewForm, change, _("Your review is saved."))


@require_POST
@workspace_view
def practice_return(request, pk):
    return act(request, pk, DecisionForm, lambda p, d: services.practice_return(
        practice=p, by=request.user, reason=d["reason"]),
        _("The practice is returned for changes; the submitter is told why."),
        "hub.decide_practice")  # fmt: skip


@require_POST
@workspace_view
def practice_accept(request, pk):
    return act(request, pk, DecisionForm, lambda p, d: services.practice_accept(
        practice=p, by=request.user, reason=d["reason"]),
        _("The practice is accepted: it is now public on the Hub page."),
        "hub.decide_practice")  # fmt: skip


@require_POST
@workspace_view
def practice_decline(request, pk):
    return act(request, pk, DecisionForm, lambda p, d: services.practice_decline(
        practice=p, by=request.user, reason=d["reason"]),
        _("The practice is declined; the submitter is told why."),
        "hub.decide_practice")  # fmt: skip


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def practice_texts(request, pk):
    """The secretariat writes a practice's title and summary in other languages, at any stage."""
    practice = reviewed_practice(request, pk, "hub.decide_practice")
    data = request.POST if request.method == "POST" else None
    form = TextsForm(data, practice=practice)
    if data is not None and form.is_valid():
        services.practice_texts_save(practice=practice, texts=form.texts(), by=request.user)
        messages.success(request, _("The translations are saved."))
        return redirect("hub_workspace:detail", pk=practice.pk)
    context = {"practice": practice, "form": form}
    return render(request, "hub/manage/texts.html", context, status=400 if form.errors else 200)
