"""The organisers' pages for a talk's panel and agenda. Each view parses with a form, calls one
service in services.py and turns a refusal (PanelError) into a message."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.talks.display import talk_view
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace import manages_talk

from . import agenda, queries
from .balance import balance
from .forms import AgendaItemForm, SpeakerForm
from .models import AgendaItem, Speaker
from .services import (
    PanelError,
    agenda_item_remove,
    agenda_item_save,
    speaker_invite,
    speaker_move,
    speaker_remove,
    speaker_save,
)


def to_panel(talk: Talk):
    return redirect("panels_workspace:panel", slug=talk.slug)


def refused(request, error: PanelError) -> None:
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})


@require_GET
@manages_talk
def panel(request, talk: Talk):
    speakers = list(queries.panel_speakers(talk))
    context = {
        "talk": talk,
        "display": talk_view(talk, timezone.now()),
        "speakers": speakers,
        "balance": balance(speakers),
        "slots": agenda.slots(talk, queries.agenda_items(talk)),
        "zone_caption": agenda.zone_caption(talk),
        "talk_slot": agenda.slot_label(talk, 0, agenda.talk_minutes(talk)),
    }
    return render(request, "panels/panel.html", context)


# Speakers.


@require_http_methods(["GET", "POST"])
@manages_talk
def speaker_new(request, talk: Talk):
    return speaker_form(request, talk, Speaker(talk=talk))


@require_http_methods(["GET", "POST"])
@manages_talk
def speaker_edit(request, talk: Talk, pk: int):
    return speaker_form(request, talk, get_object_or_404(Speaker, talk=talk, pk=pk))


def speaker_form(request, talk: Talk, speaker: Speaker):
    name = speaker.name  # the form changes the instance while it validates
    form = SpeakerForm(request.POST if request.method == "POST" else None, instance=speaker)
    if form.is_bound and form.is_valid():
        saved = speaker_save(form=form, by=request.user)
        messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
        return to_panel(talk)
    context = {"talk": talk, "form": form, "speaker": speaker if speaker.pk else None,
               "name": name}  # fmt: skip
    return render(request, "panels/speaker_form.html", context)


@require_http_methods(["GET", "POST"])
@manages_talk
def speaker_remove_view(request, talk: Talk, pk: int):
    speaker = get_object_or_404(Speaker, talk=talk, pk=pk)
    if request.method == "POST":
        speaker_remove(speaker=speaker, by=request.user)
        messages.success(request, _("The speaker is removed, with their personal data."))
        return to_panel(talk)
    context = {"talk": talk, "speaker": speaker}
    return render(request, "panels/speaker_remove.html", context)


@require_POST
@manages_talk
def speaker_move_view(request, talk: Talk, pk: int):
    speaker = get_object_or_404(Speaker, talk=talk, pk=pk)
    try:
        speaker_move(speaker=speaker, by=request.user, direction=request.POST.get("direction"))
    except PanelError as error:
        refused(request, error)
    else:
        messages.success(request, _("The order is saved."))
    return to_panel(talk)


@require_POST
@manages_talk
def speaker_invite_view(request, talk: Talk, pk: int):
    speaker = get_object_or_404(Speaker, talk=talk, pk=pk)
    try:
        speaker = speaker_invite(speaker=speaker, by=request.user)
    except PanelError as error:
        refused(request, error)
    else:
        messages.success(
            request,
            _("The personal link is being sent to %(name)s.") % {"name": speaker.name},
        )
    return to_panel(talk)


# The agenda.


@require_http_methods(["GET", "POST"])
@manages_talk
def item_new(request, talk: Talk):
    last = talk.agenda_items.order_by("-starts_after").first()
    initial = {"starts_after": last.starts_after + last.minutes if last else 0}
    return item_form(request, talk, AgendaItem(talk=talk), initial)


@require_http_methods(["GET", "POST"])
@manages_talk
def item_edit(request, talk: Talk, pk: int):
    return item_form(request, talk, get_object_or_404(AgendaItem, talk=talk, pk=pk))


def item_form(request, talk: Talk, item: AgendaItem, initial=None):
    data = request.POST if request.method == "POST" else None
    form = AgendaItemForm(data, instance=item, talk=talk, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            agenda_item_save(form=form, by=request.user)
        except PanelError as error:  # another organiser took the slot meanwhile
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The agenda is saved."))
            return to_panel(talk)
    context = {
        "talk": talk,
        "form": form,
        "item": item if item.pk else None,
        "talk_slot": agenda.slot_label(talk, 0, agenda.talk_minutes(talk)),
        "talk_minutes": agenda.talk_minutes(talk),
    }
    return render(request, "panels/item_form.html", context)


@require_POST
@manages_talk
def item_remove(request, talk: Talk, pk: int):
    item = get_object_or_404(AgendaItem, talk=talk, pk=pk)
    agenda_item_remove(item=item, by=request.user)
    messages.success(request, _("The agenda item is removed."))
    return to_panel(talk)
