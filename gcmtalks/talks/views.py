import calendar as pycalendar
from datetime import date, datetime, timedelta

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.core.models import Region
from gcmtalks.core.timezones import zone

from . import ics
from .display import talk_rows, talk_view
from .forms import TalkFilterForm, month_value
from .links import calendar_links
from .models import Organiser, Series, Talk
from .queries import (
    calendar_talks,
    filter_talks,
    public_talks,
    split_upcoming,
    talks_with_relations,
    with_calendar_relations,
)


def filtered(request):
    """The filter form and the public talks it selects, as the calendar and feeds show them."""
    form = TalkFilterForm(request.GET)
    return form, filter_talks(calendar_talks(), form.active())


def month_grid(views, month: date):
    """Weeks (Monday first) of (day, talks that day in Geneva time) for one month."""
    by_day = {}
    for view in views:
        by_day.setdefault(view.day, []).append(view)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [
        [(day, day.month == month.month, by_day.get(day, [])) for day in week] for week in weeks
    ]


def month_bounds(month: date):
    tz = zone(settings.CALENDAR_TIME_ZONE)
    first = datetime(month.year, month.month, 1, tzinfo=tz)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


@require_safe
def calendar(request):
    form, talks = filtered(request)
    now = timezone.now()
    errors = form.error_list()
    context = {"form": form, "errors": errors, "query": request.GET.urlencode()}
    if request.GET.get("view") == "month":
        try:
            month = month_value(request.GET.get("month", ""))
        except ValidationError as error:
            if request.GET.get("month"):
                errors.append(("month", error.messages[0]))
            month = now.astimezone(zone(settings.CALENDAR_TIME_ZONE)).date().replace(day=1)
        first, following = month_bounds(month)
        month_talks = talk_rows(talks.filter(start__gte=first, start__lt=following), now)
        context.update(
            view="month",
            month=month,
            weeks=month_grid(month_talks, month),
            previous_month=(first - timedelta(days=1)).strftime("%Y-%m"),
            next_month=following.strftime("%Y-%m"),
            count=len(month_talks),
        )
    else:
        talk_list = talk_rows(talks, now)
        upcoming, past = split_upcoming(talk_list)
        context.update(view="list", upcoming=upcoming, past=past, count=len(talk_list))
    template = "talks/calendar.html"
    if request.htmx:
        template += "#results"
    cache_publicly(request)
    return render(request, template, context)


@require_safe
def detail(request, slug):
    # Staff preview unpublished talks here, but only with their second factor on, as in
    # the admin and the workspace.
    previews = request.user.is_staff and is_mfa_enabled(request.user)
    talks = talks_with_relations() if previews else public_talks()
    talk = get_object_or_404(talks, slug=slug)
    cache_publicly(request)
    context = {
        "talk": talk,
        "display": talk_view(talk, timezone.now()),
        "links": calendar_links(talk),
    }
    return render(request, "talks/detail.html", context)


def ics_response(request, talks, name, filename):
    last_modified = talks.aggregate(last=Max("updated_at"))["last"]
    body = ics.calendar_bytes(with_calendar_relations(talks), name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    cache_publicly(request)
    return response


@require_safe
def calendar_ics(request):
    _form, talks = filtered(request)
    return ics_response(request, talks, _("GCM Talks"), "gcm-talks.ics")


@require_safe
def region_ics(request, slug):
    region = get_object_or_404(Region, slug=slug)
    talks = calendar_talks().filter(pk__in=Talk.objects.filter(regions=region).values("pk"))
    return ics_response(
        request, talks, _("GCM Talks – %(name)s") % {"name": region}, f"gcm-talks-{slug}.ics"
    )


@require_safe
def series_ics(request, slug):
    series = get_object_or_404(Series, slug=slug)
    talks = calendar_talks().filter(series=series)
    return ics_response(
        request, talks, _("GCM Talks – %(name)s") % {"name": series}, f"gcm-talks-{slug}.ics"
    )


@require_safe
def workstream(request, slug):
    """A workstream's (or regional network's, or commission's) page: who it is, its talks."""
    organiser = get_object_or_404(Organiser, slug=slug)
    talks = calendar_talks().filter(pk__in=Talk.objects.filter(organisers=organiser).values("pk"))
    now = timezone.now()
    upcoming, past = split_upcoming(talk_rows(talks, now))
    cache_publicly(request)
    context = {"organiser": organiser, "upcoming": upcoming, "past": past}
    return render(request, "talks/workstream.html", context)


@require_safe
def workstream_ics(request, slug):
    organiser = get_object_or_404(Organiser, slug=slug)
    talks = calendar_talks().filter(pk__in=Talk.objects.filter(organisers=organiser).values("pk"))
    name = _("GCM Talks – %(name)s") % {"name": organiser}
    return ics_response(request, talks, name, f"gcm-talks-{slug}.ics")


@require_safe
def talk_ics(request, slug):
    talk = public_talks().filter(slug=slug).first()
    if talk is None:
        raise Http404
    return ics_response(request, calendar_talks().filter(pk=talk.pk), talk.title, f"{slug}.ics")
