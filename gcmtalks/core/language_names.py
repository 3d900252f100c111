"""Names of the interpretation languages in the six UN languages: Django's own translations
of language names, corrected where they name a country or are missing."""

from django.utils import translation
from django.utils.translation import get_language_info

UI_LANGUAGES = ("fr", "es", "ar", "zh-hans", "ru")
OWN = {
    "zh": {"fr": "Chinois", "es": "Chino", "ar": "الصينية", "zh-hans": "中文", "ru": "Китайский"},
    "az": {"es": "Azerí"},
    "hi": {"zh-hans": "印地语"},
}


def names(code: str) -> dict[str, str]:
    """{UI language: the name of language `code` in it}, for those known."""
    found = {}
    for ui in UI_LANGUAGES:
        if ui in OWN.get(code, {}):
            found[ui] = OWN[code][ui]
            continue
        try:
            info = get_language_info(code)
        except KeyError:
            continue
        with translation.override(ui):
            found[ui] = str(info["name_translated"])
    return found
