"""Participation figures for a summary report: who took part, by stakeholder group, region and
gender, never in a line so small that a person could be singled out."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gcmtalks.core.models import Gender, Membership, Region, StakeholderGroup
from gcmtalks.registrations.models import Registration

# A line for fewer people than this is merged into "Other".
MIN_GROUP = 5

Status = Registration.Status


@dataclass(frozen=True)
class Line:
    label: str
    count: int


@dataclass(frozen=True)
class Figures:
    basis: str  # Status.ATTENDED, Status.CONFIRMED, or "" when nobody took part
    total: int
    groups: list[Line] = field(default_factory=list)
    regions: list[Line] = field(default_factory=list)
    genders: list[Line] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        """Whether there is a breakdown: with fewer than MIN_GROUP people only the total is."""
        return bool(self.groups or self.regions or self.genders)


def merged(counts: list[tuple[str, int]], other: str) -> list[Line]:
    """The lines of MIN_GROUP people or more, in their order, then the smaller ones together as
    `other`. An `other` line still under MIN_GROUP also takes in the smallest line."""
    big = [(label, count) for label, count in counts if count >= MIN_GROUP]
    small = sum(count for _label, count in counts if 0 < count < MIN_GROUP)
    if 0 < small < MIN_GROUP and big:
        smallest = min(range(len(big)), key=lambda index: big[index][1])
        small += big.pop(smallest)[1]
    lines = [Line(label, count) for label, count in big]
    if small:
        lines.append(Line(other, small))
    return lines


def participation(talk) -> Figures:
    """From the registrations that attended or, when no attendance was recorded, the confirmed
    ones. Four queries at most, however many people."""
    rows = list(
        talk.registrations.filter(status__in=(Status.CONFIRMED, Status.ATTENDED))
        .order_by()
        .values_list("status", "stakeholder_group_id", "country_id", "gender")
    )
    attended = [row for row in rows if row[0] == Status.ATTENDED]
    people = attended or rows
    basis = Status.ATTENDED if attended else (Status.CONFIRMED if rows else "")
    other, not_given = _("Other (smaller groups together)"), _("Not given")

    by_group = Counter(group for _status, group, _country, _gender in people)
    groups = [(group.name, by_group[group.pk]) for group in StakeholderGroup.objects.all()]
    groups.append((not_given, by_group[None]))

    countries = {country for _status, _group, country, _gender in people if country}
    regions_of: dict[int, list[int]] = {}
    for country, region in Membership.objects.filter(country__in=countries).values_list(
        "country_id", "region_id"
    ):
        regions_of.setdefault(country, []).append(region)
    by_region = Counter()
    for _status, _group, country, _gender in people:
        by_region.update(regions_of.get(country) or [None])  # a country can be in several
    regions = [(region.name, by_region[region.pk]) for region in Region.objects.all()]
    regions.append((not_given, by_region[None]))

    by_gender = Counter(gender for _status, _group, _country, gender in people)
    genders = [(str(label), by_gender[value]) for value, label in Gender.choices]

    if len(people) < MIN_GROUP:
        # The lines were counted anyway, so the page costs the same queries for any number.
        return Figures(basis=basis, total=len(people))
    return Figures(
        basis=basis,
        total=len(people),
        groups=merged(groups, other),
        regions=merged(regions, other),
        genders=merged(genders, other),
    )
