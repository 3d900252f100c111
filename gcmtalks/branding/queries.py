from django.db.models import QuerySet

from gcmtalks.talks.models import Talk


def card_talks() -> QuerySet[Talk]:
    """Talks that have social-media cards: all but drafts, as for their public pages, with
    what a card shows of them."""
    return Talk.objects.exclude(status=Talk.Status.DRAFT).prefetch_related(
        "interpretation_languages"
    )
