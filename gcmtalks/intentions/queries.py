"""Reads of pledge intentions: the follow-up board, its summaries, and the public figures."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from gcmtalks.talks.models import Talk
from gcmtalks.talks.roles import roles_of

from .models import Intention

State = Intention.State


def visible(user) -> QuerySet:
    """The intentions a person follows: those of the talks their organisers organise and those
    they own (the secretariat: all)."""
    roles = roles_of(user)
    intentions = Intention.objects.all()
    if roles.secretariat:
        return intentions
    organised = Talk.organisers.through.objects.filter(
        talk_id=OuterRef("talk_id"), organiser_id__in=roles.organisers
    )
    return intentions.filter(Exists(organised) | Q(owner_id=user.pk))


def for_board(intentions: QuerySet) -> QuerySet:
    return intentions.select_related("talk", "owner", "member_state", "pledge").prefetch_related(
        "objectives"
    )


def board(user, *, owner=None, states=Intention.OPEN, due="", talk=None, objective=None,
          organiser=None, today: date) -> QuerySet:  # fmt: skip
    """The board's rows, filtered; `owner` is a user, "none" or None for anyone."""
    rows = visible(user).filter(state__in=states)
    if owner == "none":
        rows = rows.filter(owner__isnull=True)
    elif owner is not None:
        rows = rows.filter(owner=owner)
    if due == "overdue":
        rows = rows.filter(due_on__lt=today)
    elif due == "week":
        rows = rows.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif due == "none":
        rows = rows.filter(due_on__isnull=True)
    if talk is not None:
        rows = rows.filter(talk=talk)
    if objective is not None:
        rows = rows.filter(objectives=objective)
    if organiser is not None:
        rows = rows.filter(talk__organisers=organiser)
    return for_board(rows.distinct()).order_by("due_on", "pk")


@dataclass
class Summary:
    """Counts by state and the average progress of a group of intentions."""

    key: object
    label: str
    counts: dict = field(default_factory=dict)
    progress_sum: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def open(self) -> int:
        return sum(self.counts.get(state, 0) for state in Intention.OPEN)

    @property
    def progress(self) -> int | None:
        """The average progress, not pursued ones left out; None when nothing is left."""
        counted = self.total - self.counts.get(State.NOT_PURSUED, 0)
        return round(self.progress_sum / counted) if counted else None

    def by_state(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.counts.get(value, 0)) for value, label in State.choices]


def counted(intentions: QuerySet, *fields: str) -> QuerySet:
    return (
        intentions.order_by()
        .values(*fields, "state")
        .annotate(
            n=Count("pk", distinct=True),
            progress=Sum("progress", filter=~Q(state=State.NOT_PURSUED)),
        )
    )


def overall(intentions: QuerySet) -> Summary:
    summary = Summary(None, "")
    for row in counted(intentions):
        summary.counts[row["state"]] = row["n"]
        summary.progress_sum += row["progress"] or 0
    return summary


def summarise(intentions: QuerySet, key: str, label: str) -> list[Summary]:
    """One Summary per value of `key` (a field path), in one query."""
    rows = counted(intentions, key, label)
    found: dict = {}
    for row in rows:
        summary = found.setdefault(row[key], Summary(row[key], row[label] or ""))
        summary.counts[row["state"]] = row["n"]
        summary.progress_sum += row["progress"] or 0
    return sorted(found.values(), key=lambda summary: summary.label.casefold())


def by_workstream(intentions: QuerySet) -> list[Summary]:
    return summarise(intentions, "talk__organisers__slug", "talk__organisers__name")


def by_talk(intentions: QuerySet) -> list[Summary]:
    return summarise(intentions, "talk__slug", "talk__title")


def by_series(intentions: QuerySet) -> list[Summary]:
    return summarise(intentions.exclude(talk__series=None), "talk__series__slug",
                     "talk__series__title")  # fmt: skip


def public_intentions() -> QuerySet:
    return Intention.objects.filter(talk__status__in=(Talk.Status.PUBLISHED, Talk.Status.POSTPONED))


def talk_summary(talk: Talk) -> Summary:
    return overall(Intention.objects.filter(talk=talk))


def shown_on_talk(talk: Talk) -> list[Intention]:
    """What the public may read of a talk's intentions: those the speaker agreed to show,
    never for a talk under the Chatham House Rule, and never with the person's name."""
    if talk.chatham_house:
        return []
    return list(
        Intention.objects.filter(talk=talk, shown_publicly=True)
        .select_related("member_state")
        .prefetch_related("objectives")
        .order_by("pk")
    )


def history(intention: Intention) -> list:
    return list(intention.notes.select_related("by").order_by("at", "pk"))
