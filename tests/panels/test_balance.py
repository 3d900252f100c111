"""The panel's balance figures and warnings (panels.balance, a pure function)."""

import pytest

from gcmtalks.core.models import Country, Gender, StakeholderGroup
from gcmtalks.panels.balance import balance
from gcmtalks.panels.models import Speaker

pytestmark = pytest.mark.django_db

ONE_GENDER = "The panel is all of one gender."
NO_MIGRANT = "No migrant or diaspora voice on the panel."


def speaker(**fields):
    return Speaker(name="Someone", **fields)


def as_table(shares):
    return {share.label: (share.count, share.percent) for share in shares}


def test_balance_figures_count_each_share():
    kenya, egypt = Country.objects.get(code="KE"), Country.objects.get(code="EG")
    migrants = StakeholderGroup.objects.get(slug="migrant")
    panel = [
        speaker(gender=Gender.WOMAN, country=kenya, speaks_as_migrant=True,
                stakeholder_group=migrants),
        speaker(gender=Gender.WOMAN, country=egypt, youth_representative=True),
        speaker(gender=Gender.MAN, for_migrant_organisation=True, stakeholder_group=migrants),
        speaker(gender=Gender.OTHER, gender_description="non-binary", country=kenya),
        speaker(gender=Gender.UNSAID),
    ]  # fmt: skip
    figures = balance(panel)
    assert figures.speakers == 5
    assert as_table(figures.genders) == {
        "Women": (2, 40), "Men": (1, 20), "Another gender": (1, 20), "Not said": (1, 20),
    }  # fmt: skip
    assert (figures.migrant_voices.count, figures.migrant_voices.percent) == (2, 40)
    assert (figures.youth.count, figures.youth.percent) == (1, 20)
    # Egypt is in the commissions for Africa and for the Arab States: it counts in each.
    assert set(egypt.regions.values_list("name", flat=True)) == {"Africa", "Arab States"}
    assert as_table(figures.regions) == {
        "Africa": (3, 60), "Arab States": (1, 20), "Country not given": (2, 40),
    }  # fmt: skip
    assert as_table(figures.groups) == {"Migrants": (2, 40), "Group not given": (3, 60)}
    assert figures.warnings == []


def test_balance_leaves_out_speakers_who_declined():
    panel = [
        speaker(gender=Gender.WOMAN, speaks_as_migrant=True, confirmed=True),
        speaker(gender=Gender.MAN, confirmed=False),
        speaker(gender=Gender.WOMAN, confirmed=None),
    ]
    figures = balance(panel)
    assert figures.speakers == 2
    assert as_table(figures.genders)["Men"] == (0, 0)
    assert figures.warnings == [ONE_GENDER]


def test_balance_warns_when_all_stated_genders_are_the_same():
    men = [speaker(gender=Gender.MAN, speaks_as_migrant=True) for _ in range(2)]
    assert balance(men).warnings == [ONE_GENDER]
    # An unstated gender does not change it; a different one does.
    assert balance([*men, speaker(gender=Gender.UNSAID)]).warnings == [ONE_GENDER]
    assert balance([*men, speaker(gender=Gender.WOMAN)]).warnings == []
    assert balance([*men, speaker(gender=Gender.OTHER)]).warnings == []


def test_balance_gives_no_gender_warning_below_two_stated_genders():
    assert balance([speaker(gender=Gender.MAN, speaks_as_migrant=True)]).warnings == []
    unsaid = [
        speaker(gender=Gender.MAN, speaks_as_migrant=True),
        speaker(for_migrant_organisation=True),
    ]
    assert balance(unsaid).warnings == []
    # "Another gender" names no single gender.
    others = [speaker(gender=Gender.OTHER, speaks_as_migrant=True) for _ in range(2)]
    assert balance(others).warnings == []


def test_balance_warns_when_no_migrant_or_diaspora_voice():
    panel = [speaker(gender=Gender.WOMAN), speaker(gender=Gender.MAN)]
    assert balance(panel).warnings == [NO_MIGRANT]
    diaspora = speaker(gender=Gender.MAN, for_migrant_organisation=True)
    assert balance([*panel, diaspora]).warnings == []
    declined = speaker(gender=Gender.MAN, speaks_as_migrant=True, confirmed=False)
    assert balance([*panel, declined]).warnings == [NO_MIGRANT]


def test_balance_of_an_empty_panel_has_no_warning():
    figures = balance([])
    assert figures.speakers == 0 and figures.warnings == []
    assert figures.migrant_voices.percent == 0
