"""The workspace pages of a talk's briefing pack (edit, preview, deliveries, resend) and of its
publication checklist. Each change goes through one service; a refused one is a message."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace import manages_talk
from gcmtalks.talks.workspace_queries import moment

from . import mail, queries
from .checklist import with_outcomes
from .forms import ItemForm, NewItemForm, PackForm, ResendForm
from .models import ChecklistItem
from .services import (
    NotAllowed,
    briefing_resend,
    checklist_ensure,
    checklist_item_add,
    checklist_item_change,
    checklist_item_delete,
    checklist_item_mark,
    pack_save,
)


def to_briefing(talk: Talk):
    return redirect("briefings_workspace:briefing", slug=talk.slug)


def to_checklist(talk: Talk, anchor: str = ""):
    url = reverse("briefings_workspace:checklist", kwargs={"slug": talk.slug})
    return redirect(f"{url}#{anchor}" if anchor else url)


def refused(request, error) -> None:
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})


# The briefing pack.


@require_http_methods(["GET", "POST"])
@manages_talk
def briefing(request, talk: Talk):
    pack = queries.pack_of(talk)
    form = PackForm(request.POST if request.method == "POST" else None, pack=pack)
    if form.is_bound and form.is_valid():
        try:
            pack_save(talk=talk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The briefing pack is saved."))
            return to_briefing(talk)
    return render(request, "briefings/briefing.html", briefing_context(request, talk, pack, form))


def preview_language(request) -> str:
    wanted = request.GET.get("language", "")
    return wanted if wanted in dict(settings.LANGUAGES) else translation.get_language()


def preview(talk: Talk, pack, language: str) -> str:
    """The mail's body as a registrant taking part online (or in the room, for an in-person
    talk) would get it in `language`."""
    in_person = talk.format == Talk.Format.IN_PERSON
    sample = Registration(
        talk=talk,
        name=_("Registrant's name"),
        email="registrant@example.org",
        locale=language,
        status=Registration.Status.CONFIRMED,
        attendance_mode=Registration.Mode.IN_PERSON if in_person else Registration.Mode.ONLINE,
    )
    documents = mail.documents_for([talk.pk])[talk.pk]
    with translation.override(language):
        personal = settings.SITE_URL + reverse("registrations:personal", args=["…"])
        values = mail.context(pack, sample, documents, personal)
        return render_to_string("briefings/mail/_body.html", values)


def briefing_context(request, talk: Talk, pack, form) -> dict:
    recipients = queries.recipients(talk)
    language = preview_language(request)
    now = timezone.now()
    deliveries = [(d, moment(d.at)) for d in queries.deliveries(pack)]
    return {
        "talk": talk,
        "pack": pack,
        "form": form,
        "goes": moment(pack.goes_at),
        "went": moment(pack.sent_at) if pack.sent_at else "",
        "ended": talk.end <= now,
        "deliveries": deliveries,
        "sent_count": len(deliveries),
        "recipients": recipients,
        "resend_form": ResendForm(recipients=recipients) if recipients else None,
        "preview": preview(talk, pack, language),
        "preview_language": language,
        "languages": settings.LANGUAGES,
    }


@require_POST
@manages_talk
def briefing_resend_view(request, talk: Talk):
    registration = None
    if request.POST.get("to") != "all":
        form = ResendForm(request.POST, recipients=queries.recipients(talk))
        if not form.is_valid():
            refused(request, _("Choose one of the confirmed registrants."))
            return to_briefing(talk)
        registration = talk.registrations.get(pk=form.cleaned_data["registration"])
    try:
        count = briefing_resend(talk=talk, by=request.user, registration=registration)
    except NotAllowed as error:
        refused(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The briefing pack is being sent to %(count)d registrant.",
                "The briefing pack is being sent to %(count)d registrants.",
                count,
            )
            % {"count": count},
        )
    return to_briefing(talk)


# The publication checklist.


@require_GET
@manages_talk
def checklist(request, talk: Talk):
    checklist_ensure(talks=with_outcomes(Talk.objects.filter(pk=talk.pk)), by=request.user)
    return render_checklist(request, talk)


def render_checklist(request, talk: Talk, bound=None, new_form=None):
    """The page; `bound` is an item's form with errors (keyed by the item's id)."""
    owners = queries.owner_choices(talk)
    rows = []
    for entry in queries.talk_entries(talk, timezone.now()):
        item = entry.item
        form = None
        if bound and bound[0] == item.pk:
            form = bound[1]
        elif item.pk:
            initial = {"owner": item.owner_id, "due": entry.due}
            form = ItemForm(initial=initial, prefix=f"item-{item.pk}", talk=talk, owners=owners)
        done_when = moment(item.done_at) if item.done_at else ""
        rows.append((entry, form, done_when))
    context = {
        "talk": talk,
        "rows": rows,
        "new_form": new_form or NewItemForm(prefix="new", talk=talk, owners=owners),
    }
    return render(request, "briefings/checklist.html", context)


def item_of(talk: Talk, pk: int) -> ChecklistItem:
    return get_object_or_404(ChecklistItem.objects.select_related("talk"), talk=talk, pk=pk)


@require_POST
@manages_talk
def checklist_item(request, talk: Talk, pk: int):
    item = item_of(talk, pk)
    owners = queries.owner_choices(talk)
    form = ItemForm(request.POST, prefix=f"item-{pk}", talk=talk, owners=owners, anchor=item.anchor)
    if form.is_valid():
        try:
            checklist_item_change(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("due", error)
        else:
            messages.success(request, _("“%(item)s” is saved.") % {"item": item})
            return to_checklist(talk, f"item-{pk}")
    return render_checklist(request, talk, bound=(pk, form))


@require_POST
@manages_talk
def checklist_mark(request, talk: Talk, pk: int):
    item = item_of(talk, pk)
    done = request.POST.get("done") == "1"
    checklist_item_mark(item=item, by=request.user, done=done)
    if done:
        messages.success(request, _("“%(item)s” is marked done.") % {"item": item})
    else:
        messages.success(request, _("“%(item)s” is no longer marked done.") % {"item": item})
    return to_checklist(talk, f"item-{pk}")


@require_POST
@manages_talk
def checklist_add(request, talk: Talk):
    form = NewItemForm(request.POST, prefix="new", talk=talk, owners=queries.owner_choices(talk))
    if form.is_valid():
        try:
            item = checklist_item_add(talk=talk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(item)s” is added.") % {"item": item})
            return to_checklist(talk, f"item-{item.pk}")
    return render_checklist(request, talk, new_form=form)


@require_POST
@manages_talk
def checklist_delete(request, talk: Talk, pk: int):
    item = item_of(talk, pk)
    try:
        checklist_item_delete(item=item, by=request.user)
    except NotAllowed as error:
        refused(request, error)
    else:
        messages.success(request, _("“%(item)s” is removed.") % {"item": item})
    return to_checklist(talk)
