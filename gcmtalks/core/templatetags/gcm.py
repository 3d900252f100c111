from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """[(code, name in that language, url of this page in it, is current)]."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append((code, info["name_local"], translate_url(request.get_full_path(), code),
                      code == current))  # fmt: skip
    return links


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
