"""The figures of the statistics page, its exports and the reporting packs (issue 8).

What counts:
- talks: every talk in scope but drafts; "held" are the published ones that have started;
- participation (registrations, panels, interpretation): the talks held or scheduled
  (published), not the postponed or cancelled ones; "registered" are the confirmed and
  attended registrations, "attended" those checked in;
- practices: those presented at the talks in scope (each once); pledge intentions: those
  voiced at them; summary reports: those published for the talks held.

Every figure is an aggregate query: grouped (values().annotate(Count)) or, for the
categories with a fixed list of values, conditional counts in one scan. The number of queries
is the same for one talk or a thousand, and no registration is loaded into Python. Tables
that count people go through `protect` before they leave this module."""

from collections import defaultdict
from datetime import datetime
from statistics import mean, median

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core.models import Country, Gender, Language, Region, StakeholderGroup
from gcmtalks.core.timezones import geneva_day, zone
from gcmtalks.hub.models import Practice
from gcmtalks.intentions.models import Intention
from gcmtalks.panels.models import Speaker
from gcmtalks.registrations.models import Registration
from gcmtalks.reports.models import SummaryReport
from gcmtalks.talks.models import Talk

from .filters import Filters
from .tables import Headline, Table, hidden, protect, share
from .tables import Value as Cell

Status = Registration.Status
# Who counts as registered: those holding a confirmed seat, and those who came.
COUNTED = (Status.CONFIRMED, Status.ATTENDED)
TOP_COUNTRIES = 15
YOUTH_AGE = 30


def talks(filters: Filters) -> QuerySet[Talk]:
    """The talks in scope, whatever their status but draft (drafts never count)."""
    queryset = Talk.objects.exclude(status=Talk.Status.DRAFT)
    since, until = filters.period()
    if since:
        queryset = queryset.filter(start__gte=since)
    if until:
        queryset = queryset.filter(start__lt=until)
    if filters.region:
        queryset = queryset.filter(regions=filters.region)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.series:
        queryset = queryset.filter(series=filters.series)
    if filters.workstream:
        queryset = queryset.filter(organisers=filters.workstream)
    if filters.objective:
        queryset = queryset.filter(objectives=filters.objective)
    return queryset


def published(filters: Filters) -> QuerySet[Talk]:
    """The talks whose participation counts: held or scheduled (postponed talks have no date
    and cancelled ones no participants). As a subquery of primary keys."""
    return talks(filters).filter(status=Talk.Status.PUBLISHED).order_by().values("pk")


def held(filters: Filters, now: datetime) -> QuerySet[Talk]:
    return talks(filters).filter(status=Talk.Status.PUBLISHED, start__lte=now).order_by()


def registrations(filters: Filters) -> QuerySet[Registration]:
    """The registrations that count (confirmed or attended) at the talks held or scheduled."""
    return Registration.objects.filter(talk__in=published(filters), status__in=COUNTED).order_by()


def _other() -> str:
    return _("Other (smaller groups together)")


def _not_given() -> str:
    return _("Not given")


# Talks ----------------------------------------------------------------------------------------


def _status_counts(now: datetime) -> dict:
    published = Q(status=Talk.Status.PUBLISHED)
    return {
        "held": Count("pk", filter=published & Q(start__lte=now), distinct=True),
        "scheduled": Count("pk", filter=published & Q(start__gt=now), distinct=True),
        "postponed": Count("pk", filter=Q(status=Talk.Status.POSTPONED), distinct=True),
        "cancelled": Count("pk", filter=Q(status=Talk.Status.CANCELLED), distinct=True),
    }


STATES = ("held", "scheduled", "postponed", "cancelled")


def _state_labels() -> list[str]:
    return [_("Held"), _("Scheduled (not yet held)"), _("Postponed"), _("Cancelled")]


