"""Which language a visitor reads: the one they chose (the switcher, or their account's,
kept in the language cookie), else their browser's, else English.

English pages have no prefix (/talks/…), the others do (/fr/talks/…). A visitor who lands on
an English page but prefers another language is sent to that language's page; one who chose
English stays. The API answers in the language of `?lang=` or of Accept-Language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation.trans_real import parse_accept_lang_header

CODES = [code for code, _name in settings.LANGUAGES]
# Paths that are not pages in a language: left as they are.
NOT_PAGES = ("/api/", "/admin/", "/static/", "/media/", "/language/", "/dev/", "/favicon",
             "/health")  # fmt: skip


def supported(code: str | None) -> str | None:
    """The site's language for a code such as "fr-CH" or "zh-Hans-CN", or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def from_browser(header: str) -> str | None:
    for code, _quality in parse_accept_lang_header(header or ""):
        if code != "*" and (found := supported(code)):
            return found
    return None


def preferred(request) -> str:
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return (
        supported(cookie)
        or from_browser(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        or settings.LANGUAGE_CODE
    )


def is_english_page(path: str) -> bool:
    if path.startswith(NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
        return False
    first = path.lstrip("/").split("/", 1)[0].lower()
    return first not in {code.lower() for code in CODES if code != settings.LANGUAGE_CODE}


def in_language(path: str, code: str) -> str:
    """`path` (of a page in any language) in language `code`; unchanged if it is no page."""
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(path, code)


def choose(response, code: str):
    """Keep a visitor's choice of language (a year, like Django's own set_language)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


class PreferredLanguageMiddleware:
    """Sends visitors of English pages who prefer another language to that language's page,
    before anything is served from the public cache; keeps a language chosen during the
    request (`request.language_chosen`, e.g. at sign-in) in the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and is_english_page(request.path_info):
            wanted = preferred(request)
            here = request.get_full_path()
            there = in_language(here, wanted) if wanted != settings.LANGUAGE_CODE else here
            if there != here:  # a path that is not a page (a 404) has no translation
                response = HttpResponseRedirect(there)
                patch_vary_headers(response, ["Accept-Language", "Cookie"])
                return response
        response = self.get_response(request)
        if is_english_page(request.path_info):
            patch_vary_headers(response, ["Accept-Language"])
        chosen = getattr(request, "language_chosen", None)
        if chosen:
            choose(response, chosen)
        return response


class ApiLanguageMiddleware:
    """The API answers in the language of `?lang=`, else of Accept-Language, else English
    (it lives outside the language prefixes). Placed after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        code = (
            supported(request.GET.get("lang"))
            or from_browser(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
            or settings.LANGUAGE_CODE
        )
        with translation.override(code):
            request.LANGUAGE_CODE = code
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        patch_vary_headers(response, ["Accept-Language"])
        return response


def switch(request, code: str):
    """The language switcher's links: keep the choice, then show the same page in it."""
    code = supported(code) or settings.LANGUAGE_CODE
    target = request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not allowed or not urlsplit(target).path.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(in_language(target, code))
    response["Cache-Control"] = "no-store"
    return choose(response, code)
