from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import public_cache
from .public_cache import Answer

SKIPPED_HEADERS = {"set-cookie", "content-length"}
WAIT_SECONDS = 10


def cache_publicly(request):
    """Let PublicCacheMiddleware keep this request's answer for anonymous readers."""
    request.public_cache = True


class PublicCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from memory (see public_cache).

    Views opt in with `cache_publicly(request)`. Requests with a session or an Authorization
    header always reach the view, so nothing personal is ever kept or served from here.
    After a change, one worker renders each page again while the others go on serving the
    copy they have; a worker with no copy waits for the new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or settings.PUBLIC_CACHE_SECONDS <= 0
        ):
            return self.get_response(request)
        current, key = public_cache.version.current(), public_cache.url_key(request)
        answer = public_cache.store.get(key)
        if answer is None or answer.version != current:
            answer = public_cache.shared_get(current, key) or self.fresh(
                request, current, key, stale=answer
            )
        if isinstance(answer, HttpResponse):
            return answer
        response = HttpResponse(answer.body, status=answer.status, headers=answer.headers)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    def fresh(self, request, current, key, stale):
        """Render the answer, or take the one another worker is rendering."""
        if not public_cache.claim(current, key):
            answer = stale or public_cache.wait_for(current, key, WAIT_SECONDS)
            if answer is not None:
                return answer
        try:
            response = self.get_response(request)
            if not (
                getattr(request, "public_cache", False)
                and response.status_code == 200
                and not response.streaming
                and not response.cookies
            ):
                return response
            if not response.has_header("ETag"):
                response["ETag"] = public_cache.etag_of(response.content)
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            answer = Answer(current, response.status_code, headers, response.content)
            public_cache.keep(key, answer)
            if len(answer.body) >= public_cache.LARGE_BYTES:
                del response
                public_cache.give_back_memory()
            return answer
        finally:
            public_cache.release(current, key)