def talk_tables(
    filters: Filters, now: datetime, regions: list[Region]
) -> tuple[list[Table], dict[str, int]]:
    """The tables, and the number of talks held at each level."""
    # By primary key: grouping by region must not reuse the join that filters by region.
    scope = Talk.objects.filter(pk__in=talks(filters).order_by().values("pk")).order_by()
    by_level = {
        row["level"]: [row[state] for state in STATES]
        for row in scope.values("level").annotate(**_status_counts(now))
    }
    by_region = {
        row["regions"]: [row[state] for state in STATES]
        for row in scope.values("regions").annotate(**_status_counts(now))
    }
    zero = [0] * len(STATES)
    totals = [sum(values[index] for values in by_level.values()) for index in range(len(STATES))]
    labels = _state_labels()
    status = Table(
        key="talks-by-status",
        title=_("Talks held, scheduled, postponed and cancelled"),
        columns=[_("Status"), _("Talks")],
        rows=[(label, [count]) for label, count in zip(labels, totals, strict=True)],
        total=[sum(totals)],
        note=_("Talks in draft are not counted. Held: published talks that have started."),
    )
    level = Table(
        key="talks-by-level",
        title=_("Talks by level"),
        columns=[_("Level"), *labels],
        rows=[(str(label), by_level.get(value, zero)) for value, label in Talk.Level.choices],
        total=totals,
        chart="stacked",
    )
    region = Table(
        key="talks-by-region",
        title=_("Talks by region"),
        columns=[_("Region"), *labels],
        rows=[(item.name, by_region.get(item.pk, zero)) for item in regions]
        + [(_("Global (no region)"), by_region.get(None, zero))],
        total=totals,
        chart="stacked",
        note=_("A talk held for several regions counts in each of them."),
    )
    return [status, level, region], {value: counts[0] for value, counts in by_level.items()}


# Registrations --------------------------------------------------------------------------------

REGISTERED = {
    "registered": Count("pk"),
    "attended": Count("pk", filter=Q(status=Status.ATTENDED)),
}


def _grouped(queryset, field: str) -> dict:
    """{value of `field`: [registered, attended]} in one query."""
    return {
        row[field]: [row["registered"], row["attended"]]
        for row in queryset.values(field).annotate(**REGISTERED)
    }


def _categories() -> dict[str, list[tuple[object, Q]]]:
    """The categories with a fixed list of values, each value with its condition."""
    talk_year = ExtractYear("talk__start", tzinfo=zone(settings.CALENDAR_TIME_ZONE))
    return {
        "attendance_mode": [(value, Q(attendance_mode=value)) for value in Registration.Mode.values],
        "gender": [(value, Q(gender=value)) for value in Gender.values],
        "migrant_or_diaspora": [(True, Q(migrant_or_diaspora=True)),
                                (False, Q(migrant_or_diaspora=False)),
                                (None, Q(migrant_or_diaspora__isnull=True))],
        # Age in the year of the talk: under YOUTH_AGE when born after the talk's year - 30.
        "age": [("youth", Q(birth_year__gt=talk_year - YOUTH_AGE)),
                ("adult", Q(birth_year__lte=talk_year - YOUTH_AGE)),
                ("unknown", Q(birth_year__isnull=True))],
    }  # fmt: skip


def _counted_by_category(queryset) -> dict[str, dict]:
    """{category: {value: [registered, attended]}} for every fixed category at once: one
    scan of the registrations with conditional counts, instead of one grouped query each."""
    categories = _categories()
    attended = Q(status=Status.ATTENDED)
    counts = {}
    for name, values in categories.items():
        for index, (_value, condition) in enumerate(values):
            counts[f"{name}_{index}"] = Count("pk", filter=condition)
            counts[f"{name}_{index}_attended"] = Count("pk", filter=condition & attended)
    row = queryset.aggregate(**counts)
    return {
        name: {
            value: [row[f"{name}_{index}"], row[f"{name}_{index}_attended"]]
            for index, (value, _condition) in enumerate(values)
        }
        for name, values in categories.items()
    }


def _registration_note() -> str:
    return _(
        "Registered: confirmed and attended registrations (not those waiting for their email "
        "confirmation or for approval, on the waiting list, declined or cancelled). Attended: "
        "checked in. At talks held or scheduled; postponed and cancelled talks are left out."
    )


def _people(key, title, first, rows, total, *, note="", merge=None) -> Table:
    return protect(
        Table(
            key=key,
            title=title,
            columns=[first, _("Registered"), _("Attended")],
            rows=rows,
            people=True,
            chart="stacked",  # registered and attended side by side
            total=list(total),
            note=" ".join(part for part in (note, _registration_note()) if part),
            merge=_other() if merge is None else merge,
        )
    )


