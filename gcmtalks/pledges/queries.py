"""Reads of pledges: those that fit a talk, and the workspace's lists."""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from gcmtalks.core.models import Membership
from gcmtalks.talks.models import Organiser

from .models import Pledge, PledgeImport


def matching_pledges(talk, limit: int = 10) -> list[Pledge]:
    """Pledges sharing a GCM objective with the talk or with its workstreams, best first: one
    point per objective shared with the talk, one for sharing one of its workstreams' (or
    regional networks') objectives, one for the talk's regions (a pledge region, or a pledge
    country in them), one for the talk's country. Two queries (the pledges, their objectives),
    whatever the number of pledges."""
    objective_ids = talk.objectives.values("pk")
    workstream_objective_ids = Organiser.objectives.through.objects.filter(
        organiser__talks=talk
    ).values("objective_id")
    workstream_links = Pledge.objectives.through.objects.filter(
        pledge_id=OuterRef("pk"), objective_id__in=workstream_objective_ids
    )
    region_ids = talk.regions.values("pk")
    links = Pledge.objectives.through.objects.filter(
        pledge_id=OuterRef("pk"), objective_id__in=objective_ids
    )
    shared = Subquery(
        links.values("pledge_id").annotate(n=Count("*")).values("n"), output_field=IntegerField()
    )
    in_regions = Exists(
        Pledge.regions.through.objects.filter(pledge_id=OuterRef("pk"), region_id__in=region_ids)
    ) | Exists(
        Pledge.countries.through.objects.filter(
            pledge_id=OuterRef("pk"),
            country_id__in=Membership.objects.filter(region_id__in=region_ids).values("country_id"),
        )
    )
    in_country = Value(0)
    if talk.country_id:
        in_country = Case(
            When(
                Q(member_state_id=talk.country_id)
                | Exists(
                    Pledge.countries.through.objects.filter(
                        pledge_id=OuterRef("pk"), country_id=talk.country_id
                    )
                ),
                then=1,
            ),
            default=0,
        )
    pledges = (
        Pledge.objects.filter(Exists(links) | Exists(workstream_links))
        .annotate(
            shared=Coalesce(shared, 0),
            workstream=Case(When(Exists(workstream_links), then=1), default=0),
            regional=Case(When(in_regions, then=1), default=0),
            national=in_country,
        )
        .annotate(score=F("shared") + F("workstream") + F("regional") + F("national"))
        .order_by("-score", "-shared", "title", "pk")
        .prefetch_related("objectives")
    )
    return list(pledges[:limit])


def pledge_counts() -> dict:
    by_kind = dict(
        Pledge.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    return {
        "total": sum(by_kind.values()),
        "kinds": [(label, by_kind.get(value, 0)) for value, label in Pledge.Kind.choices],
    }


def pledges_for_workspace():
    return Pledge.objects.select_related(
        "member_state", "stakeholder_group", "matches"
    ).prefetch_related("objectives")


def import_history(limit: int = 50):
    return PledgeImport.objects.select_related("by").defer("content", "report", "header")[:limit]
