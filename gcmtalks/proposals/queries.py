from django.db.models import Avg, Count, Q, QuerySet

from gcmtalks.talks.models import Talk
from gcmtalks.talks.roles import roles_of

from .models import Message, Proposal


def proposals_of_organisations(user) -> QuerySet[Proposal]:
    """The proposals of the user's organisations, with what the partner's list shows."""
    return (
        Proposal.objects.filter(organisation__in=roles_of(user).organisations)
        .select_related("organisation", "workstream", "talk")
        .annotate(exchanged=Count("messages", filter=Q(messages__kind__in=Message.FOR_PROPOSER)))
    )


def talks_of_organisations(user) -> QuerySet[Talk]:
    return (
        Talk.objects.filter(organisers__organisation__in=roles_of(user).organisations)
        .exclude(status=Talk.Status.DRAFT)
        .distinct()
        .order_by("-start")
    )


def proposals_to_review(user) -> QuerySet[Proposal]:
    """Submitted proposals the user reviews: all for the secretariat, else their workstreams'."""
    roles = roles_of(user)
    proposals = Proposal.objects.exclude(status=Proposal.Status.DRAFT)
    if not roles.secretariat:
        proposals = proposals.filter(workstream__in=roles.organisers)
    return proposals.select_related("organisation", "workstream").annotate(
        score=Avg("scores__relevance")
        + Avg("scores__regional_balance")
        + Avg("scores__inclusion")
        + Avg("scores__feasibility"),
        reviewers=Count("scores", distinct=True),
    )