def registration_tables(
    filters: Filters, regions: list[Region], languages: list[Language]
) -> tuple[list[Table], dict]:
    """The tables, and the registrations by listening language (for interpretation)."""
    base = registrations(filters)
    zero = [0, 0]
    fixed = _counted_by_category(base)
    by_mode, genders = fixed["attendance_mode"], fixed["gender"]
    ages, migrants = fixed["age"], fixed["migrant_or_diaspora"]
    total = [sum(values[index] for values in by_mode.values()) for index in range(2)]
    groups = _grouped(base, "stakeholder_group_id")
    in_region = _grouped(base, "country__membership__region_id")
    countries = _grouped(base, "country_id")
    spoken = _grouped(base, "language_id")

    group_rows = [
        (group.name, groups.get(group.pk, zero)) for group in StakeholderGroup.objects.all()
    ]
    group_rows.append((_not_given(), groups.get(None, zero)))
    region_rows = [(region.name, in_region.get(region.pk, zero)) for region in regions]
    region_rows.append((_("Not given or in no region"), in_region.get(None, zero)))

    tables = [
        _people("registrations-by-group", _("Registrations by stakeholder group"),
                _("Stakeholder group"), group_rows, total),
        _people("registrations-by-region", _("Registrations by region"), _("Region"),
                region_rows, total,
                note=_("A registrant counts in every region their country belongs to (a "
                       "country can be a member of two or three regional commissions), so "
                       "the regions add up to more than the total.")),
        _country_table(countries, total),
        _people("registrations-by-gender", _("Registrations by gender"), _("Gender"),
                [(_gender_label(value, label), genders.get(value, zero))
                 for value, label in Gender.choices], total),
        _people("registrations-by-age", _("Registrations by age"), _("Age"),
                [(_("Under 30"), ages.get("youth", zero)),
                 (_("30 or over"), ages.get("adult", zero)),
                 (_("Year of birth not given"), ages.get("unknown", zero))], total,
                note=_("Age in the year of the talk: the talk's year minus the year of birth.")),
        _people("registrations-by-migrant", _("Registrations by migrant or diaspora background"),
                _("Migrant or diaspora"),
                [(_("Migrant or from a diaspora organisation"), migrants.get(True, zero)),
                 (_("Neither"), migrants.get(False, zero)),
                 (_not_given(), migrants.get(None, zero))], total),
        _people("registrations-by-mode", _("Registrations by attendance mode"),
                _("Attendance"),
                [(str(label), by_mode.get(value, zero))
                 for value, label in Registration.Mode.choices], total),
        _people("registrations-by-language", _("Registrations by listening language"),
                _("Listening language"),
                [(language.name, spoken[language.pk]) for language in languages
                 if language.pk in spoken]
                + [(_("None chosen"), spoken.get(None, zero))], total),
    ]  # fmt: skip
    return tables, spoken


def _gender_label(value: str, label) -> str:
    return _("Not given or prefer not to say") if value == "" else str(label)


def _country_table(counts: dict, total: list[int]) -> Table:
    names = dict(Country.objects.values_list("pk", "name"))
    ranked = sorted(
        ((names[pk], values) for pk, values in counts.items() if pk is not None),
        key=lambda row: (-row[1][0], -row[1][1], row[0]),
    )
    big = [row for row in ranked if not any(hidden(value) for value in row[1])]
    top = big[:TOP_COUNTRIES]
    rest = [row for row in ranked if row not in top]
    other = _("Other countries (smaller groups together)")
    rows = [*top, (_not_given(), counts.get(None, [0, 0]))]
    if rest:
        rows.append((other, [sum(values[index] for _name, values in rest) for index in (0, 1)]))
    return _people(
        "registrations-by-country",
        _("Registrations by country"),
        _("Country"),
        rows,
        total,
        note=_("The %(count)s countries with the most registrants; the others together.")
        % {"count": TOP_COUNTRIES},
        merge=other,
    )


# Panels, interpretation -----------------------------------------------------------------------

SPEAKER_COUNTS = {
    "speakers": Count("pk"),
    "women": Count("pk", filter=Q(gender=Gender.WOMAN)),
    "migrants": Count("pk", filter=Q(speaks_as_migrant=True) | Q(for_migrant_organisation=True)),
    "youth": Count("pk", filter=Q(youth_representative=True)),
}


def speakers(filters: Filters) -> QuerySet[Speaker]:
    """The speakers on the panels of talks held or scheduled, but those who declined."""
    return Speaker.objects.filter(talk__in=published(filters)).exclude(confirmed=False).order_by()


