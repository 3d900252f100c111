"""A talk with its title in the six languages, interpreted into three."""

from datetime import timedelta

import pytest

from tests.factories import TalkFactory, utc

TITLES = {
    "en": "Migrants and discrimination: lessons for the future",
    "fr": "Migrants et discrimination : leçons pour l'avenir",
    "es": "Migrantes y discriminación: lecciones para el futuro",
    "ar": "المهاجرون والتمييز: دروس للمستقبل",
    "zh-hans": "移民与歧视：面向未来的经验教训",
    "ru": "Мигранты и дискриминация: уроки на будущее",
}
LANGUAGES = tuple(TITLES)
SIZES = {"1200x630": (1200, 630), "1080x1080": (1080, 1080)}


def translated_titles():
    return {
        f"title_{code.replace('-', '_')}": title for code, title in TITLES.items() if code != "en"
    }


def talk_with_titles(**fields):
    start = fields.pop("start", utc(2031, 2, 25, 14, 0))  # 15:00 in Geneva (CET, UTC+1)
    talk = TalkFactory(
        slug=fields.pop("slug", "discrimination"),
        start=start,
        end=start + timedelta(minutes=90),
        languages=["en", "fr", "es"],
        **{"title": TITLES["en"], **translated_titles(), **fields},
    )
    talk.refresh_from_db()
    return talk


@pytest.fixture
def talk(db):
    return talk_with_titles()
