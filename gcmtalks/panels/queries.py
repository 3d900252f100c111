"""Reads of a talk's panel and agenda, each with the joins its page needs, so a page costs the
same number of queries for one speaker or twenty."""

from django.db.models import Prefetch, QuerySet

from gcmtalks.core.models import Region

from .models import AgendaItem, Speaker


def panel_speakers(talk) -> QuerySet[Speaker]:
    """All the talk's speakers, in order, with what the balance figures read."""
    return (
        Speaker.objects.filter(talk=talk)
        .select_related("country", "stakeholder_group")
        .prefetch_related(
            Prefetch("country__regions", queryset=Region.objects.order_by("position"))
        )
        .order_by("position", "id")
    )


def public_speakers(talk) -> QuerySet[Speaker]:
    """The speakers the public sees: all but those who declined."""
    return Speaker.objects.filter(talk=talk).exclude(confirmed=False).order_by("position", "id")


def agenda_items(talk, speakers: QuerySet[Speaker] | None = None) -> QuerySet[AgendaItem]:
    """The talk's agenda in order, each item with its speakers (by default all of them)."""
    speakers = speakers if speakers is not None else Speaker.objects.all()
    return (
        AgendaItem.objects.filter(talk=talk)
        .prefetch_related(Prefetch("speakers", queryset=speakers.order_by("position", "id")))
        .order_by("starts_after", "id")
    )
