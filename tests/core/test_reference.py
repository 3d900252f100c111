import pytest

from gcmtalks.core.models import (
    Country,
    GuidingPrinciple,
    Language,
    Objective,
    Region,
    StakeholderGroup,
)
from gcmtalks.core.reference import load

pytestmark = pytest.mark.django_db


def test_the_23_objectives_use_the_official_wording():
    assert Objective.objects.count() == 23
    assert Objective.objects.get(number=13).title.startswith("Use migration detention only")
    assert Objective.objects.get(number=20).short_label == "Remittances"


def test_the_10_guiding_principles_in_gcm_order():
    labels = list(GuidingPrinciple.objects.values_list("label", flat=True))
    assert len(labels) == 10
    assert labels[0] == "People-centred" and labels[-1] == "Whole-of-society approach"


def test_five_regions_follow_the_regional_commissions():
    assert dict(Region.objects.values_list("commission", "name")) == {
        "ECA": "Africa",
        "ESCWA": "Arab States",
        "ESCAP": "Asia and the Pacific",
        "ECLAC": "Latin America and the Caribbean",
        "ECE": "Europe and North America",
    }


def test_a_country_can_be_in_two_or_three_regions():
    france = Country.objects.get(code="FR")
    assert france.name == "France"
    assert {r.commission for r in france.regions.all()} == {"ECE", "ECLAC", "ESCAP"}
    assert {r.commission for r in Country.objects.get(code="EG").regions.all()} == {"ECA", "ESCWA"}
    assert Region.objects.get(commission="ECA").countries.count() == 54


def test_countries_carry_un_short_names():
    names = dict(Country.objects.values_list("code", "name"))
    assert names["BO"] == "Bolivia (Plurinational State of)"
    assert names["TR"] == "Türkiye"
    assert names["GB"] == "United Kingdom of Great Britain and Northern Ireland"
    assert names["PS"] == "State of Palestine"


def test_the_six_un_languages_are_flagged_and_others_are_allowed():
    official = set(Language.objects.filter(is_un_official=True).values_list("code", flat=True))
    assert official == {"ar", "zh", "en", "fr", "ru", "es"}
    assert Language.objects.get(code="az").name == "Azerbaijani"


def test_stakeholder_groups_include_the_red_cross_movement():
    assert StakeholderGroup.objects.filter(slug="red-cross-red-crescent").exists()


def test_loading_the_reference_data_again_changes_nothing():
    from django.apps import apps

    counts = [m.objects.count() for m in (Objective, Region, Country, Language)]
    load(apps)
    assert [m.objects.count() for m in (Objective, Region, Country, Language)] == counts
