"""Direct counts over the data set, to check the figures against: every row is read with a plain
ORM query and counted in Python, with none of figures.py's grouped queries or filters."""

from collections import Counter, defaultdict
from datetime import date
from statistics import mean, median
from zoneinfo import ZoneInfo

from gcmtalks.core.models import Country, Language, Membership, Region, StakeholderGroup
from gcmtalks.hub.models import Practice
from gcmtalks.intentions.models import Intention
from gcmtalks.panels.models import Speaker
from gcmtalks.registrations.models import Registration
from gcmtalks.reporting.tables import MIN_GROUP
from gcmtalks.reports.models import SummaryReport
from gcmtalks.talks.models import Talk

GENEVA = ZoneInfo("Europe/Zurich")
GLOBAL = "Global (no region)"
NOT_GIVEN = "Not given"
STATE_LABELS = ["Held", "Scheduled (not yet held)", "Postponed", "Cancelled"]
GENDER_LABELS = {
    "woman": "Woman",
    "man": "Man",
    "other": "Another gender",
    "": "Not given or prefer not to say",
}


def day(moment) -> date:
    return moment.astimezone(GENEVA).date()


def small(value) -> bool:
    return value is not None and 0 < value < MIN_GROUP


def pairs(relation, source: str, target: str) -> dict[int, set[int]]:
    result = defaultdict(set)
    for a, b in relation.through.objects.values_list(source, target):
        result[a].add(b)
    return result


