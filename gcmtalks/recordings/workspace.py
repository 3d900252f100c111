"""The recording's page in the organisers' workspace: its link and who may see it, captions
and transcripts, publishing. Each change goes through a service; a refusal becomes a message
or a field error, and nothing is saved."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gcmtalks.core.timezones import city, zone, zone_label
from gcmtalks.talks.models import Talk
from gcmtalks.talks.workspace import manages_talk

from . import services
from .forms import FileForm, RecordingForm
from .models import Recording
from .queries import consent_gaps, recording_with_files

SAVE = {"captions": services.captions_save, "transcript": services.transcript_save}
REMOVE = {"captions": services.captions_remove, "transcript": services.transcript_remove}


def to_page(talk: Talk):
    return redirect("recordings_workspace:recording", slug=talk.slug)


def existing(talk: Talk) -> Recording:
    recording = Recording.objects.filter(talk=talk).first()
    if recording is None:
        raise Http404
    return recording


def moment(at) -> str:
    """'2026-03-04 15:00 Geneva time (CET, UTC+1)'."""
    if at is None:
        return ""
    home = settings.CALENDAR_TIME_ZONE
    local = at.astimezone(zone(home))
    return _("%(time)s %(city)s time (%(zone)s)") % {
        "time": f"{local:%Y-%m-%d %H:%M}",
        "city": city(home),
        "zone": zone_label(local),
    }


def refused(request, error: services.RecordingRefused) -> None:
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})


def page(request, talk: Talk, **forms):
    recording = recording_with_files(talk)
    refused_consent, unanswered = consent_gaps(talk)
    context = {
        "talk": talk,
        "recording": recording,
        "form": forms.get("form") or RecordingForm(talk=talk, recording=recording),
        "captions_form": forms.get("captions") or FileForm(kind="captions"),
        "transcript_form": forms.get("transcript") or FileForm(kind="transcript"),
        "publish_refusal": services.publish_refusal(recording) if recording else "",
        "published_at": moment(recording.published_at) if recording else "",
        "refused_consent": refused_consent,
        "unanswered": unanswered,
    }
    return render(request, "recordings/workspace/recording.html", context)


@require_http_methods(["GET", "POST"])
@manages_talk
def recording_page(request, talk: Talk):
    if request.method != "POST":
        return page(request, talk)
    recording = Recording.objects.filter(talk=talk).first()
    form = RecordingForm(request.POST, talk=talk, recording=recording)
    if form.is_valid():
        try:
            services.recording_save(talk=talk, by=request.user, **form.cleaned_data)
        except services.RecordingRefused as error:
            for field, reason in error.errors.items():
                form.add_error(field or None, reason)
        else:
            messages.success(request, _("The recording's link and access are saved."))
            return to_page(talk)
    return page(request, talk, form=form)


@require_POST
@manages_talk
def publish(request, talk: Talk):
    try:
        services.recording_publish(recording=existing(talk), by=request.user)
    except services.RecordingRefused as error:
        refused(request, error)
    else:
        messages.success(
            request,
            _("The recording is published. Registrants are told by mail once the talk is over."),
        )
    return to_page(talk)


@require_POST
@manages_talk
def unpublish(request, talk: Talk):
    try:
        services.recording_unpublish(recording=existing(talk), by=request.user)
    except services.RecordingRefused as error:
        refused(request, error)
    else:
        messages.success(request, _("The recording is a draft again: it is no longer shown."))
    return to_page(talk)


@require_POST
@manages_talk
def file_add(request, talk: Talk, kind: str):
    recording = existing(talk)
    form = FileForm(request.POST, request.FILES, kind=kind)
    if form.is_valid():
        try:
            SAVE[kind](
                recording=recording,
                by=request.user,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file is saved."))
            return to_page(talk)
    return page(request, talk, **{kind: form})


@require_POST
@manages_talk
def file_remove(request, talk: Talk, kind: str, language: str):
    try:
        REMOVE[kind](recording=existing(talk), by=request.user, language=language)
    except services.RecordingRefused as error:
        refused(request, error)
    else:
        messages.success(request, _("The file is removed."))
    return to_page(talk)
