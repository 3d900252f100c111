"""A realistic random data set for the statistics (issue 8), made fast with bulk_create.

Reference data (objectives, principles, regions, countries, languages, stakeholder groups)
comes from the migrations. Everything is random but reproducible (the seed), with a few
things placed on purpose so that the tests always meet them:

- talks in every region, several regions at once, global talks (no region), national talks,
  over four years; postponed, cancelled and draft talks (with registrations that must not
  count); two talks either side of midnight in Geneva on New Year's Eve 2024;
- one objective (GAP_OBJECTIVE) that no talk is tagged with, though practices are;
- very small groups: a stakeholder group (RARE_GROUP) with 3 registrants, a country
  (RARE_COUNTRY) with 2, a listening language (RARE_LANGUAGE) asked for by 2, so that cells
  are suppressed and rows merged;
- speakers, published and draft summary reports, practices (presented at talks or not) and
  pledge intentions in every state.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from django.conf import settings
from django.db import connection

from gcmtalks.core.models import (
    Country,
    Gender,
    GuidingPrinciple,
    Language,
    Objective,
    Region,
    StakeholderGroup,
)
from gcmtalks.core.timezones import zone
from gcmtalks.hub.models import Practice
from gcmtalks.intentions.models import Intention
from gcmtalks.panels.models import Speaker
from gcmtalks.registrations.models import Registration
from gcmtalks.reports.models import SummaryReport
from gcmtalks.talks.models import Organiser, Series, Talk

# "Now" for the figures: talks after it are scheduled, not held.
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
FIRST_DAY = date(2023, 1, 1)
DAYS = (date(2026, 12, 31) - FIRST_DAY).days
GAP_OBJECTIVE = 19
RARE_GROUP = "red-cross-red-crescent"
RARE_COUNTRY = "LI"
RARE_LANGUAGE = "ky"
PREFIX = "stats-"

Status = Registration.Status
STATUSES = [
    (Status.ATTENDED, 45),
    (Status.CONFIRMED, 30),
    (Status.CANCELLED, 8),
    (Status.WAITLISTED, 5),
    (Status.PENDING_EMAIL, 4),
    (Status.PENDING_APPROVAL, 5),
    (Status.DECLINED, 3),
]
GENDERS = [(Gender.WOMAN, 48), (Gender.MAN, 40), (Gender.UNSAID, 11), (Gender.OTHER, 1)]


@dataclass
class Dataset:
    talks: list[Talk] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    organisers: list[Organiser] = field(default_factory=list)
    practices: list[int] = field(default_factory=list)
    intentions: list[int] = field(default_factory=list)

    def clear(self) -> None:
        """Delete everything built (the reference data stays)."""
        Intention.objects.filter(pk__in=self.intentions).delete()
        Practice.objects.filter(pk__in=self.practices).delete()
        Talk.objects.filter(pk__in=[talk.pk for talk in self.talks]).delete()
        Series.objects.filter(pk__in=[series.pk for series in self.series]).delete()
        Organiser.objects.filter(pk__in=[organiser.pk for organiser in self.organisers]).delete()


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def chooser(weighted):
    """pick(), faster: the weights are added up once."""
    values, weights = zip(*weighted, strict=True)
    totals = list(accumulate(weights))
    return lambda rng: rng.choices(values, cum_weights=totals)[0]


def insert(model, rows: list[dict]) -> None:
    """Insert many rows with one executemany, without building model instances (a tenth of
    the time of bulk_create for 50,000 registrations). `rows` give database values by column
    (attname); the other columns take their default, made anew for each row when the default
    is a function (random keys), and the time of NOW for created/updated times."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    per_row = {f.attname: f for f in fields if f.has_default() and callable(f.default)}
    fixed = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed[f.attname] = f.get_db_prep_save(NOW, connection)
        elif f.attname not in per_row:
            fixed[f.attname] = f.get_db_prep_save(f.get_default(), connection)
    names = [f.attname for f in fields]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values = (
        [
            row[name] if name in row
            else per_row[name].get_default() if name in per_row
            else fixed[name]
            for name in names
        ]
        for row in rows
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(values))


def through_rows(relation, pairs):
    """Bulk-create the rows of a many-to-many `relation` (e.g. Talk.regions) from
    (source pk, target pk) pairs."""
    through = relation.through
    source = relation.field.m2m_field_name()
    target = relation.field.m2m_reverse_field_name()
    through.objects.bulk_create(
        through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in dict.fromkeys(pairs)
    )


def geneva(day: date, hour: int, minute: int = 0) -> datetime:
    home = zone(settings.CALENDAR_TIME_ZONE)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=home).astimezone(UTC)


