"""The public side: a document in one language, for whoever may see it. Anything else answers
404, never 403, so a guessed address does not reveal that a document exists."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.core.models import Access
from gcmtalks.registrations.mail import registration_for_token
from gcmtalks.registrations.viewers import remember, viewer_for
from gcmtalks.talks.models import Talk

from .downloads import download_headers, file_download
from .models import Document
from .queries import bidi, download_url, language_label, type_label

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def visible_document(request, slug: str, pk: int) -> Document:
    talk = Talk.objects.filter(slug=slug).first()
    document = Document.objects.filter(pk=pk, talk=talk).first() if talk else None
    if document is None:
        raise Http404
    document.talk = talk
    remember_link(request, talk)
    viewer = viewer_for(request, talk)
    if viewer.organiser:
        return document  # drafts too, to check them before publishing
    if not talk.is_public or document.status != Document.Status.PUBLISHED:
        raise Http404
    if not viewer.may_see(document.access):
        raise Http404
    return document


def remember_link(request, talk: Talk) -> None:
    """A link from a registrant's mail carries their personal token (`?r=`): opening it
    counts as opening their personal link, so it works in a browser that never did."""
    token = request.GET.get("r", "")
    registration = registration_for_token(token) if token else None
    if registration is not None and registration.talk_id == talk.pk:
        remember(request, registration)


def is_public(document: Document) -> bool:
    return (
        document.talk.is_public
        and document.status == Document.Status.PUBLISHED
        and document.access == Access.PUBLIC
    )


@require_safe
def download(request, slug, pk, language):
    if language not in LANGUAGE_CODES:
        raise Http404
    document = visible_document(request, slug, pk)
    versions = list(document.versions.all())
    version = next((v for v in versions if v.language == language), None)
    if version is None:
        raise Http404
    public = is_public(document)
    if version.file:
        response = file_download(
            version.file, filename=version.file_name, content_type=version.content_type
        )
    else:
        if public:
            cache_publicly(request)
        context = {
            "document": document,
            "talk": document.talk,
            "version": version,
            "language_name": language_label(version.language),
            "rtl": bidi(version.language),
            "others": [
                (v, language_label(v.language), download_url(slug, v), type_label(v))
                for v in versions
                if v != version
            ],
        }
        response = render(request, "documents/text.html", context)
    return download_headers(response, public=public)
