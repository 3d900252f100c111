"""What the organisers' workspace reads: the talks a person organises, each with what it needs
next, and a talk's history. Computed in Python so the pages cost the same number of queries
for one talk or hundreds."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gcmtalks.core.models import AuditEntry
from gcmtalks.core.timezones import city, zone, zone_label
from gcmtalks.registrations.models import Registration

from .display import time_html
from .models import Organiser, Talk
from .queries import talks_with_relations
from .roles import roles_of
from .services import EDIT_LANGUAGE

Status = Talk.Status
RECENT_PAST = timedelta(days=365)  # how far back the dashboard shows past talks


def organised_talks(user) -> QuerySet[Talk]:
    """The talks the user manages: all for the secretariat, else those of their organisers."""
    roles = roles_of(user)
    if roles.secretariat:
        return Talk.objects.all()
    theirs = Talk.organisers.through.objects.filter(organiser_id__in=roles.organisers)
    return Talk.objects.filter(pk__in=theirs.values("talk_id"))


@dataclass(frozen=True, slots=True)
class Row:
    talk: Talk
    day: date
    time_main: SafeString
    time_local: SafeString | str
    todo: list[tuple[str, str]] = field(default_factory=list)  # (what to do, where)


def todo(talk: Talk, now: datetime) -> list[tuple[str, str]]:
    items = []
    page = reverse("talks_workspace:talk", kwargs={"slug": talk.slug})
    if talk.status == Status.DRAFT:
        items.append((_("Draft: complete it, then publish it"), page))
    if talk.status == Status.POSTPONED:
        postpone = reverse("talks_workspace:talk_postpone", kwargs={"slug": talk.slug})
        items.append((_("Postponed: give the new date when it is known"), postpone))
    if talk.pending:
        registrants = reverse("workspace:registrants", kwargs={"slug": talk.slug})
        text = ngettext(
            "%(count)d registration waiting for approval",
            "%(count)d registrations waiting for approval",
            talk.pending,
        ) % {"count": talk.pending}
        items.append((text, f"{registrants}?status={Registration.Status.PENDING_APPROVAL}"))
    # Concept notes, briefing packs, recordings and summary reports are the publication
    # checklist's (briefings): its overdue items have their own block on the dashboard.
    return items


def dashboard(user, now: datetime) -> tuple[list[Row], list[Row]]:
    """(upcoming and ongoing talks, soonest first; past talks of the last year, latest first)."""
    talks = (
        organised_talks(user)
        .filter(end__gte=now - RECENT_PAST)
        .annotate(
            pending=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.PENDING_APPROVAL),
            )
        )
        .prefetch_related(Prefetch("organisers", queryset=Organiser.objects.order_by("name")))
        .order_by("start", "id")
    )
    home = settings.CALENDAR_TIME_ZONE
    upcoming, past = [], []
    for talk in talks:
        row = Row(
            talk=talk,
            day=talk.start.astimezone(zone(home)).date(),
            time_main=time_html(talk, home),
            time_local=time_html(talk, talk.timezone) if talk.timezone != home else "",
            todo=todo(talk, now),
        )
        (upcoming if talk.end >= now else past).append(row)
    past.reverse()
    return upcoming, past


def talk_for_workspace(slug: str) -> Talk | None:
    return talks_with_relations().filter(slug=slug).first()


def registrants_to_tell(talk: Talk) -> int:
    """How many people a change of the talk's time or status is mailed to."""
    return talk.registrations.filter(status__in=Registration.ACTIVE).count()


# History.

ACTIONS = {
    "talk.create": gettext_lazy("Created"),
    "talk.change": gettext_lazy("Changed"),
    "talk.delete": gettext_lazy("Deleted"),
}


@dataclass(frozen=True, slots=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    when: str
    actor: str
    action: str
    changes: list[Change]


def moment(value: datetime) -> str:
    """'26 March 2026, 15:00 Geneva time (CET, UTC+1)'."""
    home = settings.CALENDAR_TIME_ZONE
    local = value.astimezone(zone(home))
    return _("%(day)s, %(time)s %(city)s time (%(zone)s)") % {
        "day": date_format(local, "j F Y"),
        "time": f"{local:%H:%M}",
        "city": city(home),
        "zone": zone_label(local),
    }


def shown(name: str, value) -> str:
    """A value as an audit entry keeps it (see core.audit.plain), in words."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    try:
        model_field = Talk._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.get_internal_type() == "DateTimeField":
        try:
            return moment(datetime.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def label(name: str) -> str:
    try:
        return str(Talk._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def visible(changes: dict) -> list[tuple[str, list]]:
    """The changes, without a translated field's copy of its English one ('title' beside
    'title_en', which modeltranslation keeps equal)."""
    return [
        (name, values)
        for name, values in changes.items()
        if changes.get(f"{name}_{EDIT_LANGUAGE}") != values
    ]


def talk_history(talk: Talk) -> list[Event]:
    """The talk's audit entries, newest first."""
    entries = AuditEntry.objects.filter(
        object_type=Talk._meta.label_lower, object_id=str(talk.pk)
    ).select_related("actor")
    events = []
    for entry in entries:
        actor = entry.actor
        events.append(
            Event(
                at=entry.at,
                when=moment(entry.at),
                actor=(actor.get_full_name() or actor.username) if actor else _("The system"),
                action=str(ACTIONS.get(entry.action, entry.action)),
                changes=[
                    Change(label(name), shown(name, before), shown(name, after))
                    for name, (before, after) in visible(entry.changes)
                ],
            )
        )
    return events
