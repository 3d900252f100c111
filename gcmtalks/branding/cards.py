"""Social-media cards of a talk: PNG images of 1200 × 630 (the Open Graph image; X, LinkedIn,
Facebook) and 1080 × 1080 (Instagram), in any of the six languages.

`card_text` gathers what a card says (title, date, time with its zone, interpretation,
audience) in one language; `render` draws it and returns the image with the box of
everything it drew, so tests can check that nothing leaves the safe area. Arabic is shaped
and laid out right to left by libraqm, and right-aligned.
"""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageDraw

from gcmtalks.core.timezones import format_range, zone

from . import fonts, logo, tokens

# Raise when the drawing changes: the cached cards are then drawn again.
RENDERER_VERSION = 1

SIZES = {"1200x630": (1200, 630), "1080x1080": (1080, 1080)}
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)

# Dates as people write them in each language ("E" is the genitive month in Russian).
DATE_FORMATS = {
    "es": r"l j \d\e F \d\e Y",
    "ru": "l, j E Y",
    "zh-hans": "Y年n月j日 l",
}
DEFAULT_DATE_FORMAT = "l j F Y"
NOTICE_STATUSES = ("postponed", "cancelled")
LIST_SEPARATORS = {"ar": "، ", "zh-hans": "、"}
ELLIPSIS = "…"


@dataclass(frozen=True)
class CardText:
    language: str
    rtl: bool
    title: str
    notice: str  # "Postponed", "Cancelled"
    date: str
    times: tuple[str, ...]  # Geneva time, then the talk's own zone when it is another
    interpretation: str
    audience: str
    youth: bool
    badge: str
    name: str
    network: str
    hashtag: str

    def fingerprint(self, size: str) -> str:
        """Names one drawing: the same text, size, tokens and renderer give the same PNG."""
        parts = [str(RENDERER_VERSION), size, tokens.css(), repr(self)]
        return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def url(talk, language: str, size: str) -> str:
    return reverse("cards:card", kwargs={"slug": talk.slug, "language": language, "size": size})


def filename(talk, language: str, size: str) -> str:
    return f"gcm-talk-{talk.slug}-{language}-{size}.png"


def isolate_ltr(text) -> str:
    """Clock times and zone names read left to right inside Arabic (LRI … PDI)."""
    return f"\u2066{text}\u2069"


def localized_title(talk, language: str) -> str:
    """The title written in `language`, else the English one."""
    value = getattr(talk, build_localized_fieldname("title", language), "")
    return value or getattr(talk, "title_en", "") or talk.title


def card_text(talk, language: str) -> CardText:
    """What the card of `talk` says in `language` (its interpretation languages prefetched)."""
    with translation.override(language):
        rtl = translation.get_language_bidi()
        isolate = isolate_ltr if rtl else str
        home = settings.CALENDAR_TIME_ZONE
        day = talk.start.astimezone(zone(home)).date()
        times = [format_range(talk.start, talk.end, home, isolate=isolate)]
        if talk.timezone != home:
            times.append(format_range(talk.start, talk.end, talk.timezone, isolate=isolate))
        names = sorted(str(language_) for language_ in talk.interpretation_languages.all())
        separator = LIST_SEPARATORS.get(language, ", ")
        interpretation = (
            _("Interpretation: %(languages)s") % {"languages": separator.join(names)}
            if names
            else ""
        )
        audience = talk.get_audience_display() if talk.audience else ""
        return CardText(
            language=language,
            rtl=rtl,
            title=localized_title(talk, language),
            notice=talk.get_status_display() if talk.status in NOTICE_STATUSES else "",
            date=formats.date_format(day, DATE_FORMATS.get(language, DEFAULT_DATE_FORMAT)),
            times=tuple(times),
            interpretation=interpretation,
            audience=_("Audience: %(audience)s") % {"audience": audience} if audience else "",
            youth=talk.audience == talk.Audience.YOUTH,
            badge=_("Youth"),
            name=_("GCM Talks"),
            network=_("UN Network on Migration"),
            hashtag=tokens.HASHTAG,
        )


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    margin: int  # the safe area starts this far from every edge
    logo: int
    name: int  # font sizes in pixels
    small: int
    title: tuple[int, int]  # largest, smallest
    title_lines: int
    detail: tuple[int, int]
    gap: int
    rule: tuple[int, int]  # the accent rule's length and thickness


