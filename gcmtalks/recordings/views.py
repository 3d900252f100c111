"""Captions and transcripts for those who may see them; anything else is 404, so nobody
learns what exists."""

from django.http import Http404
from django.views.decorators.http import require_safe

from gcmtalks.core.models import Access
from gcmtalks.documents.downloads import download_headers, file_download
from gcmtalks.registrations.viewers import viewer_for
from gcmtalks.talks.models import Talk

from .models import Captions, Recording, Transcript


def serve(request, slug: str, language: str, model):
    talk = Talk.objects.filter(slug=slug).first()
    if talk is None:
        raise Http404
    item = (
        model.objects.select_related("recording")
        .filter(recording__talk=talk, language=language)
        .first()
    )
    if item is None:
        raise Http404
    recording = item.recording
    access = recording.access if model is Captions else recording.transcript_access
    viewer = viewer_for(request, talk)
    shown = recording.status == Recording.Status.PUBLISHED and talk.is_public
    if not (viewer.organiser or (shown and viewer.may_see(access))):
        raise Http404
    response = file_download(item.file, filename=item.file_name, content_type=item.content_type)
    return download_headers(response, public=shown and access == Access.PUBLIC)


@require_safe
def captions(request, slug: str, language: str):
    return serve(request, slug, language, Captions)


@require_safe
def transcript(request, slug: str, language: str):
    return serve(request, slug, language, Transcript)
