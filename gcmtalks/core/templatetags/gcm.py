from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

from gcmtalks.core.language_names import language_name

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """[(code, name in that language, the switcher's url for this page, is current)]: the
    switcher keeps the choice, so a visitor who picks English is not sent back to the
    language their browser asks for."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    here = urlencode({"next": request.get_full_path()})
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = f"{reverse('switch_language', args=[code])}?{here}"
        links.append((code, info["name_local"], url, code == current))
    return links


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[(code, absolute url of this page in it)] for <link rel="alternate" hreflang>."""
    path = context["request"].get_full_path()
    return [(code, settings.SITE_URL + translate_url(path, code)) for code, _ in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def with_params(context, **changes):
    """The current query string with some parameters changed (None or '' removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def in_english_only(obj, *names) -> bool:
    """True when the page's language is not English and one of these translated fields has
    no text of its own in it, so the English one is shown (modeltranslation's fallback)."""
    code = get_language()
    if not code or code == settings.LANGUAGE_CODE:
        return False
    return any(
        getattr(obj, build_localized_fieldname(name, settings.LANGUAGE_CODE), "")
        and not getattr(obj, build_localized_fieldname(name, code), "")
        for name in names
    )


@register.filter(name="language_in_sentence")
def language_name_filter(code: str) -> str:
    """An interface language's name as written within a sentence in the page's language."""
    return language_name(code)
