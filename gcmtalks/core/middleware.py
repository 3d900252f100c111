from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import public_cache

SKIPPED_HEADERS = {"set-cookie", "content-length"}


def cache_publicly(request):
    """Let PublicCacheMiddleware keep this request's answer for anonymous readers."""
    request.public_cache = True


class PublicCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from memory.

    Views opt in with `cache_publicly(request)`. Requests with a session or an Authorization header
    always reach the view, so nothing personal is ever kept or served from here.
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
        key = "|".join(
            (
                public_cache.version(),
                request.get_full_path(),
                request.META.get("HTTP_HX_REQUEST", ""),
            )
        )
        item = public_cache.store.get(key)
        if item is not None:
            _, status, headers, body = item
            response = HttpResponse(body, status=status, headers=headers)
        else:
            response = self.get_response(request)
            if not self.keep(request, response):
                return response
            if not response.has_header("ETag"):
                response["ETag"] = public_cache.etag_of(response.content)
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
            public_cache.store.put(key, response.status_code, headers, response.content)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    @staticmethod
    def keep(request, response):
        return (
            getattr(request, "public_cache", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        )
