"""A panel's balance figures and warnings, computed from its speakers without queries (the
caller prefetches country__regions and stakeholder_group).

The seed page: "Organizers seek to ensure migrant inclusion and gender balance"."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gcmtalks.core.models import Gender


@dataclass(frozen=True, slots=True)
class Share:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass(frozen=True, slots=True)
class Balance:
    speakers: int
    genders: list[Share]
    migrant_voices: Share
    youth: Share
    regions: list[Share]  # a country in two regions counts in each
    groups: list[Share]
    warnings: list[str]

    @property
    def voices(self) -> list[Share]:
        return [self.migrant_voices, self.youth]


def counted(speakers: Iterable) -> list:
    """Speakers who declined (confirmed is False) are not on the panel; the others are."""
    return [speaker for speaker in speakers if speaker.confirmed is not False]


def gender_warning(speakers: list) -> str:
    # "Another gender" names no single gender, so two such speakers are not "one gender".
    stated = [speaker.gender for speaker in speakers if speaker.gender]
    if len(stated) >= 2 and len(set(stated)) == 1 and stated[0] != Gender.OTHER:
        return _("The panel is all of one gender.")
    return ""


def by_label(counts: dict, total: int, order: dict, missing: int, missing_label: str):
    shares = [Share(str(obj), counts[obj], total) for obj in sorted(counts, key=order.get)]
    if missing:
        shares.append(Share(missing_label, missing, total))
    return shares


def balance(speakers: Iterable) -> Balance:
    panel = counted(speakers)
    total = len(panel)
    genders = [
        Share(_("Women"), sum(s.gender == Gender.WOMAN for s in panel), total),
        Share(_("Men"), sum(s.gender == Gender.MAN for s in panel), total),
        Share(_("Another gender"), sum(s.gender == Gender.OTHER for s in panel), total),
        Share(_("Not said"), sum(not s.gender for s in panel), total),
    ]
    migrants = sum(s.migrant_voice for s in panel)
    regions, region_order, no_country = {}, {}, 0
    groups, group_order, no_group = {}, {}, 0
    for speaker in panel:
        if speaker.country is None:
            no_country += 1
        for region in speaker.country.regions.all() if speaker.country else ():
            regions[region] = regions.get(region, 0) + 1
            region_order[region] = (region.position, region.pk)
        group = speaker.stakeholder_group
        if group is None:
            no_group += 1
        else:
            groups[group] = groups.get(group, 0) + 1
            group_order[group] = (group.position, group.pk)
    warnings = [gender_warning(panel)]
    if total and not migrants:
        warnings.append(_("No migrant or diaspora voice on the panel."))
    return Balance(
        speakers=total,
        genders=genders,
        migrant_voices=Share(_("Migrant and diaspora voices"), migrants, total),
        youth=Share(_("Youth representatives"), sum(s.youth_representative for s in panel), total),
        regions=by_label(regions, total, region_order, no_country, _("Country not given")),
        groups=by_label(groups, total, group_order, no_group, _("Group not given")),
        warnings=[warning for warning in warnings if warning],
    )
