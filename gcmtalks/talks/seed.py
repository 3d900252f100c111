"""The calendar of the Network's public GCM Talks page (shared/seed), as demo data.

Times are as the page gives them: Geneva time ("CET" on the page, so CEST in summer) unless
the page names Baku or Cairo. The page gives no venue for its hybrid talks; they are
recorded as held in Geneva with the venue not recorded.
"""

from django.db import transaction

from gcmtalks.core.models import Objective, Region

from .forms import TalkForm
from .models import Organiser, Series, Talk
from .services import talk_save

INDICATORS = "gcm-indicators-regional-consultations-2023"
RTC = "regional-technical-consultations-2024"
SERIES = {
    INDICATORS: "GCM Indicators regional consultations 2023",
    RTC: "Regional Technical Consultations 2024",
}

REGION_NAMES = {
    "africa": ("Africa", "ECA", "Economic Commission for Africa"),
    "arab-states": ("the Arab Region", "ESCWA", "Economic and Social Commission for Western Asia"),
    "asia-pacific": (
        "Asia and the Pacific",
        "ESCAP",
        "Economic and Social Commission for Asia and the Pacific",
    ),
    "latin-america-caribbean": (
        "Latin America and the Caribbean",
        "ECLAC",
        "Economic Commission for Latin America and the Caribbean",
    ),
    "europe-north-america": ("Europe and North America", "ECE", "Economic Commission for Europe"),
}

WORKSTREAMS = [
    # slug, name, co-leads, objectives
    ("measuring-progress", "Measuring progress: GCM indicators", "", [1]),
    ("missing-migrants", "Missing migrants and humanitarian assistance to migrants in distress",
     "", [8]),
    ("smuggling", "Migrant smuggling and its linkages with trafficking in persons", "", [9, 10]),
    ("regular-pathways", "Regular pathways for migrants in vulnerable situations", "", [5]),
    ("alternatives-to-detention", "Alternatives to detention", "IDC, UNHCR, UNICEF", [13]),
    ("return-reintegration", "Return and readmission, and sustainable reintegration",
     "IOM, OHCHR, UNICEF", [21]),
]  # fmt: skip

ALL = ["ar", "en", "fr", "es"]
EFS = ["en", "fr", "es"]


def talk(slug, day, start, end, title, languages, **extra):
    return {"slug": slug, "day": day, "start": start, "end": end, "title": title,
            "interpretation_languages": languages, **extra}  # fmt: skip


def indicators(slug, day, start, end, title, languages, region):
    return talk(slug, day, start, end, title, languages, level="regional", regions=[region],
                series=INDICATORS, organisers=["measuring-progress", f"network-{region}"],
                objectives=[1])  # fmt: skip


def rtc(slug, day, start, end, region_title, languages, region):
    title = (
        f"Regional Technical Consultation with Member States and Stakeholders for {region_title}"
    )
    return talk(slug, day, start, end, title, languages, level="regional", regions=[region],
                series=RTC, organisers=[f"network-{region}", f"commission-{region}"])  # fmt: skip


HYBRID_GENEVA = {"format": "hybrid", "venue": "Venue not recorded", "city": "Geneva"}

