"""Every stylesheet takes its colours, type sizes and spacings from the design tokens
(branding/tokens.py, written to tokens.css), and says start and end, never left and right, so
Arabic pages mirror by themselves. Stylesheets added later are covered without a change here."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings
from PIL.ImageColor import colormap

from gcmtalks.branding import tokens

ROOT = Path(settings.BASE_DIR) / "gcmtalks"
TOKENS_CSS = ROOT / "branding" / "static" / "branding" / "tokens.css"
# Every stylesheet but tokens.css, which is written from tokens.py (see test_tokens.py).
SHEETS = sorted(path for path in ROOT.glob("**/*.css") if path != TOKENS_CSS)
# Those of the pages; the PDF report's (reports/pdf.css) lays out paper in millimetres.
PAGE_SHEETS = sorted(ROOT.glob("*/static/**/*.css"))

COLOUR_FUNCTION = re.compile(r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.I)
HEX = re.compile(r"#[0-9a-f]{3,8}\b", re.I)
NAMED = re.compile(r"\b(?:" + "|".join(sorted(colormap, key=len, reverse=True)) + r")\b", re.I)
SIDE = re.compile(r"\b(?:left|right)\b")
SPACING = re.compile(
    r"^(?:margin|padding)(?:-(?:block|inline)(?:-(?:start|end))?)?$|^(?:row-|column-)?gap$"
)
SPACE_VALUE = re.compile(r"^(?:0|auto|var\(--space-\d\))$")
TEXT_VALUE = re.compile(r"^(?:var\(--text-[0-9a-z]+\)|inherit)$")


class Declaration(NamedTuple):
    line: int
    selector: str  # the innermost rule's selector or at-rule
    property: str
    value: str

    def where(self, sheet: str) -> str:
        return f"{sheet}:{self.line}: {self.selector} {{ {self.property}: {self.value} }}"


def declarations(css: str) -> Iterator[Declaration]:
    """The declarations of a stylesheet, with the selector of the rule holding each."""
    css = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m[0]), css, flags=re.S)
    selectors, start = [], 0
    for match in re.finditer(r"[{};]", css):
        text = css[start : match.start()]
        if match[0] == "{":
            selectors.append(" ".join(text.split()))
        elif selectors and ":" in text:
            name, value = text.split(":", 1)
            line = css.count("\n", 0, start + len(text) - len(text.lstrip())) + 1
            yield Declaration(line, selectors[-1], name.strip().lower(), " ".join(value.split()))
        if match[0] == "}" and selectors:
            selectors.pop()
        start = match.end()


def problems(css: str, *, page: bool = True) -> list[Declaration]:
    """What breaks the rules: a hard-coded colour, a type size or (on pages) a spacing that is
    not a token, a custom property defined outside tokens.py, a physical left or right."""
    found = []
    for found_at in declarations(css):
        selector, name, value = found_at.selector, found_at.property, found_at.value
        # Quoted text (generated content, font names) and token names say nothing.
        bare = re.sub(r"var\(--[a-z0-9-]+\)", "", re.sub(r"\"[^\"]*\"|'[^']*'", "", value))
        checks = [
            name.startswith("--"),
            bool(HEX.search(bare) or COLOUR_FUNCTION.search(bare)),
            name not in ("font-family", "font") and bool(NAMED.search(bare)),
            bool(SIDE.search(name) or SIDE.search(bare)),
            # Four sides given: a start that differs from the end is a physical left and right.
            bool(re.match(r"^(?:margin|padding|border-width|inset)$", name))
            and len(value.split()) == 4
            and value.split()[1] != value.split()[3],
            # The root's size sets the scale (10 pt on paper); an SVG draws in its own units.
            name == "font-size"
            and selector not in (":root", "html")
            and not selector.startswith("svg")
            and not TEXT_VALUE.match(value),
            name == "font" and not value.startswith(("inherit", "var(")),
            page and bool(SPACING.match(name)) and not all(map(SPACE_VALUE.match, value.split())),
        ]
        if any(checks):
            found.append(found_at)
    return found


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda path: str(path.relative_to(ROOT)))
def test_stylesheet_uses_the_tokens_and_logical_properties(sheet):
    css = sheet.read_text(encoding="utf-8")
    found = problems(css, page=sheet in PAGE_SHEETS)
    assert not found, "\n".join(d.where(sheet.name) for d in found)
    defined = {name for name, _value in tokens.properties()}
    assert set(re.findall(r"var\(--([a-z0-9-]+)", css)) <= defined


def test_every_stylesheet_is_checked():
    names = {str(path.relative_to(ROOT)) for path in SHEETS}
    assert {
        "core/static/css/site.css",
        "core/static/css/print.css",
        "circulation/static/circulation/widget.css",
        "hub/static/hub/hub.css",
        "intentions/static/intentions/intentions.css",
        "pledges/static/pledges/pledges.css",
        "briefings/static/briefings/briefings.css",
        "reports/pdf.css",
    } <= names
    site = (ROOT / "core" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert {"brand", "ink", "paper", "text-4xl", "space-4"} <= set(
        re.findall(r"var\(--([a-z0-9-]+)\)", site)
    )


@pytest.mark.parametrize(
    "css",
    [
        ".a { color: #1b1f23; }",
        ".a { border: 1px solid #ccc; }",
        ".a { background: rgb(0 89 138); }",
        ".a { background-color: hsl(200 100% 27%); }",
        ".a { color: white; }",
        ".a { outline: 2px solid Red; }",
        ".a { --brand: #00598a; }",
        ".a { margin-left: 1rem; }",
        ".a { padding-right: var(--space-2); }",
        ".a { border-left: 4px solid var(--brand); }",
        ".a { left: 0; }",
        ".a { float: right; }",
        ".a { text-align: left; }",
        ".a { border-top-right-radius: 4px; }",
        ".a { margin: 0 var(--space-4) 0 var(--space-2); }",
        ".a { font-size: 1.05rem; }",
        ".a { font: 15px/1.45 sans-serif; }",
        ".a { padding: .4rem var(--space-2); }",
        ".a { gap: 12px; }",
        "@media (max-width: 40rem) { .a b { margin-block-end: .5rem; } }",
        "@page { @bottom-center { font-size: 8pt; } }",
    ],
)
def test_the_check_finds_what_is_hard_coded(css):
    assert problems(css)


def test_the_check_lets_tokens_and_logical_properties_through():
    css = """
    /* left and right in a comment, #fff too */
    :root { font-size: 10pt; }
    .a { color: var(--ink); border: 1px solid currentColor; background: transparent; }
    .a { margin-inline-start: var(--space-4); padding: 0 var(--space-2) var(--space-1); }
    .a { inset-inline-start: -999rem; text-align: start; font-size: var(--text-sm); }
    .a::after { content: " (left) #fff"; white-space: nowrap; }
    .a { font-family: "Noto Sans", sans-serif; margin: var(--space-1) auto; }
    svg.chart text { font-size: 12px; }
    @media (max-width: 40rem) { .a { gap: var(--space-2) var(--space-4); } }
    """
    assert problems(css) == []
    assert [d.line for d in declarations(css)][:2] == [3, 4]