class Direct:
    """Everything in the database, read once."""

    def __init__(self):
        self.talks = {row["pk"]: row for row in Talk.objects.values(
            "pk", "slug", "status", "level", "start", "series_id")}  # fmt: skip
        self.regions_of = pairs(Talk.regions, "talk_id", "region_id")
        self.organisers_of = pairs(Talk.organisers, "talk_id", "organiser_id")
        self.objectives_of = pairs(Talk.objectives, "talk_id", "objective_id")
        self.principles_of = pairs(Talk.principles, "talk_id", "guidingprinciple_id")
        self.languages_of = pairs(Talk.interpretation_languages, "talk_id", "language_id")
        self.region_name = dict(Region.objects.values_list("pk", "name"))
        self.group_name = dict(StakeholderGroup.objects.values_list("pk", "name"))
        self.country_name = dict(Country.objects.values_list("pk", "name"))
        self.language_name = dict(Language.objects.values_list("pk", "name"))
        self.members = defaultdict(set)
        for country, region in Membership.objects.values_list("country_id", "region_id"):
            self.members[country].add(region)
        self.registrations = list(
            Registration.objects.values(
                "talk_id", "email", "status", "stakeholder_group_id", "country_id", "gender",
                "birth_year", "migrant_or_diaspora", "attendance_mode", "language_id",
            )
        )  # fmt: skip
        self.speakers = list(
            Speaker.objects.values(
                "talk_id", "gender", "speaks_as_migrant", "for_migrant_organisation",
                "youth_representative", "confirmed", "country_id",
            )
        )  # fmt: skip
        self.reports = {
            row["talk_id"]: row
            for row in SummaryReport.objects.values("talk_id", "status", "published_at")
        }
        self.practices = {row["pk"]: row for row in Practice.objects.values(
            "pk", "status", "decided_at")}  # fmt: skip
        self.practice_talks = pairs(Practice.talks, "practice_id", "talk_id")
        self.practice_objectives = pairs(Practice.objectives, "practice_id", "objective_id")
        self.practice_principles = pairs(Practice.principles, "practice_id", "guidingprinciple_id")
        self.practice_regions = pairs(Practice.regions, "practice_id", "region_id")
        self.intentions = {row["pk"]: row for row in Intention.objects.values(
            "pk", "talk_id", "state")}  # fmt: skip
        self.intention_objectives = pairs(Intention.objectives, "intention_id", "objective_id")

    # Which talks ---------------------------------------------------------------------------

    def in_scope(self, pk, filters) -> bool:
        talk = self.talks[pk]
        if talk["status"] == Talk.Status.DRAFT:
            return False
        on = day(talk["start"])
        return not (
            (filters.start and on < filters.start)
            or (filters.end and on > filters.end)
            or (filters.region and filters.region.pk not in self.regions_of[pk])
            or (filters.level and talk["level"] != filters.level)
            or (filters.series and talk["series_id"] != filters.series.pk)
            or (filters.workstream and filters.workstream.pk not in self.organisers_of[pk])
            or (filters.objective and filters.objective.pk not in self.objectives_of[pk])
        )

    def scope(self, filters) -> set[int]:
        return {pk for pk in self.talks if self.in_scope(pk, filters)}

    def published(self, filters) -> set[int]:
        return {
            pk for pk in self.scope(filters) if self.talks[pk]["status"] == Talk.Status.PUBLISHED
        }

    def held(self, filters, now) -> set[int]:
        return {pk for pk in self.published(filters) if self.talks[pk]["start"] <= now}

    def state(self, pk, now) -> int:
        talk = self.talks[pk]
        if talk["status"] == Talk.Status.PUBLISHED:
            return 0 if talk["start"] <= now else 1
        return 2 if talk["status"] == Talk.Status.POSTPONED else 3

    def region_labels(self, pk) -> list[str]:
        return [self.region_name[r] for r in self.regions_of[pk]] or [GLOBAL]

    # Talks ---------------------------------------------------------------------------------

    def talks_by(self, filters, now, labels_of) -> dict[str, list[int]]:
        result = defaultdict(lambda: [0, 0, 0, 0])
        for pk in self.scope(filters):
            for label in labels_of(pk):
                result[label][self.state(pk, now)] += 1
        return dict(result)

    def talk_totals(self, filters, now) -> list[int]:
        totals = [0, 0, 0, 0]
        for pk in self.scope(filters):
            totals[self.state(pk, now)] += 1
        return totals

    # Registrations -------------------------------------------------------------------------

    def counted(self, filters) -> list[dict]:
        talks = self.published(filters)
        return [
            r for r in self.registrations
            if r["talk_id"] in talks and r["status"] in ("confirmed", "attended")
        ]  # fmt: skip

    def registrations_by(self, filters, labels_of) -> tuple[dict[str, list[int]], list[int]]:
        result = defaultdict(lambda: [0, 0])
        total = [0, 0]
        for r in self.counted(filters):
            came = r["status"] == "attended"
            for label in labels_of(r):
                result[label][0] += 1
                result[label][1] += came
            total[0] += 1
            total[1] += came
        return dict(result), total

    def age_label(self, r) -> str:
        if r["birth_year"] is None:
            return "Year of birth not given"
        age = day(self.talks[r["talk_id"]]["start"]).year - r["birth_year"]
        return "Under 30" if age < 30 else "30 or over"

    def registration_categories(self):
        """{table key: function from a registration to its row labels}."""
        group = self.group_name
        return {
            "registrations-by-group": lambda r: [group.get(r["stakeholder_group_id"], NOT_GIVEN)],
            "registrations-by-region": lambda r: [
                self.region_name[region] for region in self.members[r["country_id"]]
            ] or ["Not given or in no region"],
            "registrations-by-country": lambda r: [
                self.country_name.get(r["country_id"], NOT_GIVEN)
            ],
            "registrations-by-gender": lambda r: [GENDER_LABELS[r["gender"]]],
            "registrations-by-age": lambda r: [self.age_label(r)],
            "registrations-by-migrant": lambda r: [{
                True: "Migrant or from a diaspora organisation", False: "Neither", None: NOT_GIVEN
            }[r["migrant_or_diaspora"]]],
            "registrations-by-mode": lambda r: [
                {"online": "Online", "in_person": "In person"}[r["attendance_mode"]]
            ],
            "registrations-by-language": lambda r: [
                self.language_name.get(r["language_id"], "None chosen")
            ],
        }  # fmt: skip

    # Panels -----------------------------------------------------------------------------------

    def panel(self, talks) -> list[dict]:
        return [s for s in self.speakers if s["talk_id"] in talks and s["confirmed"] is not False]

    @staticmethod
    def speaker_counts(s) -> list[int]:
        return [
            1,
            int(s["gender"] == "woman"),
            int(s["speaks_as_migrant"] or s["for_migrant_organisation"]),
            int(s["youth_representative"]),
        ]

    def panels_by_talk_region(self, filters) -> tuple[dict[str, list[int]], list[int]]:
        result, total = defaultdict(lambda: [0, 0, 0, 0]), [0, 0, 0, 0]
        for s in self.panel(self.published(filters)):
            counts = self.speaker_counts(s)
            for label in self.region_labels(s["talk_id"]):
                result[label] = [a + b for a, b in zip(result[label], counts, strict=True)]
            total = [a + b for a, b in zip(total, counts, strict=True)]
        return dict(result), total

    def speakers_by_home_region(self, filters) -> tuple[dict[str, list[int]], list[int]]:
        result, speakers = Counter(), self.panel(self.published(filters))
        for s in speakers:
            for label in [self.region_name[r] for r in self.members[s["country_id"]]] or [
                "Not given or in no region"
            ]:
                result[label] += 1
        return {label: [n] for label, n in result.items()}, [len(speakers)]

    # Interpretation, practices, intentions, reports ------------------------------------------

    def interpretation(self, filters) -> tuple[dict[str, list[int]], list[int]]:
        talks = self.published(filters)
        offered = Counter(lang for pk in talks for lang in self.languages_of[pk])
        asked = Counter(r["language_id"] for r in self.counted(filters) if r["language_id"])
        rows = {
            self.language_name[lang]: [offered[lang], asked[lang]]
            for lang in set(offered) | set(asked)
        }
        with_interpretation = sum(1 for pk in talks if self.languages_of[pk])
        return rows, [with_interpretation, sum(asked.values())]

    def presented(self, filters) -> set[int]:
        talks = self.scope(filters)
        return {p for p, linked in self.practice_talks.items() if linked & talks}

    def practices_by_status(self, filters) -> Counter:
        return Counter(self.practices[p]["status"] for p in self.presented(filters))

    def intentions_by_state(self, filters) -> Counter:
        talks = self.scope(filters)
        return Counter(i["state"] for i in self.intentions.values() if i["talk_id"] in talks)

    def report_days(self, filters, now) -> dict[str, list[int]]:
        result = defaultdict(list)
        for pk in self.held(filters, now):
            report = self.reports.get(pk)
            if report and report["status"] == "published":
                waited = (day(report["published_at"]) - day(self.talks[pk]["start"])).days
                result[self.talks[pk]["level"]].append(waited)
        return result

    @staticmethod
    def summary(count_held: int, days: list[int]) -> list:
        return [
            count_held,
            len(days),
            count_held - len(days),
            median(days) if days else None,
            round(mean(days), 1) if days else None,
        ]