def panel_tables(filters: Filters, regions: list[Region]) -> list[Table]:
    base = speakers(filters)
    names = list(SPEAKER_COUNTS)
    by_region = {
        row["talk__regions"]: [row[name] for name in names]
        for row in base.values("talk__regions").annotate(**SPEAKER_COUNTS)
    }
    overall = base.aggregate(**SPEAKER_COUNTS)
    zero = [0] * len(names)
    rows = [(region.name, by_region.get(region.pk, zero)) for region in regions]
    rows.append((_("Global (no region)"), by_region.get(None, zero)))
    note = _(
        "Speakers on the panels of talks held or scheduled, by the talk's region (a talk held "
        "for several regions counts in each); speakers who declined are left out. Migrant "
        "voices: speaking as a migrant or for a diaspora or migrant-led organisation."
    )
    counts = protect(
        Table(
            key="panels",
            title=_("Panels' balance"),
            columns=[_("Talk's region"), _("Speakers"), _("Women"), _("Migrant voices"),
                     _("Youth representatives")],
            rows=rows,
            people=True,
            total=[overall[name] for name in names],
            note=note,
        )
    )  # fmt: skip
    shares = Table(
        key="panels-share",
        title=_("Panels' balance (share of the speakers)"),
        columns=[_("Talk's region"), _("Women"), _("Migrant voices"), _("Youth representatives")],
        rows=[(label, [share(value, values[0]) for value in values[1:]])
              for label, values in counts.rows],
        people=True,
        unit="%",
        chart="",
        total=[share(value, counts.total[0]) for value in counts.total[1:]],
        note=_("Not given for fewer than 5 speakers or where the number is not shown."),
    )  # fmt: skip
    origin = {
        row["country__membership__region_id"]: [row["speakers"]]
        for row in base.values("country__membership__region_id").annotate(speakers=Count("pk"))
    }
    home = protect(
        Table(
            key="speakers-by-region",
            title=_("Speakers by the region they come from"),
            columns=[_("Region"), _("Speakers")],
            rows=[(region.name, origin.get(region.pk, [0])) for region in regions]
            + [(_("Not given or in no region"), origin.get(None, [0]))],
            people=True,
            total=[overall["speakers"]],
            merge=_other(),
            note=_(
                "By the speaker's country; a country can be a member of two or three regional "
                "commissions and then counts in each."
            ),
        )
    )
    return [counts, shares, home]


def interpretation_table(filters: Filters, languages: list[Language], spoken: dict) -> Table:
    through = Talk.interpretation_languages.through.objects.filter(
        talk__in=published(filters)
    ).order_by()
    offered = dict(
        through.values("language_id")
        .annotate(talks=Count("talk_id"))
        .values_list("language_id", "talks")
    )
    talks_with = through.aggregate(talks=Count("talk_id", distinct=True))["talks"]
    rows = [
        (language.name, [offered.get(language.pk, 0), spoken.get(language.pk, [0])[0]])
        for language in languages
        if language.pk in offered or language.pk in spoken
    ]
    asking = sum(values[0] for pk, values in spoken.items() if pk is not None)
    return protect(
        Table(
            key="interpretation",
            title=_("Interpretation: languages offered and asked for"),
            columns=[_("Language"), _("Talks offering it"), _("Registrants asking for it")],
            rows=rows,
            people=True,
            people_columns=(1,),
            total=[talks_with, asking],
            note=_(
                "Offered: talks held or scheduled with interpretation into the language. Asked "
                "for: registrants (confirmed or attended) who chose it as their listening "
                "language."
            ),
        )
    )


# Practices, pledge intentions, summary reports -----------------------------------------------


def practices(filters: Filters) -> QuerySet[Practice]:
    """The practices presented at the talks in scope (each once)."""
    presented = Practice.talks.through.objects.filter(talk__in=talks(filters).order_by())
    return Practice.objects.filter(pk__in=presented.values("practice_id")).order_by()


def intentions(filters: Filters) -> QuerySet[Intention]:
    return Intention.objects.filter(talk__in=talks(filters).order_by().values("pk")).order_by()


