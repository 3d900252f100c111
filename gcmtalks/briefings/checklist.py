"""The publication checklist: its default items, due dates, and what is done.

Due dates are kept relative to the talk's start or end (in Geneva days), so they move with a
postponed talk. An item is done when marked so, or when the thing it asks for exists; that is
read from annotations on the talks (see `with_outcomes`), so lists cost a fixed number of
queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.timezones import geneva_day
from gcmtalks.talks.models import Talk

from .models import DEFAULT_DAYS_BEFORE, BriefingPack, ChecklistItem

Kind, Anchor = ChecklistItem.Kind, ChecklistItem.Anchor

CONCEPT_NOTE_DAYS_BEFORE = 14
RECORDING_DAYS_AFTER = 7
REPORT_DAYS_AFTER = 28
SOON_DAYS = 2  # owners are reminded this many days before the due date
# Only these talks can be late: a postponed talk waits for its new date, a cancelled one
# needs nothing.
ACTIVE = (Talk.Status.DRAFT, Talk.Status.PUBLISHED)

DONE_BY_ITSELF = {
    Kind.CONCEPT_NOTE: ("has_concept_note", _("The concept note is published.")),
    Kind.BRIEFING_PACK: ("has_pack_sent", _("The briefing pack has gone.")),
    Kind.RECORDING: ("has_recording", _("The recording is published.")),
    Kind.SUMMARY_REPORT: ("has_report", _("The summary report is published.")),
}


def default_items(talk: Talk) -> list[ChecklistItem]:
    """The four usual items (unsaved) for `talk`, annotated by `with_outcomes`."""
    pack_days = getattr(talk, "pack_days", DEFAULT_DAYS_BEFORE)
    return [
        ChecklistItem(
            talk=talk,
            kind=Kind.CONCEPT_NOTE,
            anchor=Anchor.START,
            offset_days=-CONCEPT_NOTE_DAYS_BEFORE,
        ),
        ChecklistItem(
            talk=talk, kind=Kind.BRIEFING_PACK, anchor=Anchor.START, offset_days=-pack_days
        ),
        ChecklistItem(
            talk=talk, kind=Kind.RECORDING, anchor=Anchor.END, offset_days=RECORDING_DAYS_AFTER
        ),
        ChecklistItem(
            talk=talk, kind=Kind.SUMMARY_REPORT, anchor=Anchor.END, offset_days=REPORT_DAYS_AFTER
        ),
    ]


def anchor_day(talk: Talk, anchor: str) -> date:
    return geneva_day(talk.end if anchor == Anchor.END else talk.start)


def due_date(item: ChecklistItem, talk: Talk) -> date:
    return anchor_day(talk, item.anchor) + timedelta(days=item.offset_days)


def published(model_label: str, **extra):
    """Exists(a published row of the model for the talk), or None while the app that owns the
    model has not built it yet (recordings and reports are built beside this app)."""
    try:
        model = apps.get_model(model_label)
        rows = model.objects.filter(talk=OuterRef("pk"), status="published", **extra)
    except (LookupError, FieldError):
        return None
    return Exists(rows)


def with_outcomes(talks: QuerySet[Talk]) -> QuerySet[Talk]:
    """The talks with what their checklist needs to know, read in the same query."""
    packs = BriefingPack.objects.filter(talk=OuterRef("pk"))
    annotations = {
        "has_concept_note": published("documents.Document", kind="concept_note"),
        "has_pack_sent": Exists(packs.filter(sent_at__isnull=False)),
        "pack_days": Coalesce(
            Subquery(packs.values("days_before")[:1]),
            Value(DEFAULT_DAYS_BEFORE),
            output_field=IntegerField(),
        ),
        "has_recording": published("recordings.Recording"),
        "has_report": published("reports.SummaryReport"),
    }
    return talks.annotate(
        **{name: value for name, value in annotations.items() if value is not None}
    )


STATES = {
    "done": _("Done"),
    "overdue": _("Overdue"),
    "soon": _("Due soon"),
    "open": _("To do"),
    "on_hold": _("On hold while the talk is postponed or cancelled"),
    "missed": _("Not done before the talk"),
}
# Once the talk is over these can no longer help it: they stop being overdue (and reminded).
BEFORE_THE_TALK = (Kind.CONCEPT_NOTE, Kind.BRIEFING_PACK)


@dataclass(frozen=True, slots=True)
class Entry:
    item: ChecklistItem
    due: date
    state: str  # a key of STATES
    done_note: str = ""  # why it counts as done

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])


def entry(item: ChecklistItem, talk: Talk, today: date) -> Entry:
    due = due_date(item, talk)
    flag, note = DONE_BY_ITSELF.get(item.kind, ("", ""))
    if flag and getattr(talk, flag, False):
        return Entry(item, due, "done", str(note))
    if item.done_at:
        return Entry(item, due, "done")
    if talk.status not in ACTIVE:
        return Entry(item, due, "on_hold")
    if item.kind in BEFORE_THE_TALK and anchor_day(talk, Anchor.END) < today:
        return Entry(item, due, "missed")
    if due < today:
        return Entry(item, due, "overdue")
    if due <= today + timedelta(days=SOON_DAYS):
        return Entry(item, due, "soon")
    return Entry(item, due, "open")


def entries(talk: Talk, items, today: date) -> list[Entry]:
    """The talk's checklist: its saved items and, for usual kinds it has no row for yet,
    the defaults, by due date."""
    items = list(items)
    for item in items:
        item.talk = talk  # the annotated talk, read once
    kinds = {item.kind for item in items}
    items += [item for item in default_items(talk) if item.kind not in kinds]
    found = [entry(item, talk, today) for item in items]
    return sorted(found, key=lambda e: (e.due, e.item.kind == Kind.OTHER, e.item.pk or 0))
