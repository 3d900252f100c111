"""Public figures of the follow-up, and the rapporteur's page (reached by their personal
speaker link) for recording the intentions voiced during the talk."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gcmtalks.panels.models import Speaker
from gcmtalks.panels.views import private

from . import queries, services
from .forms import IntentionForm
from .models import Intention


@require_GET
def follow_up(request):
    """Counts and progress by series and by talk: never a name, never the text of an
    intention voiced under the Chatham House Rule."""
    intentions = queries.public_intentions()
    context = {
        "overall": queries.overall(intentions),
        "by_series": queries.by_series(intentions),
        "by_talk": queries.by_talk(intentions),
        "states": Intention.State.choices,
    }
    return render(request, "intentions/follow_up.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def rapporteur(request, key):
    speaker = get_object_or_404(Speaker.objects.select_related("talk"), key=key)
    talk = speaker.talk
    closed = services.rapporteur_closed(speaker)
    form = IntentionForm(request.POST or None, talk=talk, rapporteur=True)
    status = 200
    if request.method == "POST":
        if not closed and form.is_valid():
            services.intention_save(talk=talk, by=None, speaker=speaker, **form.values())
            messages.success(request, _("Thank you: the pledge intention is recorded."))
            return private(redirect("intentions:rapporteur", key=key))
        status = 409 if closed else 400
    recorded = (
        Intention.objects.filter(talk=talk, recorded_by_speaker=speaker)
        .select_related("member_state")
        .order_by("pk")
    )
    context = {"speaker": speaker, "talk": talk, "form": form, "closed": closed,
               "recorded": recorded}  # fmt: skip
    return private(render(request, "intentions/rapporteur.html", context, status=status))
