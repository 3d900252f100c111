"""The partners' page (/brand/) and the social-media cards of each talk."""

from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmtalks.core.middleware import cache_publicly

from . import cards, display, queries

# Platforms fetch a shared page's image again now and then; an hour old is fine, and the
# ETag lets them (and browsers) check for a new drawing cheaply.
CARD_MAX_AGE = 3600


@require_safe
def partners(request):
    cache_publicly(request)
    return render(request, "branding/partners.html", display.partners_context())


def not_found(message: str) -> HttpResponseNotFound:
    return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")


@require_safe
def card(request, slug, language, size):
    """The card of a public talk, drawn once per change of what it shows."""
    if language not in cards.LANGUAGES:
        return not_found(
            _("There are no cards in “%(language)s”. Languages: %(choices)s.")
            % {"language": language, "choices": ", ".join(cards.LANGUAGES)}
        )
    if size not in cards.SIZES:
        return not_found(
            _("There are no cards of size “%(size)s”. Sizes: %(choices)s.")
            % {"size": size, "choices": ", ".join(cards.SIZES)}
        )
    talk = get_object_or_404(queries.card_talks(), slug=slug)
    text = cards.card_text(talk, language)
    etag = f'"{text.fingerprint(size)}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(cards.cached_png(text, size), content_type="image/png")
        filename = cards.filename(talk, language, size)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CARD_MAX_AGE}"
    return response
