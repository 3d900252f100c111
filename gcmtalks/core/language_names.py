"""Names of the interpretation languages in the six UN languages: Django's own translations
of language names, corrected where they name a country or are missing."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language, get_language_info

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


# Languages that write a language's name in lower case within a sentence ("en français").
LOWER_CASE = ("fr", "es", "ru")


def language_name(code: str) -> str:
    """The name of interface language `code` in the page's language, as written within a
    sentence ("Disponible solo en francés")."""
    name = str(dict(settings.LANGUAGES).get(code, code))
    return name.lower() if get_language() in LOWER_CASE else name


def language_label(code: str) -> str:
    """The name of interface language `code` in the page's language, standing alone."""
    return str(dict(settings.LANGUAGES).get(code, code))