def practice_table(filters: Filters) -> Table:
    counts = dict(
        practices(filters).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = [(str(label), [counts.get(value, 0)]) for value, label in Practice.Status.choices]
    return Table(
        key="practices",
        title=_("Practices presented at the talks, by review"),
        columns=[_("Review"), _("Practices")],
        rows=rows,
        total=[sum(counts.values())],
        note=_("Each practice once, however many talks it was presented at."),
    )


def intention_table(filters: Filters) -> Table:
    counts = dict(
        intentions(filters).values("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return Table(
        key="intentions",
        title=_("Pledge intentions voiced, by follow-up state"),
        columns=[_("State"), _("Pledge intentions")],
        rows=[(str(label), [counts.get(value, 0)]) for value, label in Intention.State.choices],
        total=[sum(counts.values())],
    )


def report_table(filters: Filters, now: datetime, held_by_level: dict[str, int]) -> Table:
    reports = (
        SummaryReport.objects.filter(
            talk__in=held(filters, now).values("pk"), status=SummaryReport.Status.PUBLISHED
        )
        .order_by()
        .values_list("talk__level", "talk__start", "published_at")
    )
    days = defaultdict(list)
    for level, start, published_at in reports:
        days[level].append((geneva_day(published_at) - geneva_day(start)).days)

    def line(count_held: int, waits: list[int]) -> list[Cell]:
        return [
            count_held,
            len(waits),
            count_held - len(waits),
            median(waits) if waits else None,
            round(mean(waits), 1) if waits else None,
        ]

    rows = [
        (str(label), line(held_by_level.get(value, 0), days[value]))
        for value, label in Talk.Level.choices
    ]
    everything = [wait for waits in days.values() for wait in waits]
    return Table(
        key="summary-reports",
        title=_("Time from talk to summary report"),
        columns=[_("Level"), _("Talks held"), _("Summary reports published"),
                 _("No summary report yet"), _("Median days"), _("Average days")],
        rows=rows,
        total=line(sum(held_by_level.values()), everything),
        chart="",
        note=_("Days from the talk's day to the publication of its summary report, in Geneva "
               "time. Median and average over the published reports; empty when there is none."),
    )  # fmt: skip


# Everything ------------------------------------------------------------------------------------


def tables(filters: Filters, *, now: datetime | None = None) -> list[Table]:
    """Every table of the statistics page, in its order, already protected."""
    now = now or timezone.now()
    regions = list(Region.objects.all())
    languages = list(Language.objects.all())
    talk_part, held_by_level = talk_tables(filters, now, regions)
    registration_part, spoken = registration_tables(filters, regions, languages)
    return [
        *talk_part,
        *registration_part,
        *panel_tables(filters, regions),
        interpretation_table(filters, languages, spoken),
        practice_table(filters),
        intention_table(filters),
        report_table(filters, now, held_by_level),
    ]


def headline(filters: Filters, *, now: datetime | None = None) -> list[Headline]:
    """The few figures of the public page; people counts under 5 are not given."""
    now = now or timezone.now()
    held_talks = held(filters, now)
    talks_held = held_talks.count()
    attended = Registration.objects.filter(
        talk__in=held_talks.values("pk"), status=Status.ATTENDED
    ).aggregate(
        people=Count("email", distinct=True),
        countries=Count("country", distinct=True),
    )
    panel = Speaker.objects.filter(talk__in=held_talks.values("pk")).exclude(confirmed=False)
    panel = panel.aggregate(speakers=SPEAKER_COUNTS["speakers"], women=SPEAKER_COUNTS["women"])
    women = None if hidden(panel["women"]) else panel["women"]
    accepted = practices(filters).filter(status=Practice.Status.ACCEPTED).count()
    voiced = intentions(filters).count()
    discussed = (
        Talk.objectives.through.objects.filter(talk__in=held_talks.values("pk"))
        .order_by()
        .aggregate(n=Count("objective_id", distinct=True))["n"]
    )
    people = attended["people"]
    return [
        Headline("talks-held", _("Talks held"), talks_held),
        Headline("people", _("People taking part"), None if hidden(people) else people),
        Headline(
            "countries",
            _("Countries represented"),
            None if hidden(people) else attended["countries"],
        ),
        Headline("women-speakers", _("Women among speakers (%)"), share(women, panel["speakers"])),
        Headline("practices-accepted", _("Practices accepted for the Hub"), accepted),
        Headline("intentions", _("Pledge intentions voiced"), voiced),
        Headline("objectives", _("GCM objectives discussed (of 23)"), discussed),
    ]
