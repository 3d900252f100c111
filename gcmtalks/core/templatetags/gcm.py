from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from gcmtalks.core.timezones import format_range, zone

register = template.Library()


def ltr(text):
    return format_html('<bdi dir="ltr">{}</bdi>', text)


@register.simple_tag
def time_range(talk, tzname=None):
    """'15:00–16:30 Geneva time (CEST, UTC+2)', the clock times kept left to right."""
    tzname = tzname or settings.CALENDAR_TIME_ZONE
    return mark_safe(format_range(talk.start, talk.end, tzname, isolate=ltr))  # noqa: S308


@register.filter
def calendar_day(talk):
    """The talk's date in the calendar's zone (Geneva)."""
    return talk.start.astimezone(zone(settings.CALENDAR_TIME_ZONE)).date()


@register.filter
def has_own_zone(talk):
    return talk.timezone != settings.CALENDAR_TIME_ZONE


@register.filter
def is_past(talk):
    return talk.end < timezone.now()


@register.simple_tag
def registration(talk):
    """(label, link) for the calendar's registration column."""
    mode = talk.Registration
    if talk.status == talk.Status.CANCELLED:
        return _("Cancelled"), ""
    if talk.end < timezone.now() or talk.registration_mode == mode.CLOSED:
        return _("Closed"), ""
    if talk.registration_mode == mode.EXTERNAL:
        return _("Register"), talk.registration_url
    if talk.registration_mode == mode.OPEN:
        return _("Register"), talk.get_absolute_url() + "#register"
    return _("Not yet open"), ""


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
