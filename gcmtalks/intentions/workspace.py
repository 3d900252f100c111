"""The organisers' pages for pledge intentions: a talk's intentions, one intention with its
history, and the follow-up board with its summaries and bulk reassignment."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.core.timezones import geneva_day
from gcmtalks.talks.access import workspace_view
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace import manages_talk
from gcmtalks.talks.workspace_queries import moment

from . import queries, services
from .forms import BoardFilter, IntentionForm, MoveForm, NoteForm, ReassignForm
from .models import Intention
from .rules import owners_for

PAGE_SIZE = 200


def manages_intention(view):
    """The workspace's door, then the intention's permission (asked before a missing one is
    reported, so its number tells nothing)."""

    @workspace_view
    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        intention = (
            Intention.objects.select_related("talk", "owner", "member_state", "pledge")
            .prefetch_related("talk__organisers", "objectives")
            .filter(pk=pk)
            .first()
        )
        if not request.user.has_perm("intentions.manage_intention", intention):
            raise PermissionDenied
        if intention is None:
            raise Http404
        return view(request, intention, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@manages_talk
def talk_intentions(request, talk: Talk):
    form = IntentionForm(request.POST or None, talk=talk)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.intention_save(talk=talk, by=request.user, **form.values())
            except services.NotAllowed as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The pledge intention is recorded."))
                return redirect("intentions_workspace:talk", slug=talk.slug)
        status = 400
    intentions = queries.for_board(Intention.objects.filter(talk=talk)).order_by("pk")
    context = {
        "talk": talk,
        "form": form,
        "intentions": intentions,
        "summary": queries.talk_summary(talk),
        "today": geneva_day(timezone.now()),
    }
    return render(request, "intentions/workspace/talk.html", context, status=status)


def detail_page(request, intention: Intention, status=200, **forms):
    context = {
        "intention": intention,
        "talk": intention.talk,
        "form": forms.get("form") or IntentionForm(instance=intention, talk=intention.talk),
        "move_form": forms.get("move_form") or MoveForm(initial={"state": intention.state}),
        "note_form": forms.get("note_form") or NoteForm(),
        "history": [(line, moment(line.at)) for line in queries.history(intention)],
        "today": geneva_day(timezone.now()),
    }
    return render(request, "intentions/workspace/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@manages_intention
def detail(request, intention: Intention):
    if request.method != "POST":
        return detail_page(request, intention)
    form = IntentionForm(request.POST, instance=intention, talk=intention.talk)
    if form.is_valid():
        try:
            services.intention_save(
                talk=intention.talk, intention=intention, by=request.user, **form.values()
            )
        except services.NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The intention is saved."))
            return redirect("intentions_workspace:detail", pk=intention.pk)
    intention.refresh_from_db()
    return detail_page(request, intention, status=400, form=form)


def post_to(request, intention: Intention, form, service, done: str, form_name: str):
    """Run one service with a posted form's data: back to the page with a message, or the page
    again with the form's errors and nothing changed."""
    if form.is_valid():
        try:
            service(intention=intention, by=request.user, **form.cleaned_data)
        except services.NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("intentions_workspace:detail", pk=intention.pk)
    return detail_page(request, intention, status=400, **{form_name: form})


@require_POST
@manages_intention
def move(request, intention: Intention):
    form = MoveForm(request.POST)
    done = _("The follow-up is recorded.")
    return post_to(request, intention, form, services.intention_move, done, "move_form")


@require_POST
@manages_intention
def note(request, intention: Intention):
    form = NoteForm(request.POST)
    done = _("The note is added.")
    return post_to(request, intention, form, services.intention_note, done, "note_form")


@require_POST
@manages_intention
def delete(request, intention: Intention):
    if not request.user.has_perm("talks.manage_talk", intention.talk):
        raise PermissionDenied  # an owner outside the talk's organisers follows it up only
    talk = intention.talk
    services.intention_delete(intention=intention, by=request.user)
    messages.success(request, _("The intention is removed, with its history."))
    return redirect("intentions_workspace:talk", slug=talk.slug)


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def board_context(request, filters: BoardFilter, reassign: ReassignForm | None = None) -> dict:
    today = geneva_day(timezone.now())
    visible = queries.visible(request.user)
    rows = Intention.objects.none()
    if filters.is_valid():
        data = filters.cleaned_data
        rows = queries.board(
            request.user, owner=data["owner"], states=filters.states(), due=data["due"],
            talk=data["talk"], objective=data["objective"], organiser=data["workstream"],
            today=today,
        )  # fmt: skip
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    owners = owners_for(request.user)
    return {
        "filters": filters,
        "page": page,
        "today": today,
        "reassign": reassign or ReassignForm(intentions=visible, owners=owners),
        "owners": owners,
        "by_workstream": queries.by_workstream(visible),
        "by_talk": queries.by_talk(visible),
        "query": query_without_page(request),
        "states": Intention.State.choices,
    }


@require_GET
@workspace_view
def board(request):
    filters = BoardFilter(request.GET, user=request.user)
    status = 200 if filters.is_valid() else 400
    context = board_context(request, filters)
    return render(request, "intentions/workspace/board.html", context, status=status)


@require_POST
@workspace_view
def reassign(request):
    visible = queries.visible(request.user)
    form = ReassignForm(request.POST, intentions=visible, owners=owners_for(request.user))
    back = reverse("intentions_workspace:board") + "?" + request.POST.get("query", "")
    if form.is_valid():
        try:
            changed = services.intentions_reassign(
                intentions=form.cleaned_data["intentions"],
                owner=form.cleaned_data["new_owner"],
                by=request.user,
            )
        except services.NotAllowed as error:
            form.add_error("new_owner", _("Nothing was changed. %(error)s") % {"error": error})
        else:
            text = ngettext("%(count)s intention has a new owner.",
                            "%(count)s intentions have a new owner.", changed)  # fmt: skip
            messages.success(request, text % {"count": changed})
            return redirect(back)
    filters = BoardFilter(request.GET, user=request.user)
    context = board_context(request, filters, reassign=form)
    return render(request, "intentions/workspace/board.html", context, status=400)