def build(*, talks=200, registrations=50_000, practices=1_000, intentions=1_000, seed=1):
    rng = random.Random(seed)
    data = Dataset()
    regions = list(Region.objects.all())
    objectives = [o for o in Objective.objects.all() if o.number != GAP_OBJECTIVE]
    all_objectives = list(Objective.objects.all())
    principles = list(GuidingPrinciple.objects.all())
    languages = list(Language.objects.all())
    common_languages = [language for language in languages if language.is_un_official]
    interpretation = [*common_languages, *[lang for lang in languages if lang.code in ("sw", "pt")]]
    groups = [group for group in StakeholderGroup.objects.all() if group.slug != RARE_GROUP]
    rare_group = StakeholderGroup.objects.get(slug=RARE_GROUP)
    countries = [country for country in Country.objects.all() if country.code != RARE_COUNTRY]
    rng.shuffle(countries)
    countries = countries[:70]
    # A few countries send most registrants, most send a few (so small ones get merged).
    country_weights = list(accumulate(1 / (rank + 1) for rank in range(len(countries))))
    rare_country = Country.objects.get(code=RARE_COUNTRY)
    rare_language = Language.objects.get(code=RARE_LANGUAGE)

    data.series = Series.objects.bulk_create(
        Series(slug=f"{PREFIX}series-{i}", title=f"Series {i}", title_en=f"Series {i}")
        for i in range(3)
    )
    data.organisers = Organiser.objects.bulk_create(
        [
            Organiser(slug=f"{PREFIX}ws-{i}", name=f"Workstream {i}", name_en=f"Workstream {i}",
                      kind=Organiser.Kind.WORKSTREAM)
            for i in range(2)
        ]
        + [
            Organiser(slug=f"{PREFIX}rn-africa", name="Africa network", name_en="Africa network",
                      kind=Organiser.Kind.REGIONAL_NETWORK, region=regions[0])
        ]
    )  # fmt: skip

    # Talks -------------------------------------------------------------------------------
    new_talks, talk_regions = [], []
    for i in range(talks):
        if i == 0:  # 23:30 in Geneva on 31 December 2024 (22:30 UTC): a talk of 2024
            start = geneva(date(2024, 12, 31), 23, 30)
        elif i == 1:  # 00:30 in Geneva on 1 January 2025 (23:30 UTC the day before): 2025
            start = geneva(date(2025, 1, 1), 0, 30)
        else:
            start = geneva(FIRST_DAY + timedelta(days=rng.randrange(DAYS)), rng.randrange(7, 19))
        level = pick(
            rng, [(Talk.Level.GLOBAL, 3), (Talk.Level.REGIONAL, 5), (Talk.Level.NATIONAL, 2)]
        )
        status = pick(rng, [(Talk.Status.PUBLISHED, 85), (Talk.Status.POSTPONED, 5),
                            (Talk.Status.CANCELLED, 5), (Talk.Status.DRAFT, 5)])  # fmt: skip
        if i < 2:
            level, status = Talk.Level.REGIONAL, Talk.Status.PUBLISHED
        new_talks.append(
            Talk(
                slug=f"{PREFIX}talk-{i}", title=f"Talk {i}", title_en=f"Talk {i}",
                level=level, status=status, format=Talk.Format.ONLINE,
                series=data.series[i % 3] if i % 3 == 0 else None,
                country=rng.choice(countries) if level == Talk.Level.NATIONAL else None,
                start=start, end=start + timedelta(minutes=90),
                chatham_house=rng.random() < 0.1,
            )
        )  # fmt: skip
    data.talks = Talk.objects.bulk_create(new_talks)
    for i, talk in enumerate(data.talks):
        if talk.level == Talk.Level.GLOBAL and i >= 2:
            continue  # global talks have no region
        chosen = [regions[i % len(regions)]]
        if talk.level == Talk.Level.REGIONAL and rng.random() < 0.2:
            chosen.append(rng.choice(regions))
        talk_regions += [(talk.pk, region.pk) for region in chosen]
    through_rows(Talk.regions, talk_regions)
    through_rows(
        Talk.objectives,
        [(t.pk, o.pk) for t in data.talks for o in rng.sample(objectives, rng.randint(1, 4))],
    )
    through_rows(
        Talk.principles,
        [(t.pk, p.pk) for t in data.talks for p in rng.sample(principles, rng.randint(0, 3))],
    )
    through_rows(
        Talk.interpretation_languages,
        [(t.pk, lang.pk) for t in data.talks for lang in rng.sample(interpretation, rng.randint(0, 3))],
    )  # fmt: skip
    through_rows(
        Talk.organisers,
        [(t.pk, o.pk) for t in data.talks for o in rng.sample(data.organisers, rng.randint(0, 2))],
    )

    # Registrations -----------------------------------------------------------------------
    open_talks = [talk for talk in data.talks if talk.status == Talk.Status.PUBLISHED]
    # Some people register for several talks; enough of them that every talk can be filled.
    people = max(registrations // 3, 2 * registrations // max(1, talks) + 10)
    rows, seen = [], set()
    statuses, genders = chooser(STATUSES), chooser(GENDERS)
    migrant = chooser([(True, 25), (False, 45), (None, 30)])
    modes = chooser([(Registration.Mode.ONLINE, 7), (Registration.Mode.IN_PERSON, 3)])
    country_ids = [country.pk for country in countries]
    group_ids = [group.pk for group in groups]
    language_ids = [language.pk for language in common_languages]

    def registration(talk, person, **fields):
        seen.add((talk.pk, person))
        return {
            "talk_id": talk.pk,
            "email": f"person{person}@example.org",
            "name": f"Person {person}",
            "status": statuses(rng),
            "stakeholder_group_id": rng.choice(group_ids) if rng.random() < 0.9 else None,
            "country_id": rng.choices(country_ids, cum_weights=country_weights)[0] if rng.random() < 0.93 else None,
            "gender": genders(rng),
            "birth_year": rng.randint(1950, 2007) if rng.random() < 0.8 else None,
            "migrant_or_diaspora": migrant(rng),
            "attendance_mode": modes(rng),
            "language_id": rng.choice(language_ids) if rng.random() < 0.6 else None,
        } | fields  # fmt: skip

    # The rare ones, at published talks, confirmed or attended so that they count.
    held = [talk for talk in open_talks if talk.start < NOW]
    target = (held or open_talks or data.talks)[-1]
    specials = (
        [{"stakeholder_group_id": rare_group.pk, "status": Status.ATTENDED}] * 3
        + [{"country_id": rare_country.pk, "status": Status.CONFIRMED}] * 2
        + [{"language_id": rare_language.pk, "status": Status.CONFIRMED}] * 2
    )
    for number, fields in enumerate(specials[: max(0, registrations - 1)]):
        rows.append(registration(target, people + number, **fields))
    while len(rows) < registrations:
        talk = rng.choice(data.talks)  # drafts and cancelled talks too: they must not count
        person = rng.randrange(people)
        if (talk.pk, person) not in seen:
            rows.append(registration(talk, person))
    insert(Registration, rows)

    # Speakers and summary reports ------------------------------------------------------------
    speakers = []
    for talk in data.talks:
        for position in range(rng.randint(2, 6)):
            speakers.append(
                Speaker(
                    talk=talk, name=f"Speaker {talk.pk}-{position}", position=position,
                    gender=pick(rng, GENDERS),
                    speaks_as_migrant=rng.random() < 0.15,
                    for_migrant_organisation=rng.random() < 0.1,
                    youth_representative=rng.random() < 0.08,
                    confirmed=pick(rng, [(True, 6), (None, 3), (False, 1)]),
                    country=rng.choice(countries) if rng.random() < 0.9 else None,
                )
            )  # fmt: skip
    Speaker.objects.bulk_create(speakers)
    reports = []
    for talk in data.talks:
        if talk.status == Talk.Status.PUBLISHED and talk.start < NOW and rng.random() < 0.7:
            if rng.random() < 0.85:
                published_at = talk.start + timedelta(days=rng.randint(2, 90), hours=3)
                status = SummaryReport.Status.PUBLISHED
            else:
                published_at, status = None, SummaryReport.Status.DRAFT
            reports.append(SummaryReport(talk=talk, status=status, published_at=published_at))
    SummaryReport.objects.bulk_create(reports)

    # Practices and pledge intentions -----------------------------------------------------------
    public_talks = [talk for talk in data.talks if talk.status != Talk.Status.DRAFT]
    new_practices = []
    for i in range(practices):
        status = pick(rng, [(Practice.Status.ACCEPTED, 40), (Practice.Status.DECLINED, 10),
                            (Practice.Status.UNDER_REVIEW, 15), (Practice.Status.SUBMITTED, 10),
                            (Practice.Status.CHANGES_REQUESTED, 5), (Practice.Status.DRAFT, 20)])  # fmt: skip
        decided = status in (Practice.Status.ACCEPTED, Practice.Status.DECLINED)
        new_practices.append(
            Practice(
                title=f"Practice {i}", status=status,
                decided_at=geneva(FIRST_DAY + timedelta(days=rng.randrange(DAYS)), 10) if decided else None,
            )
        )  # fmt: skip
    made = Practice.objects.bulk_create(new_practices)
    data.practices = [practice.pk for practice in made]
    presented = []
    for practice in made:
        if rng.random() < 0.8:
            presented += [(practice.pk, t.pk) for t in rng.sample(data.talks, rng.randint(1, 2))]
    through_rows(Practice.talks, presented)
    through_rows(
        Practice.objectives,
        [(p.pk, o.pk) for p in made for o in rng.sample(all_objectives, rng.randint(1, 3))],
    )
    through_rows(
        Practice.principles,
        [(p.pk, g.pk) for p in made for g in rng.sample(principles, rng.randint(0, 2))],
    )
    through_rows(
        Practice.regions,
        [(p.pk, r.pk) for p in made for r in rng.sample(regions, rng.randint(0, 2))],
    )
    new_intentions = []
    for i in range(intentions if public_talks else 0):
        state = pick(rng, [(state, 1) for state in Intention.State.values])
        new_intentions.append(
            Intention(talk=rng.choice(public_talks), speaker_name=f"Voice {i}",
                      organisation=f"Organisation {i}", text=f"Intention {i}", state=state,
                      progress=Intention.PROGRESS[state])
        )  # fmt: skip
    made = Intention.objects.bulk_create(new_intentions)
    data.intentions = [intention.pk for intention in made]
    through_rows(
        Intention.objectives,
        [(n.pk, o.pk) for n in made for o in rng.sample(objectives, rng.randint(0, 3))],
    )
    return data
