"""What the partners' page, a talk page's Open Graph tags and the workspace's cards section
show, computed in Python so the templates only place it."""

from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from . import cards, fonts, tokens

# The downloads, kept in static/branding/ and written by `manage.py branding_assets`.
LOGO_SVG = "branding/gcm-talks-logo.svg"
LOGO_PNGS = ((256, "branding/gcm-talks-logo-256.png"), (1024, "branding/gcm-talks-logo-1024.png"))

# og:locale wants a language_TERRITORY; these are the ones the platforms know.
OG_LOCALES = {
    "en": "en_GB",
    "fr": "fr_FR",
    "es": "es_ES",
    "ar": "ar_AR",
    "zh-hans": "zh_CN",
    "ru": "ru_RU",
}
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


@dataclass(frozen=True)
class ColourRow:
    name: str
    hex: str
    use: str
    on_paper: str
    on_paper_level: str
    on_ink: str
    on_ink_level: str


def ratio_text(ratio: float) -> str:
    return f"{formats.number_format(ratio, 2)}:1"


def colour_rows() -> list[ColourRow]:
    paper, ink = tokens.colour("paper"), tokens.colour("ink")
    rows = []
    for colour in tokens.COLOURS:
        on_paper, on_ink = tokens.contrast(colour.hex, paper), tokens.contrast(colour.hex, ink)
        rows.append(
            ColourRow(
                name=colour.name,
                hex=colour.hex,
                use=str(colour.use),
                on_paper=ratio_text(on_paper) if colour.hex != paper else "—",
                on_paper_level=tokens.wcag_level(on_paper) if colour.hex != paper else "",
                on_ink=ratio_text(on_ink) if colour.hex != ink else "—",
                on_ink_level=tokens.wcag_level(on_ink) if colour.hex != ink else "",
            )
        )
    return rows


def steps(values) -> list[dict]:
    return [
        {
            "name": step.name,
            "rem": formats.number_format(step.rem, 2).rstrip("0").rstrip(".,"),
            "px": formats.number_format(step.rem * 16, 1).rstrip("0").rstrip(".,"),
            "use": str(step.use),
        }
        for step in values
    ]


def logo_files() -> list[dict]:
    files = [
        {
            "url": static(LOGO_SVG),
            "filename": LOGO_SVG.rsplit("/", 1)[-1],
            "format": "SVG",
            "size": _("any size (vector)"),
            "content_type": "image/svg+xml",
        }
    ]
    for pixels, path in LOGO_PNGS:
        files.append(
            {
                "url": static(path),
                "filename": path.rsplit("/", 1)[-1],
                "format": "PNG",
                "size": _("%(width)s × %(height)s pixels") % {"width": pixels, "height": pixels},
                "content_type": "image/png",
            }
        )
    return files


def partners_context() -> dict:
    return {
        "colours": colour_rows(),
        "type_scale": steps(tokens.TYPE_SCALE),
        "spacing": steps(tokens.SPACING),
        "logo_files": logo_files(),
        "logo_svg": static(LOGO_SVG),
        "hashtag": tokens.HASHTAG,
        "font_family": tokens.FONT_FAMILY,
        "card_fonts": sorted({family.name for family in fonts.FAMILIES.values()}),
        "youth": tokens.colour("youth"),
    }


def current_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in cards.LANGUAGES else settings.LANGUAGE_CODE


def social_meta(talk) -> dict:
    """The Open Graph and Twitter tags of a talk page: its 1200 × 630 card in the page's
    language, and absolute addresses (platforms fetch them from elsewhere)."""
    language = current_language()
    text = cards.card_text(talk, language)
    when = " · ".join([text.date, *text.times]).translate(BIDI_CONTROLS)
    summary = (talk.summary or "").strip()
    description = Truncator(summary).chars(200) if summary else when
    return {
        "title": text.title,
        "description": description,
        "url": settings.SITE_URL + talk.get_absolute_url(),
        "image": settings.SITE_URL + cards.url(talk, language, "1200x630"),
        "alt": f"{text.title} – {when}",
        "locale": OG_LOCALES[language],
        "alternates": [OG_LOCALES[code] for code in cards.LANGUAGES if code != language],
        "site_name": _("GCM Talks"),
    }


def workspace_cards(talk) -> dict:
    """Every card of the talk to download, by language and size (none for a draft)."""
    if not talk.is_public:
        return {"talk": talk, "rows": []}
    rows = []
    for code in cards.LANGUAGES:
        links = [
            {"size": size.replace("x", " × "), "url": cards.url(talk, code, size),
             "filename": cards.filename(talk, code, size)}
            for size in cards.SIZES
        ]  # fmt: skip
        rows.append({"code": code, "name": get_language_info(code)["name_local"], "links": links})
    language = current_language()
    return {
        "talk": talk,
        "rows": rows,
        "sizes": [size.replace("x", " × ") for size in cards.SIZES],
        "preview": cards.url(talk, language, "1080x1080"),
        "preview_language": get_language_info(language)["name_translated"],
    }
