"""Reads of the circulation: which talks and subscribers match, and the widget's talks."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, Q, QuerySet

from gcmtalks.talks.models import Talk
from gcmtalks.talks.queries import with_calendar_relations

from .models import PublishedTalk, Subscriber

CHUNK = 900  # ids per query: below SQLite's oldest limit on parameters
# The four things a subscriber may choose, as (name on Subscriber, name on Talk, column).
FACETS = (
    ("regions", "regions", "region_id"),
    ("organisers", "organisers", "organiser_id"),
    ("languages", "interpretation_languages", "language_id"),
    ("objectives", "objectives", "objective_id"),
)
WIDGET_TALKS = 20


@dataclass
class Facets:
    """Ids of the regions, organisers, languages and objectives of one talk or subscriber."""

    regions: set[int] = field(default_factory=set)
    organisers: set[int] = field(default_factory=set)
    languages: set[int] = field(default_factory=set)
    objectives: set[int] = field(default_factory=set)


def linked(model, relation: str, owner_column: str, column: str, ids: list[int]):
    through = getattr(model, relation).through.objects
    for start in range(0, len(ids), CHUNK):
        yield from through.filter(
            **{f"{owner_column}__in": ids[start : start + CHUNK]}
        ).values_list(owner_column, column)


def talk_facets(ids: list[int]) -> dict[int, Facets]:
    """Four queries for any number of talks."""
    facets = {pk: Facets() for pk in ids}
    for name, relation, column in FACETS:
        for talk_id, pk in linked(Talk, relation, "talk_id", column, ids):
            getattr(facets[talk_id], name).add(pk)
    return facets


def subscriber_choices(subscribers) -> dict[int, Facets]:
    """Four queries for any number of subscribers."""
    ids = [subscriber.pk for subscriber in subscribers]
    choices = {pk: Facets() for pk in ids}
    for name, _relation, column in FACETS:
        for subscriber_id, pk in linked(Subscriber, name, "subscriber_id", column, ids):
            getattr(choices[subscriber_id], name).add(pk)
    return choices


def matches(chosen: Facets, talk: Facets) -> bool:
    """Each kind of choice left empty means every talk; a chosen kind needs one in common."""
    return all(
        not getattr(chosen, name) or getattr(chosen, name) & getattr(talk, name)
        for name, _relation, _column in FACETS
    )


def confirmed_subscribers() -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(confirmed_at__isnull=False).order_by("pk")


def digest_talks(*, since: datetime, now: datetime) -> list[Talk]:
    """Public talks still to come that changed, or were first seen published, after `since`,
    each with `seen_at` (None if never seen published), soonest first."""
    changed = Q(updated_at__gt=since) | Q(circulation_record__seen_at__gt=since)
    talks = (
        Talk.objects.exclude(status=Talk.Status.DRAFT)
        .filter(changed, end__gt=now)
        .select_related("series")
        .annotate(seen_at=F("circulation_record__seen_at"))
        .order_by("start", "id")
    )
    return with_calendar_relations(talks)


def to_announce(now: datetime) -> QuerySet[PublishedTalk]:
    return (
        PublishedTalk.objects.filter(
            announced_at__isnull=True, talk__status=Talk.Status.PUBLISHED, talk__end__gt=now
        )
        .select_related("talk", "talk__series")
        .order_by("talk__start", "talk_id")
    )


def widget_talks(*, now: datetime, region=None, organiser=None, limit=WIDGET_TALKS) -> list[Talk]:
    """The next public talks, of a region and/or an organiser: a constant number of queries."""
    talks = (
        Talk.objects.exclude(status=Talk.Status.DRAFT)
        .filter(end__gt=now)
        .select_related("series")
        .order_by("start", "id")
    )
    if region is not None:
        talks = talks.filter(pk__in=Talk.objects.filter(regions=region).values("pk"))
    if organiser is not None:
        talks = talks.filter(pk__in=Talk.objects.filter(organisers=organiser).values("pk"))
    return with_calendar_relations(talks[:limit])
