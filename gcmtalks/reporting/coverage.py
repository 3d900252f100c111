"""Objective coverage: the 23 GCM objectives and the 10 guiding principles × regions or years,
counting talks, practices and pledge intentions, with the gaps (no talk) marked.

- Talks: the talks held or scheduled in scope, by their objective and principle tags and their
  regions (a talk with no region is global: the "Global" column) or the year of their start
  (in Geneva time). A talk held for several regions counts in each.
- Practices: by their objectives and principles, and the regions (or years) of the talks in
  scope they were presented at; a practice accepted for the Hub without being presented at
  any talk counts in its own regions (none: Global) and the year it was accepted, as long as
  the filters are not about talks (level, series, workstream).
- Pledge intentions: by their objectives and their talk's region or year.

Each figure is one grouped query; ten queries in all, whatever the data."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from gcmtalks.core.models import GuidingPrinciple, Objective, Region
from gcmtalks.core.timezones import zone
from gcmtalks.hub.models import Practice
from gcmtalks.intentions.models import Intention
from gcmtalks.talks.models import Talk

from .figures import published
from .filters import Filters
from .tables import Table


@dataclass(frozen=True)
class CoverageCell:
    talks: int = 0
    practices: int = 0
    intentions: int = 0

    @property
    def gap(self) -> bool:
        """No talk discussed it there (practices and intentions alone do not fill a gap)."""
        return self.talks == 0


@dataclass(frozen=True)
class CoverageRow:
    key: str  # "objective-3", "principle-b"
    label: str
    cells: list[CoverageCell]

    @property
    def gap(self) -> bool:
        """No talk discussed it in any column."""
        return all(cell.gap for cell in self.cells)


@dataclass
class Coverage:
    columns: list[str]
    rows: list[CoverageRow]
    by: str = ""  # "region" or "year": what the columns are
    filters: Filters = field(default_factory=Filters)

    @property
    def gaps(self) -> list[CoverageRow]:
        return [row for row in self.rows if row.gap]


GLOBAL = "global"


def _home():
    return zone(settings.CALENDAR_TIME_ZONE)


def _counts(queryset, tag: str, column, counted: str) -> dict[tuple, int]:
    """{(tag id, column key): number of distinct `counted`} in one grouped query."""
    rows = (
        queryset.order_by()
        .values(tag_id=F(tag), column=column)
        .annotate(n=Count(counted, distinct=True))
    )
    return {(row["tag_id"], row["column"]): row["n"] for row in rows if row["tag_id"]}


def _gather(filters: Filters, by: str) -> dict[str, dict[str, dict[tuple, int]]]:
    """The counts of talks, practices and intentions, for objectives and principles."""
    scope = published(filters)

    def column(path: str, when: str = "start"):
        # `path` leads to a talk (or a practice, for its own regions and decision year).
        if by == "year":
            return ExtractYear(f"{path}{when}", tzinfo=_home())
        return F(f"{path}regions")

    talk_tags = Talk.objectives.through.objects.filter(talk__in=scope)
    talk_principles = Talk.principles.through.objects.filter(talk__in=scope)
    presented = Practice.talks.through.objects.filter(talk__in=scope)
    on_their_own = _unpresented(filters)
    intentions = Intention.objectives.through.objects.filter(intention__talk__in=scope)
    return {
        "objective": {
            "talks": _counts(talk_tags, "objective_id", column("talk__"), "talk_id"),
            "practices": _merge(
                _counts(presented, "practice__objectives", column("talk__"), "practice_id"),
                _counts(
                    on_their_own,
                    "objectives",
                    column("", "decided_at"),
                    "pk",
                ),
            ),
            "intentions": _counts(
                intentions, "objective_id", column("intention__talk__"), "intention_id"
            ),
        },
        "principle": {
            "talks": _counts(talk_principles, "guidingprinciple_id", column("talk__"), "talk_id"),
            "practices": _merge(
                _counts(presented, "practice__principles", column("talk__"), "practice_id"),
                _counts(on_their_own, "principles", column("", "decided_at"), "pk"),
            ),
            "intentions": {},
        },
    }


def _unpresented(filters: Filters):
    """The practices on the Hub that were presented at no talk, within the filters that are
    not about talks."""
    queryset = Practice.objects.filter(status=Practice.Status.ACCEPTED).exclude(
        Exists(Practice.talks.through.objects.filter(practice=OuterRef("pk")))
    )
    if filters.level or filters.series or filters.workstream:
        return queryset.none()
    since, until = filters.period()
    if since:
        queryset = queryset.filter(decided_at__gte=since)
    if until:
        queryset = queryset.filter(decided_at__lt=until)
    if filters.region:
        queryset = queryset.filter(regions=filters.region)
    if filters.objective:
        queryset = queryset.filter(objectives=filters.objective)
    # By primary key: counting by objective or region must not reuse the joins filtered here.
    return Practice.objects.filter(pk__in=queryset.values("pk"))


def _merge(first: dict, second: dict) -> dict:
    merged = dict(first)
    for key, count in second.items():
        merged[key] = merged.get(key, 0) + count
    return merged


def _rows(counts: dict, keys: list) -> list[CoverageRow]:
    rows = []
    for kind, tags in (
        ("objective", [(o.pk, f"objective-{o.number}", str(o)) for o in Objective.objects.all()]),
        (
            "principle",
            [(p.pk, f"principle-{p.letter}", str(p)) for p in GuidingPrinciple.objects.all()],
        ),
    ):
        numbers = counts[kind]
        for pk, key, label in tags:
            cells = [
                CoverageCell(
                    talks=numbers["talks"].get((pk, column), 0),
                    practices=numbers["practices"].get((pk, column), 0),
                    intentions=numbers["intentions"].get((pk, column), 0),
                )
                for column in keys
            ]
            rows.append(CoverageRow(key=key, label=label, cells=cells))
    return rows


def by_region(filters: Filters) -> Coverage:
    """Columns: the regions, then "Global" (talks with no region); only the region asked
    for when the filters name one."""
    counts = _gather(filters, "region")
    if filters.region:
        regions, keys = [filters.region], [filters.region.pk]
        columns = [filters.region.name]
    else:
        regions = list(Region.objects.all())
        keys = [region.pk for region in regions] + [None]
        columns = [region.name for region in regions] + [_("Global")]
    return Coverage(columns=columns, rows=_rows(counts, keys), by="region", filters=filters)


def by_year(filters: Filters) -> Coverage:
    """Columns: every year of the period (from the first to the last year with a figure when
    the period is open)."""
    counts = _gather(filters, "year")
    found = {
        year
        for kind in counts.values()
        for numbers in kind.values()
        for (_tag, year) in numbers
        if year is not None
    }
    first = filters.start.year if filters.start else min(found, default=None)
    last = filters.end.year if filters.end else max(found, default=None)
    years = list(range(first, last + 1)) if first is not None and last is not None else []
    return Coverage(
        columns=[str(year) for year in years],
        rows=_rows(counts, years),
        by="year",
        filters=filters,
    )


def as_tables(coverage: Coverage, title: str) -> list[Table]:
    """Three tables (talks, practices, pledge intentions) for the exports."""
    first = _("GCM objective or guiding principle")
    parts = (
        ("talks", _("talks"), _("A row with no talk at all is a gap.")),
        ("practices", _("practices"), ""),
        ("intentions", _("pledge intentions"), ""),
    )
    return [
        Table(
            key=f"coverage-{coverage.by or 'matrix'}-{name}",
            title=_("%(title)s: %(what)s") % {"title": title, "what": what},
            columns=[first, *coverage.columns],
            rows=[
                (row.label, [getattr(cell, name) for cell in row.cells]) for row in coverage.rows
            ],
            chart="",
            note=note,
        )
        for name, what, note in parts
    ]