TALKS = [
    talk("measuring-progress-gcm-indicators", "2023-02-27", "15:00", "16:30",
         "Measuring progress: GCM indicators", ["en"], format="online",
         organisers=["measuring-progress"], objectives=[1]),
    talk("saving-lives-humanitarian-assistance", "2023-03-23", "15:00", "16:30",
         "Saving Lives and Humanitarian Assistance", EFS, **HYBRID_GENEVA,
         organisers=["missing-migrants"], objectives=[8]),
    talk("migrants-and-discrimination", "2023-04-27", "15:00", "16:30",
         "Migrants and Discrimination: Lessons for the Future", EFS, format="online",
         organisers=["secretariat"], objectives=[17]),
    talk("youth-consultation-child-immigration-detention", "2023-05-08", "14:30", "16:15",
         "Youth Consultation on Ending Child Immigration Detention", ALL, format="online",
         audience="youth", organisers=["alternatives-to-detention"], objectives=[13]),
    talk("leave-no-one-behind-universal-health-coverage", "2023-05-16", "14:00", "15:30",
         "Leave no one behind: addressing the needs of migrants towards Universal Health "
         "Coverage", ALL, format="online", organisers=["secretariat"], objectives=[15]),
    talk("peer-learning-ending-child-detention", "2023-05-24", "14:30", "17:30",
         "Global peer learning exchange on working to end child detention in the context of "
         "international migration", ALL, format="online", audience="member_states",
         organisers=["alternatives-to-detention"], objectives=[13]),
    talk("remittances-diaspora-sdgs", "2023-05-25", "15:00", "16:30",
         "Remittances, Diaspora and the SDGs", EFS, format="online",
         organisers=["secretariat"], objectives=[19, 20]),
    talk("addressing-smuggling-of-migrants", "2023-06-22", "15:00", "16:30",
         "Towards effective solutions: Addressing the complexities behind the Smuggling of "
         "Migrants", EFS, **HYBRID_GENEVA, organisers=["smuggling"], objectives=[9, 10]),
    indicators("gcm-indicators-africa", "2023-07-24", "14:00", "16:30",
               "GCM Indicators - Africa", ["en", "fr"], "africa"),
    indicators("gcm-indicators-arab-states", "2023-07-25", "14:00", "16:30",
               "GCM Indicators Arab States", ["en", "fr", "ar"], "arab-states"),
    indicators("gcm-indicators-asia-pacific", "2023-07-26", "10:00", "12:30",
               "GCM Indicators Asia Pacific", ["en"], "asia-pacific"),
    indicators("gcm-indicators-grulac", "2023-07-27", "15:00", "17:30",
               "GCM Indicators GRULAC", ["en", "es"], "latin-america-caribbean"),
    indicators("gcm-indicators-europe-north-america", "2023-07-28", "14:00", "16:30",
               "GCM Indicators Europe and North America", ["en", "ru"], "europe-north-america"),
    talk("migration-adaptation-climate-change", "2023-09-07", "15:00", "16:30",
         "Migration and adaptation in the context of climate change", ["en"],
         organisers=["secretariat"], objectives=[2]),
    talk("right-to-liberty", "2023-09-25", "13:00", "14:30",
         "Protecting people on the move and their right to liberty", ["ar", "en", "fr"],
         audience="member_states", organisers=["alternatives-to-detention"], objectives=[13]),
    talk("almaty-process-regional-cooperation", "2023-10-12", "16:15", "18:10",
         "Capitalizing on human mobility for the advancement of regional cooperation and the "
         "development of our societies (Almaty Process)", ["en", "ru", "az"],
         timezone="Asia/Baku", level="regional", city="Baku",
         regions=["asia-pacific", "europe-north-america"],
         organisers=["network-asia-pacific", "network-europe-north-america"], objectives=[23]),
    talk("climate-change-migration-arab-region", "2023-10-26", "12:00", "14:00",
         "Climate change and migration in the Arab Region: Just transition and labour mobility "
         "as an adaptation strategy", ALL, timezone="Africa/Cairo", level="regional",
         city="Cairo", regions=["arab-states"],
         organisers=["network-arab-states", "commission-arab-states"], objectives=[2, 6]),
    rtc("rtc-africa-2024", "2024-01-29", "14:00", "16:30", "Africa", ["fr", "en"], "africa"),
    rtc("rtc-latin-america-caribbean-2024", "2024-01-29", "17:00", "19:30",
        "Latin America and the Caribbean", ["es", "en"], "latin-america-caribbean"),
    rtc("rtc-asia-pacific-2024", "2024-02-01", "09:00", "11:30", "Asia and the Pacific", ["en"],
        "asia-pacific"),
    rtc("rtc-arab-states-2024", "2024-02-01", "14:00", "16:30", "Arab States", ["en", "ar"],
        "arab-states"),
    rtc("rtc-europe-2024", "2024-02-02", "14:00", "16:30", "Europe", ["en", "ru"],
        "europe-north-america"),
]  # fmt: skip


def ensure_organisers():
    for slug, name, co_leads, numbers in WORKSTREAMS:
        organiser, _ = Organiser.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": Organiser.Kind.WORKSTREAM, "co_leads": co_leads},
        )
        if not organiser.objectives.exists():
            organiser.objectives.set(Objective.objects.filter(number__in=numbers))
    Organiser.objects.get_or_create(
        slug="secretariat",
        defaults={
            "name": "UN Network on Migration secretariat",
            "kind": Organiser.Kind.SECRETARIAT,
        },
    )
    for region in Region.objects.all():
        place, commission, commission_name = REGION_NAMES[region.slug]
        Organiser.objects.get_or_create(
            slug=f"network-{region.slug}",
            defaults={
                "name": f"Regional UN Network on Migration for {place}",
                "kind": Organiser.Kind.REGIONAL_NETWORK,
                "region": region,
            },
        )
        Organiser.objects.get_or_create(
            slug=f"commission-{region.slug}",
            defaults={
                "name": f"{commission_name} ({commission})",
                "kind": Organiser.Kind.REGIONAL_COMMISSION,
                "region": region,
            },
        )
    for slug, title in SERIES.items():
        Series.objects.get_or_create(slug=slug, defaults={"title": title})


def form_data(item: dict) -> dict:
    data = {
        "status": Talk.Status.PUBLISHED,
        "level": "global",
        "audience": "open_to_all",
        "timezone": "Europe/Zurich",
        "registration_mode": Talk.Registration.CLOSED,
        "chatham_house": item.get("audience") == "member_states",
        **{k: v for k, v in item.items() if k not in ("day", "start", "end")},
    }
    data["start"] = f"{item['day']} {item['start']}"
    data["end"] = f"{item['day']} {item['end']}"
    return data


def load_seed_calendar() -> tuple[int, int]:
    """(talks created, talks changed); loading the same calendar again changes nothing."""
    created = changed = 0
    with transaction.atomic():
        ensure_organisers()
        for item in TALKS:
            instance = Talk.objects.filter(slug=item["slug"]).first()
            form = TalkForm(form_data(item), instance=instance)
            before = instance.updated_at if instance else None
            saved = talk_save(form=form, by=None)
            if instance is None:
                created += 1
            elif saved.updated_at != before:
                changed += 1
    return created, changed
