"""What the briefing and checklist pages read, each list in a fixed number of queries."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from gcmtalks.core.timezones import geneva_day
from gcmtalks.registrations.models import Registration
from gcmtalks.talks.models import Organiser, Talk
from gcmtalks.talks.rules import organiser_ids
from gcmtalks.talks.workspace_queries import RECENT_PAST, organised_talks

from .checklist import ACTIVE, Entry, entries, with_outcomes
from .models import BriefingDelivery, BriefingPack, ChecklistItem


def pack_of(talk: Talk) -> BriefingPack:
    """The talk's pack, or an unsaved one with the defaults and the suggested pledges."""
    pack = BriefingPack.objects.filter(talk=talk).first()
    if pack is None:
        pack = BriefingPack(pledges=suggested_pledges(talk))
    pack.talk = talk
    return pack


def suggested_pledges(talk: Talk) -> str:
    """Existing pledges that match the talk (pledges.queries), one "Title | link" line each,
    for organisers to edit before the pack goes."""
    from gcmtalks.pledges.queries import matching_pledges

    lines = []
    for pledge in matching_pledges(talk):
        if pledge.link:
            title = " ".join(pledge.title.replace("|", "/").split())[:150]
            lines.append(f"{title} | {pledge.link}")
    return "\n".join(lines)


def deliveries(pack: BriefingPack) -> list[BriefingDelivery]:
    if pack.pk is None:
        return []
    return list(pack.deliveries.select_related("registration", "by", "mail"))


def recipients(talk: Talk) -> list[Registration]:
    """Who a resend can go to."""
    return list(
        talk.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name", "id")
    )


def owner_choices(talk: Talk) -> list[tuple[int, str]]:
    """(user id, name) of the people who may own an item: the members of the talk's
    organisers, and the secretariat."""
    people = (
        get_user_model()
        .objects.filter(
            Q(organiser_roles__in=organiser_ids(talk))
            | Q(organiser_roles__kind=Organiser.Kind.SECRETARIAT)
            | Q(is_staff=True),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [(person.pk, person.get_full_name() or person.username) for person in people]


def talk_entries(talk: Talk, now: datetime) -> list[Entry]:
    """The talk's checklist, by due date (its defaults when it has no rows yet)."""
    talk = with_outcomes(Talk.objects.filter(pk=talk.pk)).get()
    items = talk.checklist_items.select_related("owner", "done_by")
    return entries(talk, items, geneva_day(now))


def overdue(user, now: datetime) -> list[Entry]:
    """The overdue items of the talks the user organises (every talk for the secretariat),
    earliest first: two queries."""
    talks = with_outcomes(
        organised_talks(user).filter(status__in=ACTIVE, end__gte=now - RECENT_PAST)
    )
    items = ChecklistItem.objects.filter(
        talk__in=organised_talks(user).filter(status__in=ACTIVE, end__gte=now - RECENT_PAST)
    ).select_related("owner")
    by_talk: dict[int, list[ChecklistItem]] = {}
    for item in items:
        by_talk.setdefault(item.talk_id, []).append(item)
    today = geneva_day(now)
    found = []
    for talk in talks:
        found += [e for e in entries(talk, by_talk.get(talk.pk, []), today) if e.overdue]
    return sorted(found, key=lambda e: (e.due, e.item.talk.start, e.item.talk_id))