# The tables that show every category, even when nobody is in it.
ZERO_ROWS = {
    "registrations-by-group", "registrations-by-region", "registrations-by-gender",
    "registrations-by-age", "registrations-by-migrant", "registrations-by-mode",
    "registrations-by-language", "registrations-by-country", "panels", "speakers-by-region",
}  # fmt: skip


def check_protected(table, expected: dict[str, list[int]], total: list[int], *, top=None):
    """Check a protected table against the direct counts (`expected`: row label → values):

    - every cell shown is the direct count, or for the merged row the sum of the rows left out;
    - no cell or total of people shows 1 to 4; a row left out is small, or was needed to bring
      the merged row to 5 or more, or (`top`, for countries) ranks below the `top` shown;
    - a cell is suppressed only when its count is 1 to 4, or as the one secondary suppression
      of a column with exactly one such cell: its smallest other non-zero cell (or the total
      when there is none)."""
    width = len(table.columns) - 1
    people = table.people_columns if table.people_columns is not None else range(width)
    shown = [label for label, _values in table.rows]
    assert len(set(shown)) == len(shown), shown
    absent = [label for label in expected if label not in shown]
    raw = {}
    for label, _values in table.rows:
        if label == table.merge:
            raw[label] = [sum(expected[other][i] for other in absent) for i in range(width)]
        else:  # a row with no one in it has no direct count: zero
            raw[label] = expected.get(label, [0] * width)
            assert label in expected or table.key in ZERO_ROWS, (table.key, label)
    if not table.merge:
        assert not [label for label in absent if any(expected[label])], (table.key, absent)
    elif any(any(expected[label]) for label in absent):
        assert table.merge in shown

    for label, values in table.rows:
        for i, value in enumerate(values):
            if value is None:
                assert i in people, (table.key, label, i)
            else:
                assert value == raw[label][i], (table.key, label, i, value, raw[label][i])
                assert not small(value) or i not in people, (table.key, label, value)
    for i, value in enumerate(table.total):
        if value is None:
            assert i in people, (table.key, "total", i)
        else:
            assert value == total[i], (table.key, "total", i, value, total[i])
            assert not small(value) or i not in people

    for i in people:
        primary = {label for label in raw if small(raw[label][i])}
        suppressed = {label for label, values in table.rows if values[i] is None}
        assert primary <= suppressed, (table.key, i, primary, suppressed)
        extra = suppressed - primary
        if small(total[i]):
            assert table.total[i] is None
        elif len(primary) == 1:
            others = [raw[label][i] for label in raw if label not in primary and raw[label][i]]
            if others:
                assert len(extra) == 1, (table.key, i, extra)
                assert raw[extra.pop()][i] == min(others), (table.key, i)
            else:
                assert table.total[i] is None
        else:
            assert not extra, (table.key, i, extra)

    if table.merge:
        big = [label for label in absent
               if any(expected[label]) and not any(small(expected[label][i]) for i in people)]  # fmt: skip
        if top is not None:
            kept = [raw[label][0] for label in shown if label in expected and label != NOT_GIVEN]
            assert len(kept) <= top
            big = [label for label in big if len(kept) < top or expected[label][0] > min(kept)]
        if big:
            # A big row is merged only when the rest was still small without it.
            largest = max(big, key=lambda label: expected[label][0])
            rest = [sum(expected[label][i] for label in absent if label != largest)
                    for i in range(width)]  # fmt: skip
            assert any(small(rest[i]) for i in people), (table.key, big)
