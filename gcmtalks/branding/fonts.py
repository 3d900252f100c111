"""Fonts for the social-media cards, found by path among those Debian installs
(fonts-noto-core, fonts-dejavu-core, fonts-wqy-microhei: `.ci/run` installs them).

Pillow draws a string with one font, so each string takes the first font of its language's
list that has a glyph for every character: Noto Sans for Latin and Cyrillic, Noto Sans
Arabic for Arabic (DejaVu Sans when Latin letters are mixed in), WenQuanYi Micro Hei for
Chinese.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import ImageFont


class FontMissing(RuntimeError):
    """No font on this machine can draw a language's text."""


@dataclass(frozen=True)
class Family:
    name: str
    regular: tuple[str, ...]  # candidate paths, first found wins
    bold: tuple[str, ...]  # empty: no bold face, drawn with a stroke instead
    package: str
    index: int = 0  # the face inside a .ttc collection


DIRS = ("/usr/share/fonts/truetype", "/usr/share/fonts/opentype", "/usr/local/share/fonts")


def candidates(*names: str) -> tuple[str, ...]:
    return tuple(f"{folder}/{name}" for name in names for folder in DIRS)


FAMILIES = {
    "sans": Family(
        "Noto Sans",
        candidates("noto/NotoSans-Regular.ttf"),
        candidates("noto/NotoSans-Bold.ttf"),
        "fonts-noto-core",
    ),
    "dejavu": Family(
        "DejaVu Sans",
        candidates("dejavu/DejaVuSans.ttf"),
        candidates("dejavu/DejaVuSans-Bold.ttf"),
        "fonts-dejavu-core",
    ),
    "arabic": Family(
        "Noto Sans Arabic",
        candidates("noto/NotoSansArabic-Regular.ttf", "noto/NotoNaskhArabic-Regular.ttf"),
        candidates("noto/NotoSansArabic-Bold.ttf", "noto/NotoNaskhArabic-Bold.ttf"),
        "fonts-noto-core",
    ),
    "cjk": Family(
        "WenQuanYi Micro Hei",
        candidates("wqy/wqy-microhei.ttc"),
        (),
        "fonts-wqy-microhei",
    ),
}

# Families to try, per language, in order.
ORDER = {
    "ar": ("arabic", "dejavu", "sans", "cjk"),
    "zh-hans": ("cjk", "sans", "dejavu", "arabic"),
}
DEFAULT_ORDER = ("sans", "dejavu", "arabic", "cjk")

# A few words each language's cards must be able to draw (checked at start-up).
SAMPLES = {
    "en": "Geneva time",
    "fr": "Genève, février",
    "es": "Ginebra, español",
    "ar": "بتوقيت جنيف",
    "zh-hans": "日内瓦时间",
    "ru": "Женевское время",
}

# Characters every font may lack without harm: spaces and the bidi controls that isolate
# clock times inside Arabic text (HarfBuzz draws nothing for them).
IGNORED = set(" \t\n\u00a0\u2066\u2067\u2068\u2069\u200e\u200f")


def first_existing(paths) -> str | None:
    return next((path for path in paths if Path(path).is_file()), None)


def order(language: str) -> tuple[str, ...]:
    return ORDER.get(language, DEFAULT_ORDER)


@cache
def codepoints(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # 5 MB, needed only when a card is drawn

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@dataclass(frozen=True)
class Face:
    family: str
    path: str
    index: int
    synthetic_bold: bool  # no bold file: thicken with a stroke


def face(key: str, bold: bool) -> Face | None:
    family = FAMILIES[key]
    regular = first_existing(family.regular)
    if regular is None:
        return None
    bold_path = first_existing(family.bold) if bold else None
    path = bold_path or regular
    return Face(family.name, path, family.index, bold and bold_path is None)


def coverage(found: Face, text: str) -> int:
    """How many of the characters `text` needs the face lacks."""
    known = codepoints(found.path, found.index)
    return sum(1 for char in set(text) - IGNORED if ord(char) not in known)


def pick(text: str, language: str, bold: bool = False) -> Face:
    """The face to draw `text` with on a card in `language`."""
    faces = [found for key in order(language) if (found := face(key, bold))]
    if not faces:
        raise FontMissing(missing_message(language))
    best = min(faces, key=lambda found: coverage(found, text))  # first of the best
    return best


def missing_message(language: str) -> str:
    families = [FAMILIES[key] for key in order(language)]
    looked = ", ".join(path for family in families for path in family.regular[:1])
    packages = " ".join(sorted({family.package for family in families}))
    return (
        f"No font can draw the social-media cards in {language!r}: none of {looked} (and "
        f"the same names under {', '.join(DIRS[1:])}) exists. Install the Debian packages "
        f"{packages}."
    )


def problems() -> list[str]:
    """What stops the cards of a language being drawn correctly (for the system check)."""
    found = []
    for language, _name in settings.LANGUAGES:
        sample = SAMPLES.get(language, "")
        try:
            face_ = pick(sample, language)
        except FontMissing as error:
            found.append(str(error))
            continue
        if coverage(face_, sample):
            found.append(missing_message(language))
    return found


@cache
def load(found: Face, size: int) -> ImageFont.FreeTypeFont:
    # RAQM: shaping (Arabic letters joined), bidi and script-aware line layout.
    return ImageFont.truetype(
        found.path, size, index=found.index, layout_engine=ImageFont.Layout.RAQM
    )