LAYOUTS = {
    "1200x630": Layout(1200, 630, 60, 80, 32, 22, (64, 28), 4, (28, 18), 20, (120, 6)),
    "1080x1080": Layout(1080, 1080, 72, 112, 42, 28, (88, 36), 6, (40, 24), 32, (160, 8)),
}


@dataclass(frozen=True)
class Drawn:
    kind: str  # "logo", "name", "badge", "title", "rule", "date", …
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom, in pixels


@dataclass
class Card:
    image: Image.Image
    safe: tuple[int, int, int, int]
    background: tuple[int, int, int]
    drawn: list[Drawn] = field(default_factory=list)
    layout_engines: set = field(default_factory=set)  # of every font used

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, "PNG", optimize=False)
        return buffer.getvalue()


# A CJK character (or full-width punctuation) may end a line anywhere; other text at spaces.
PIECES = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+")  # fmt: skip


def direction(text: str, default: str) -> str:
    """The direction of a paragraph: that of its first strong character."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


class Fitted:
    """One paragraph set in one font at one size, wrapped into lines."""

    def __init__(self, drawer, text, size, bold):
        self.drawer, self.text, self.size, self.bold = drawer, text, size, bold
        self.face = fonts.pick(text, drawer.language, bold)
        self.font = fonts.load(self.face, size)
        drawer.layout_engines.add(self.font.layout_engine)
        self.stroke = max(1, size // 36) if self.face.synthetic_bold else 0
        self.direction = direction(text, drawer.default_direction)
        ascent, descent = self.font.getmetrics()
        self.line_height = ascent + descent + self.stroke * 2
        self.lines: list[str] = []

    def options(self):
        return {
            "font": self.font,
            "direction": self.direction,
            "language": self.drawer.language,
            "stroke_width": self.stroke,
        }

    def bbox(self, text):
        options = self.options()
        del options["font"]
        return self.font.getbbox(text, anchor="la", **options)

    def width(self, text) -> int:
        left, _top, right, _bottom = self.bbox(text)
        return right - left

    def wrap(self, width: int, limit: int) -> list[str]:
        """Lines no wider than `width`, cut at spaces (between any two characters in Chinese,
        inside a word only if it is wider than a line). Stops after `limit` + 1 lines: more
        do not fit anyway."""
        lines, current = [], ""
        for piece in PIECES.findall(self.text):
            if piece.isspace():
                current += piece if current else ""
                continue
            if self.width((current + piece).strip()) <= width:
                current += piece
                continue
            if current.strip():
                lines.append(current.strip())
            while len(piece) > 1:
                cut = self.longest_fitting(piece, width)
                if cut >= len(piece):
                    break
                lines.append(piece[:cut])
                piece = piece[cut:]
                if len(lines) > limit:
                    return lines
            current = piece
            if len(lines) > limit:
                return lines
        if current.strip():
            lines.append(current.strip())
        return lines

    def longest_fitting(self, text: str, width: int) -> int:
        """How many of the first characters of `text` fit in `width` (at least one)."""
        # No glyph is narrower than a fifth of the size: look no further than that allows.
        too_long = min(len(text), width * 5 // self.size + 2)
        if self.width(text[:too_long]) <= width:
            if too_long == len(text) or self.width(text) <= width:
                return len(text)
            too_long = len(text)
        fits = 1
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if self.width(text[:middle]) <= width:
                fits = middle
            else:
                too_long = middle
        return fits

    def shorten(self, line: str, width: int) -> str:
        """The line with an ellipsis, cut at a word (or a character) so it fits."""
        while line and self.width(line + ELLIPSIS) > width:
            cut = line.rstrip().rfind(" ")
            line = line[:cut].rstrip() if cut > 0 else line[:-1]
        return line + ELLIPSIS

    @property
    def height(self) -> int:
        return len(self.lines) * self.line_height


class Drawer:
    def __init__(self, text: CardText, size: str):
        self.text, self.layout = text, LAYOUTS[size]
        self.language = text.language
        self.default_direction = "rtl" if text.rtl else "ltr"
        layout = self.layout
        self.background = tokens.rgb("youth" if text.youth else "brand")
        self.image = Image.new("RGB", (layout.width, layout.height), self.background)
        self.pen = ImageDraw.Draw(self.image)
        m = layout.margin
        self.safe = (m, m, layout.width - m, layout.height - m)
        self.drawn: list[Drawn] = []
        self.layout_engines = set()

    # Placing: x runs from the start side (left, or right in Arabic).

    def x_of(self, region: tuple[int, int], width: int, at_end: bool = False) -> int:
        left, right = region
        starts_left = not self.text.rtl
        if at_end:
            starts_left = not starts_left
        return left if starts_left else right - width

    def fit(self, text, width, height, sizes, max_lines, bold=False) -> Fitted:
        """The largest size at which `text` fits the box in `max_lines`; at the smallest size
        whatever does not fit is cut with an ellipsis."""
        largest, smallest = sizes
        for size in range(largest, smallest - 1, -2):
            fitted = Fitted(self, text, size, bold)
            lines = fitted.wrap(width, max_lines)
            if len(lines) <= max_lines and len(lines) * fitted.line_height <= height:
                fitted.lines = lines
                return fitted
        fitted = Fitted(self, text, smallest, bold)
        room = max(1, min(max_lines, height // fitted.line_height))
        lines = fitted.wrap(width, room)
        if len(lines) > room:
            lines = lines[:room]
            lines[-1] = fitted.shorten(lines[-1], width)
        fitted.lines = lines
        return fitted

    def write(self, fitted: Fitted, region, top: int, kind: str, fill, at_end=False) -> int:
        """Draw the fitted lines from `top`, aligned to the start side; return the bottom."""
        for line in fitted.lines:
            left, _t, right, _b = fitted.bbox(line)
            x = self.x_of(region, right - left, at_end) - left
            options = fitted.options()
            stroke_fill = fill if fitted.stroke else None
            self.pen.text(
                (x, top), line, fill=fill, anchor="la", stroke_fill=stroke_fill, **options
            )
            box = self.pen.textbbox((x, top), line, anchor="la", **options)
            self.drawn.append(Drawn(kind, line, tuple(round(v) for v in box)))
            top += fitted.line_height
        return top

    def draw(self) -> Card:
        layout, text = self.layout, self.text
        left, top, right, bottom = self.safe
        paper = tokens.rgb("paper")
        header_bottom = self.header()
        title_top = header_bottom + layout.gap * 3 // 2
        details, details_height = self.details_fitted(bottom - title_top)
        details_top = bottom - details_height
        rule_top = details_top - layout.gap - layout.rule[1]
        title = self.fit(
            text.title,
            right - left,
            rule_top - layout.gap - title_top,
            layout.title,
            layout.title_lines,
            bold=True,
        )
        self.write(title, (left, right), title_top, "title", paper)
        rule_left = self.x_of((left, right), layout.rule[0])
        rule = (rule_left, rule_top, rule_left + layout.rule[0], rule_top + layout.rule[1])
        self.pen.rectangle([rule[0], rule[1], rule[2] - 1, rule[3] - 1], fill=tokens.rgb("accent"))
        self.drawn.append(Drawn("rule", "", rule))
        y = details_top
        for kind, fitted in details:
            y = self.write(fitted, (left, right), y, kind, paper) + layout.gap // 3
        return Card(self.image, self.safe, self.background, self.drawn, self.layout_engines)

    def details_fitted(self, room: int) -> tuple[list[tuple[str, Fitted]], int]:
        """The lines under the title, and their height: as large as they can be while leaving
        the title two lines at its smallest size in `room`."""
        layout, text = self.layout, self.text
        width = self.safe[2] - self.safe[0]
        title_needs = 2 * Fitted(self, text.title, layout.title[1], True).line_height
        title_needs += 2 * layout.gap + layout.rule[1]
        largest, smallest = layout.detail
        attempts = [((size, smallest), 2) for size in range(largest, smallest - 1, -2)]
        attempts.append(((smallest, smallest), 1))
        for sizes, interpretation_lines in attempts:
            rows = [("notice", text.notice, True, 1), ("date", text.date, True, 1)]
            rows += [("time", time, False, 1) for time in text.times]
            rows += [("interpretation", text.interpretation, False, interpretation_lines)]
            rows += [("audience", text.audience, False, 1)]
            details = [
                (kind, self.fit(value, width, 10_000, sizes, lines, bold=bold))
                for kind, value, bold, lines in rows
                if value
            ]
            height = sum(fitted.height for _kind, fitted in details)
            height += layout.gap // 3 * (len(details) - 1)
            if room - height >= title_needs:
                break
        return details, height

    def header(self) -> int:
        """The logo and the name at the start, the youth badge and the hashtag at the end."""
        layout, text = self.layout, self.text
        left, top, right, _bottom = self.safe
        mark = logo.draw(layout.logo)
        x = self.x_of((left, right), layout.logo)
        self.image.paste(mark, (x, top), mark)
        self.drawn.append(Drawn("logo", "", (x, top, x + layout.logo, top + layout.logo)))

        end_width, end_bottom = self.header_end(top)
        gap = layout.gap
        if text.rtl:
            region = (left + end_width + (gap if end_width else 0), right - layout.logo - gap)
        else:
            region = (left + layout.logo + gap, right - end_width - (gap if end_width else 0))
        width = region[1] - region[0]
        name = self.fit(text.name, width, layout.logo, (layout.name, layout.small), 1, bold=True)
        network = self.fit(text.network, width, layout.logo, (layout.small, layout.small // 2), 1)
        y = top + (layout.logo - name.height - network.height) // 2
        paper = tokens.rgb("paper")
        y = self.write(name, region, y, "name", paper)
        self.write(network, region, y, "network", paper)
        return max(top + layout.logo, end_bottom)

    def header_end(self, top: int) -> tuple[int, int]:
        """Draw the badge (youth talks) over the hashtag at the end side; return their width
        and bottom."""
        layout, text = self.layout, self.text
        left, _top, right, _bottom = self.safe
        room = (right - left) // 3
        hashtag = self.fit(text.hashtag, room, layout.logo, (layout.small, layout.small // 2), 1)
        badge = None
        pad_x, pad_y = layout.small * 2 // 3, layout.small // 4
        if text.youth:
            badge = self.fit(
                text.badge, room - 2 * pad_x, layout.logo, (layout.small, layout.small // 2), 1,
                bold=True,
            )  # fmt: skip
        badge_height = badge.height + 2 * pad_y if badge else 0
        spacing = layout.gap // 2 if badge else 0
        y = top + max(0, layout.logo - badge_height - spacing - hashtag.height) // 2
        widths = [hashtag.width(hashtag.lines[0])]
        if badge:
            inner = badge.width(badge.lines[0])
            outer = inner + 2 * pad_x
            x = self.x_of((left, right), outer, at_end=True)
            box = (x, y, x + outer, y + badge_height)
            self.pen.rounded_rectangle(
                [box[0], box[1], box[2] - 1, box[3] - 1],
                radius=badge_height // 2,
                fill=tokens.rgb("accent"),
            )
            self.drawn.append(Drawn("badge", text.badge, box))
            region = (x + pad_x, x + outer - pad_x)
            self.write(badge, region, y + pad_y, "badge-text", tokens.rgb("ink"), at_end=True)
            widths.append(outer)
            y += badge_height + spacing
        y = self.write(hashtag, (left, right), y, "hashtag", tokens.rgb("paper"), at_end=True)
        return max(widths), y


def render(text: CardText, size: str) -> Card:
    """The card of `text` at `size` ("1200x630" or "1080x1080")."""
    return Drawer(text, size).draw()


CARD_SECONDS = 7 * 24 * 3600


def cached_png(text: CardText, size: str) -> bytes:
    """The PNG of one card, drawn once and kept in the shared cache. The key is a fingerprint
    of everything the card shows, so a change of the talk (title, time, languages…), of a
    translation, of the tokens or of the drawing gives a new key; old drawings expire."""
    key = f"branding:card:{text.fingerprint(size)}"
    png = cache.get(key)
    if png is None:
        png = render(text, size).png()
        cache.set(key, png, CARD_SECONDS)
    return png
