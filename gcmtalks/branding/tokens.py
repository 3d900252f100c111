"""The design tokens: one set of colours, type sizes and spacings for the pages, the mails, the
PDF report and the social-media cards.

This module is the only place they are written. `manage.py branding_assets` writes
static/branding/tokens.css from it (a test fails when the committed file differs), the mails
and the PDF take them through the `branding` template tags, the cards through `rgb()`.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Colour:
    name: str  # the CSS custom property, without its "--"
    hex: str
    use: Promise


@dataclass(frozen=True)
class Step:
    name: str
    rem: float
    use: Promise


COLOURS = (
    Colour("ink", "#1b1f23", _("Text")),
    Colour("muted", "#4a5560", _("Secondary text: captions, meta lines, the footer")),
    Colour("brand", "#00598a", _("UN blue, darkened for 7:1 contrast on white: header, links")),
    Colour("brand-dark", "#00415f", _("Buttons under the pointer")),
    Colour("brand-light", "#e6f2f8", _("Tinted backgrounds: notices, table headings")),
    Colour("accent", "#f4a000", _("The logo's rising line, rules on cards; never text on white")),
    Colour("youth", "#7b2d8e", _("GCM Youth Talks: their cards and badges")),
    Colour("youth-light", "#f4ebf7", _("Tinted backgrounds of youth talks")),
    Colour("paper", "#ffffff", _("Page background, text on blue and on the youth colour")),
    Colour("surface", "#f4f6f8", _("Quiet backgrounds, such as days of another month")),
    Colour("line", "#c9d3db", _("Rules and table lines")),
    Colour("field-border", "#6b7885", _("Borders of form fields")),
    Colour("warn-bg", "#fff4d6", _("Warnings: background")),
    Colour("warn-border", "#8a6100", _("Warnings: border")),
    Colour("warn-ink", "#5c4000", _("Warnings: text")),
    Colour("error-bg", "#fde8e8", _("Errors: background")),
    Colour("error", "#9b1c1c", _("Errors: text and border")),
    Colour("focus", "#ffbf47", _("Focus outline, with an ink ring")),
)

# Sizes of text, in rem (1rem = 16 px on screen; 10 pt in the PDF, whose root size is 10 pt).
TYPE_SCALE = (
    Step("2xs", 0.8, _("Badges, the PDF's page footer")),
    Step("xs", 0.85, _("Meta lines, help text")),
    Step("sm", 0.9, _("Labels, the page footer, captions")),
    Step("md", 1.0, _("Body text")),
    Step("lg", 1.1, _("Lead paragraphs")),
    Step("xl", 1.25, _("The site's name")),
    Step("2xl", 1.35, _("Section headings")),
    Step("3xl", 1.6, _("Page titles on phones")),
    Step("4xl", 2.0, _("Page titles")),
)

SPACING = (
    Step("1", 0.25, _("Between a label and its field")),
    Step("2", 0.5, _("Inside buttons and table cells")),
    Step("3", 0.75, _("Between list items and form rows")),
    Step("4", 1.0, _("Page gutters, inside panels")),
    Step("5", 1.5, _("Between groups")),
    Step("6", 2.0, _("Before a section heading")),
    Step("7", 3.0, _("Below the page's content")),
)

FONT_FAMILY = '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif'
LINE_HEIGHT = 1.5

# What partners write about the talks (shown on /brand/ and drawn on every card).
HASHTAG = "#GCMTalks"

BY_NAME = {colour.name: colour for colour in COLOURS}
STEPS = {step.name: step for step in TYPE_SCALE}


def colour(name: str) -> str:
    return BY_NAME[name].hex


def rgb(name: str) -> tuple[int, int, int]:
    """A colour as Pillow takes it."""
    value = colour(name).lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def text_px(step: str, root: int = 16) -> float:
    return STEPS[step].rem * root


def luminance(hex_value: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    value = hex_value.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def wcag_level(ratio: float) -> str:
    if ratio >= 7:
        return str(_("AAA"))
    if ratio >= 4.5:
        return str(_("AA"))
    if ratio >= 3:
        return str(_("AA for large text and shapes only"))
    return str(_("decoration only"))


def rem(value: float) -> str:
    return f"{value:g}rem"


def properties() -> list[tuple[str, str]]:
    """Every custom property with its value, in the order the CSS file lists them."""
    values = [(colour.name, colour.hex) for colour in COLOURS]
    values += [(f"text-{step.name}", rem(step.rem)) for step in TYPE_SCALE]
    values += [(f"space-{step.name}", rem(step.rem)) for step in SPACING]
    values += [("font-family", FONT_FAMILY), ("line-height", f"{LINE_HEIGHT:g}")]
    return values


def properties_css() -> str:
    """The tokens as CSS custom properties on :root."""
    lines = [f"  --{name}: {value};" for name, value in properties()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


@cache
def css() -> str:
    """The whole of static/branding/tokens.css."""
    swatches = [f".swatch-{c.name} {{ background-color: var(--{c.name}); }}" for c in COLOURS]
    samples = [f".type-{s.name} {{ font-size: var(--text-{s.name}); }}" for s in TYPE_SCALE]
    spaces = [f".space-{s.name} {{ inline-size: var(--space-{s.name}); }}" for s in SPACING]
    return (
        "/* Generated by `manage.py branding_assets` from gcmtalks/branding/tokens.py:\n"
        "   change the tokens there, then run the command again. */\n"
        + properties_css()
        + "\n/* Samples for the partners' page (/brand/). */\n"
        + "\n".join(swatches + samples + spaces)
        + "\n"
    )


@cache
def mail_css() -> str:
    """Rules for HTML mails. Mail programs ignore custom properties, so the values are written
    out; they are the same tokens."""
    px = lambda step: f"{text_px(step):g}px"  # noqa: E731
    return (
        f"body {{ margin: 0; padding: 16px; background: {colour('paper')}; color: {colour('ink')};"
        f" font-family: {FONT_FAMILY}; font-size: {px('md')}; line-height: {LINE_HEIGHT:g}; }}\n"
        f"a {{ color: {colour('brand')}; }}\n"
        f"h1, h2 {{ color: {colour('brand')}; line-height: 1.25; }}\n"
        f"h1 {{ font-size: {px('3xl')}; }}\n"
        f"h2 {{ font-size: {px('2xl')}; }}\n"
        f".brand {{ color: {colour('brand')}; font-weight: bold;"
        f" border-bottom: 4px solid {colour('accent')}; padding-bottom: 8px; }}\n"
        f".muted {{ color: {colour('muted')}; font-size: {px('sm')}; }}\n"
    )
