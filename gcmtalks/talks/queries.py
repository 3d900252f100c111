"""Reusable reads of talks, each with the joins its readers need."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet

from gcmtalks.core.models import Access, Language, Region
from gcmtalks.core.timezones import zone

from .models import Organiser, Talk


def calendar_relations() -> tuple[Prefetch, ...]:
    """What a row of the calendar shows of a talk besides its own fields, in display order."""
    return (
        Prefetch("regions", queryset=Region.objects.order_by("position")),
        Prefetch("interpretation_languages", queryset=Language.objects.order_by("name")),
    )


CHUNK = 900  # ids per query: below SQLite's oldest limit on parameters


def with_calendar_relations(talks) -> list[Talk]:
    """The talks as a list, each with its regions and interpretation languages in display
    order, as `prefetch_related(*calendar_relations())` gives them, for long lists: one query
    on each link table, and every talk points at the same few reference objects, where
    prefetching builds a queryset and new objects for each talk (about 5 MB per 1,000)."""
    talks = list(talks)
    ids = [talk.pk for talk in talks]
    relations = (
        ("regions", "region_id", list(Region.objects.order_by("position"))),
        ("interpretation_languages", "language_id", list(Language.objects.order_by("name"))),
    )
    for name, column, objects in relations:
        link = getattr(Talk, name).through.objects
        linked: dict[int, set[int]] = {}
        for start in range(0, len(ids), CHUNK):
            rows = link.filter(talk_id__in=ids[start : start + CHUNK]).values_list(
                "talk_id", column
            )
            for talk_id, pk in rows:
                linked.setdefault(talk_id, set()).add(pk)
        for talk in talks:
            chosen = linked.get(talk.pk, ())
            cache = talk.__dict__.setdefault("_prefetched_objects_cache", {})
            cache[name] = [obj for obj in objects if obj.pk in chosen]
    return talks


def talks_with_relations() -> QuerySet[Talk]:
    """All talks, with everything the talk page and the API show of each."""
    return (
        Talk.objects.select_related("series", "country", "registration_settings")
        .prefetch_related(
            *calendar_relations(),
            Prefetch("organisers", queryset=Organiser.objects.order_by("name")),
            "objectives",
            "principles",
        )
        .annotate(**outcome_flags())
        .order_by("start", "id")
    )


def public_talks() -> QuerySet[Talk]:
    """Talks anyone may see: all but drafts."""
    return talks_with_relations().exclude(status=Talk.Status.DRAFT)


def filter_talks(talks: QuerySet[Talk], filters: dict) -> QuerySet[Talk]:
    """Apply TalkFilterForm.active() filters."""
    lookups = {
        "level": "level",
        "region": "regions",
        "series": "series",
        "workstream": "organisers",
        "format": "format",
        "language": "interpretation_languages",
        "audience": "audience",
        "objective": "objectives",
    }
    multi = {"regions", "organisers", "interpretation_languages", "objectives"}
    for name, lookup in lookups.items():
        if name in filters:
            if lookup in multi:
                # A subquery keeps one row per talk without DISTINCT.
                ids = Talk.objects.filter(**{lookup: filters[name]}).values("pk")
                talks = talks.filter(pk__in=ids)
            else:
                talks = talks.filter(**{lookup: filters[name]})
    if "year" in filters:
        talks = talks.filter(start__year=filters["year"])
    if "q" in filters:
        words = filters["q"]
        talks = talks.filter(
            Q(title__icontains=words)
            | Q(title_en__icontains=words)
            | Q(summary__icontains=words)
            | Q(series__title__icontains=words)
            | Q(city__icontains=words)
        )
    return talks


def outcome_flags() -> dict:
    """Annotations: whether a talk has a published summary report and a published public
    recording (those apps build on talks, hence the imports here)."""
    from gcmtalks.recordings.models import Recording
    from gcmtalks.reports.models import SummaryReport

    report = SummaryReport.objects.filter(
        talk=OuterRef("pk"), status=SummaryReport.Status.PUBLISHED
    )
    recording = Recording.objects.filter(
        talk=OuterRef("pk"), status=Recording.Status.PUBLISHED, access=Access.PUBLIC
    )
    return {"has_report": Exists(report), "has_recording": Exists(recording)}


def calendar_talks() -> QuerySet[Talk]:
    """Public talks with only what the calendar table shows of them; list them with
    `with_calendar_relations`."""
    return (
        Talk.objects.exclude(status=Talk.Status.DRAFT)
        .select_related("series")
        .annotate(**outcome_flags())
        .order_by("start", "id")
    )


def split_upcoming(views) -> tuple[list, list[dict]]:
    """Upcoming talks (soonest first), then past talks grouped by year (latest year first)."""
    upcoming, past_by_year = [], {}
    for view in views:
        if view.is_past:
            past_by_year.setdefault(view.day.year, []).append(view)
        else:
            upcoming.append(view)
    past = [
        {"year": year, "heading_id": f"past-{year}", "talks": items}
        for year, items in sorted(past_by_year.items(), reverse=True)
    ]
    return upcoming, past


def next_change(now: datetime) -> datetime:
    """When the public calendar next changes by itself: a talk ends and becomes past, or the
    day changes in Geneva (the month view opens on the current month)."""
    home = zone(settings.CALENDAR_TIME_ZONE)
    tomorrow = (now.astimezone(home) + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    ending = (
        Talk.objects.exclude(status=Talk.Status.DRAFT)
        .filter(end__gt=now)
        .aggregate(first=Min("end"))["first"]
    )
    return min(tomorrow, ending) if ending else tomorrow


def talks_open_for_registration() -> QuerySet[Talk]:
    """Public talks with what registering for one needs: its settings, and whether it offers
    interpretation (`has_languages`; the form reads which languages only to check one)."""
    offered = Talk.interpretation_languages.through.objects.filter(talk=OuterRef("pk"))
    return (
        Talk.objects.exclude(status=Talk.Status.DRAFT)
        .select_related("registration_settings")
        .annotate(has_languages=Exists(offered))
    )
