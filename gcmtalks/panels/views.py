"""The speaker's personal page, reached from the link mailed to them: no sign-in, the key is
the secret, so the page is never cached and its address never leaves as a referrer."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gcmtalks.talks.display import talk_view

from . import agenda, queries
from .forms import AnswerForm, answer_initial
from .models import Speaker
from .services import PanelError, answers_closed, speaker_answer


def private(response):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def speaker(request, key):
    speaker = get_object_or_404(Speaker.objects.select_related("talk"), key=key)
    talk, now = speaker.talk, timezone.now()
    closed = answers_closed(talk, now)
    status = 200
    form = AnswerForm(initial=answer_initial(speaker), talk=talk)
    if request.method == "POST" and not closed:
        form = AnswerForm(request.POST, talk=talk)
        if form.is_valid():
            try:
                speaker_answer(speaker=speaker, **form.answers())
            except PanelError as error:
                closed = str(error)
            else:
                messages.success(request, _("Thank you: your answers are saved."))
                return private(redirect("panels:speaker", key=key))
        status = 409 if closed else 422
    elif request.method == "POST":
        status = 409
    mine = [
        slot for slot in agenda.slots(talk, queries.agenda_items(talk)) if speaker in slot.speakers
    ]
    context = {
        "speaker": speaker,
        "talk": talk,
        "display": talk_view(talk, now),
        "slots": mine,
        "zone_caption": agenda.zone_caption(talk),
        "form": None if closed else form,
        "closed": closed,
    }
    return private(render(request, "panels/speaker.html", context, status=status))
