"""Load the checked reference facts (data/*.json, from shared/reference) into the database.

Used by a data migration with historical models; running it again changes nothing.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

REGIONS = [
    # slug, name, commission
    ("africa", "Africa", "ECA"),
    ("arab-states", "Arab States", "ESCWA"),
    ("asia-pacific", "Asia and the Pacific", "ESCAP"),
    ("latin-america-caribbean", "Latin America and the Caribbean", "ECLAC"),
    ("europe-north-america", "Europe and North America", "ECE"),
]

UN_LANGUAGES = [
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
]
OTHER_LANGUAGES = [
    ("az", "Azerbaijani"),
    ("de", "German"),
    ("hi", "Hindi"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("kk", "Kazakh"),
    ("ky", "Kyrgyz"),
    ("pt", "Portuguese"),
    ("sw", "Swahili"),
    ("tg", "Tajik"),
    ("tr", "Turkish"),
    ("uz", "Uzbek"),
]

# GCM para. 44 and 15(j), with the Network's own additions (domain-notes.md §5).
STAKEHOLDER_GROUPS = [
    ("member-state", "Member State"),
    ("un-system", "United Nations system"),
    ("migrant", "Migrants"),
    ("civil-society", "Civil society"),
    ("migrant-diaspora-organisation", "Migrant and diaspora organisations"),
    ("faith-based-organisation", "Faith-based organisations"),
    ("local-authority", "Local authorities and communities"),
    ("private-sector", "Private sector"),
    ("employers-organisation", "Employers' organisations"),
    ("trade-union", "Trade unions"),
    ("parliamentarian", "Parliamentarians"),
    ("nhri", "National human rights institutions"),
    ("red-cross-red-crescent", "International Red Cross and Red Crescent Movement"),
    ("academia", "Academia"),
    ("media", "Media"),
    ("youth", "Children and young people"),
    ("other", "Other relevant stakeholders"),
]


def read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def with_default_language(fields: dict) -> dict:
    """Fill the English column that django-modeltranslation adds next to each field."""
    return {**fields, **{f"{k}_en": v for k, v in fields.items() if isinstance(v, str)}}


def load(apps):
    get = apps.get_model
    Objective, Principle = get("core", "Objective"), get("core", "GuidingPrinciple")
    Region, Country, Membership = (
        get("core", "Region"),
        get("core", "Country"),
        get("core", "Membership"),
    )
    Language, Group = get("core", "Language"), get("core", "StakeholderGroup")

    for item in read("gcm_objectives.json"):
        Objective.objects.update_or_create(
            number=item["number"],
            defaults=with_default_language(
                {"title": item["title"], "short_label": item["short_label"]}
            )
            | {"hub_term_id": item.get("hub_taxonomy_term_id")},
        )
    for item in read("gcm_guiding_principles.json"):
        Principle.objects.update_or_create(
            letter=item["para15_letter"], defaults=with_default_language({"label": item["label"]})
        )
    regions = {}
    for position, (slug, name, commission) in enumerate(REGIONS):
        regions[commission], _ = Region.objects.update_or_create(
            slug=slug,
            defaults=with_default_language({"name": name})
            | {"commission": commission, "position": position},
        )
    countries = {}
    for item in read("countries.json"):
        countries[item["code"]], _ = Country.objects.update_or_create(
            code=item["code"], defaults=with_default_language({"name": item["name"]})
        )
    commissions = read("regional_commissions.json")
    for commission, region in regions.items():
        for code in commissions[commission]:
            Membership.objects.get_or_create(
                country=countries[code], region=region, defaults={"kind": "member"}
            )
        for code in commissions.get(f"{commission}_associate_members", []):
            Membership.objects.get_or_create(
                country=countries[code], region=region, defaults={"kind": "associate"}
            )
    for code, name in UN_LANGUAGES:
        Language.objects.update_or_create(
            code=code, defaults=with_default_language({"name": name}) | {"is_un_official": True}
        )
    for code, name in OTHER_LANGUAGES:
        Language.objects.update_or_create(code=code, defaults=with_default_language({"name": name}))
    for position, (slug, name) in enumerate(STAKEHOLDER_GROUPS):
        Group.objects.update_or_create(
            slug=slug, defaults=with_default_language({"name": name}) | {"position": position}
        )
