"""Charts drawn on the server from a Table: SVG on the page (no script, nothing from
elsewhere), HTML bars in the PDF pack.

A table with one value column (chart "bar") gets one horizontal bar per row. A table with
several (chart "stacked" or "grouped", e.g. registered and attended) gets a group of bars per
row, one per column, side by side with a legend: unlike segments stacked end to end, this
stays true when one value is a part of another (attended of registered) and when one of them
is suppressed. A suppressed value (None) has no bar and says "fewer than 5" where it would
be. Every bar has its number written beside it, so colour never carries the meaning alone,
and the table beside the chart holds the same numbers.

The chart is an image to assistive technology (role="img"), named by its <title>; the
figure's caption and its table carry the detail. Colours are CSS classes whose rules read the
design tokens (static/reporting/reporting.css), never a style attribute (the CSP forbids
them). The PDF pack draws the same bars in HTML (`bars`, below).

Right to left: the drawing is made left to right and then mirrored (labels on the right, bars
growing leftwards); text keeps its anchors, which SVG reads in the text's direction.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from .tables import MIN_GROUP, Table, Value

WIDTH = 640
LABEL_WIDTH = 240  # the row labels' column; the bars start after it
VALUE_ROOM = 110  # room after the longest bar for its number (or "fewer than 5")
PAD = 8
BAR = 18  # a bar's thickness with one series
SERIES_BAR = 14  # each bar's thickness in a group
ROW_GAP = 10
LEGEND_ROW = 22
FONT_UNITS = 36  # how many half-width characters a label may take before it is shortened
MAX_SERIES = 4  # series colours; more columns than this reuse them in order


def fewer_than() -> str:
    return _("fewer than %(count)s") % {"count": MIN_GROUP}


def shown(value: Value, unit: str = "") -> str:
    """A value as the page, the chart and the pack print it: grouped digits in the page's
    language, one decimal for fractions, its unit; "fewer than 5" when suppressed."""
    if value is None:
        return fewer_than()
    if isinstance(value, float) and not value.is_integer():
        text = number_format(round(value, 1), decimal_pos=1, use_l10n=True, force_grouping=True)
    else:
        text = number_format(int(value), use_l10n=True, force_grouping=True)
    if unit == "%":
        return f"{text} %"
    if unit == "days":
        return _("%(number)s days") % {"number": text}
    return text


def shortened(label: str) -> str:
    """The label cut with an ellipsis when wider than the label column (wide characters, such
    as Chinese, count twice). The table beside the chart has it whole."""
    units = 0
    for index, char in enumerate(label):
        units += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if units > FONT_UNITS:
            return label[: max(index - 1, 1)].rstrip() + "…"
    return label


@dataclass
class Drawing:
    """SVG elements in left-to-right coordinates, mirrored on output when right to left."""

    rtl: bool
    parts: list[str]

    def x(self, x: float, width: float = 0) -> float:
        return WIDTH - x - width if self.rtl else x

    def rect(self, x, y, width, height, series: int, tip: str) -> None:
        series = (series - 1) % MAX_SERIES + 1
        self.parts.append(
            f'<rect class="chart-bar chart-series-{series}" x="{self.x(x, width):.1f}" '
            f'y="{y:.1f}" width="{width:.1f}" height="{height:.1f}">'
            f"<title>{escape(tip)}</title></rect>"
        )

    def text(self, x, y, text: str, *, anchor="start", css="chart-value", whole="") -> None:
        title = f"<title>{escape(whole)}</title>" if whole and whole != text else ""
        self.parts.append(
            f'<text class="{css}" x="{self.x(x):.1f}" y="{y:.1f}" text-anchor="{anchor}" '
            f'dominant-baseline="central">{title}{escape(text)}</text>'
        )

    def line(self, x, y1, y2) -> None:
        self.parts.append(
            f'<line class="chart-axis" x1="{self.x(x):.1f}" x2="{self.x(x):.1f}" '
            f'y1="{y1:.1f}" y2="{y2:.1f}"/>'
        )


def series_of(table: Table) -> list[int]:
    """The indexes of the value columns drawn: the first for a bar chart, all for groups."""
    count = len(table.columns) - 1
    if table.chart == "bar" or count < 2:
        return [0] if count else []
    return list(range(count))


def scale_max(table: Table, series: list[int]) -> float:
    values = [
        row[index] for _label, row in table.rows for index in series if row[index] is not None
    ]
    top = max([0, *values])
    return max(top, 100) if table.unit == "%" else top


def chart(table: Table, *, rtl: bool | None = None) -> SafeString:
    """The table's chart as an <svg> element (empty when the table has no chart or no row)."""
    series = series_of(table)
    if not table.chart or not table.rows or not series:
        return mark_safe("")
    rtl = get_language_bidi() if rtl is None else rtl
    drawing = Drawing(rtl=rtl, parts=[])
    top = PAD
    if len(series) > 1:
        top = legend(drawing, table, series, top)
    bar = BAR if len(series) == 1 else SERIES_BAR
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM - PAD
    biggest = scale_max(table, series) or 1
    y = top
    for label, values in table.rows:
        group = len(series) * (bar + 2) - 2
        drawing.text(LABEL_WIDTH - PAD, y + group / 2, shortened(label), anchor="end",
                     css="chart-label", whole=label)  # fmt: skip
        for offset, index in enumerate(series):
            value = values[index]
            bar_y = y + offset * (bar + 2)
            tip = f"{label} · {table.columns[index + 1]}: {shown(value, table.unit)}"
            if value is None:
                drawing.text(LABEL_WIDTH + 4, bar_y + bar / 2, fewer_than(),
                             css="chart-value chart-missing")  # fmt: skip
                continue
            width = room * max(value, 0) / biggest
            drawing.rect(LABEL_WIDTH, bar_y, width, bar, offset + 1, tip)
            drawing.text(LABEL_WIDTH + width + 4, bar_y + bar / 2, shown(value, table.unit))
        y += group + ROW_GAP
    drawing.line(LABEL_WIDTH, top - 2, y - ROW_GAP + 2)
    height = y - ROW_GAP + PAD
    title_id = f"chart-{table.key}-title"
    name = _("Chart: %(title)s. The figures are in the table that follows.") % {
        "title": table.title
    }
    direction = "rtl" if rtl else "ltr"
    return mark_safe(  # noqa: S308 - every text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{title_id}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" direction="{direction}" '
        f'preserveAspectRatio="xMinYMin meet" focusable="false">'
        f'<title id="{title_id}">{escape(name)}</title>' + "".join(drawing.parts) + "</svg>"
    )


def legend(drawing: Drawing, table: Table, series: list[int], top: float) -> float:
    """One line per series: a swatch and the column's name. Returns where the bars start."""
    y = top
    for offset, index in enumerate(series):
        drawing.rect(LABEL_WIDTH, y, 12, 12, offset + 1, table.columns[index + 1])
        drawing.text(LABEL_WIDTH + 18, y + 6, table.columns[index + 1], css="chart-legend")
        y += LEGEND_ROW - 6
    return y + 8


# The PDF's charts. WeasyPrint draws SVG text without shaping or bidirectional ordering, so
# Arabic labels would come out as separate letters in the wrong order: in the PDF a chart is
# an HTML table of bars instead, whose text WeasyPrint lays out like any other (and mirrors
# for Arabic). Widths are classes (w-0 … w-100, written by packs.stylesheet()), never a style
# attribute.

BAR_ROOM = 85  # percent of the bar cell the longest bar takes, leaving room for its number


def width_class(value: Value, biggest: float) -> str:
    return f"w-{round(BAR_ROOM * max(value or 0, 0) / biggest)}"


def bars(table: Table) -> SafeString:
    """The table's chart as HTML bars (empty when it has no chart or no row)."""
    series = series_of(table)
    if not table.chart or not table.rows or not series:
        return mark_safe("")
    biggest = scale_max(table, series) or 1
    several = len(series) > 1
    lines = []
    for label, values in table.rows:
        for offset, index in enumerate(series):
            cells = []
            if offset == 0:
                span = f' rowspan="{len(series)}"' if several else ""
                cells.append(f'<th scope="row"{span}><bdi>{escape(label)}</bdi></th>')
            if several:
                cells.append(f'<td class="bars-series">{escape(table.columns[index + 1])}</td>')
            value = values[index]
            if value is None:
                bar = f'<span class="bars-missing">{escape(fewer_than())}</span>'
            else:
                bar = (
                    f'<span class="bars-bar chart-series-{offset % MAX_SERIES + 1} '
                    f'{width_class(value, biggest)}"></span> '
                    f'<span class="bars-value">{escape(shown(value, table.unit))}</span>'
                )
            cells.append(f'<td class="bars-cell">{bar}</td>')
            group = " bars-group-end" if offset == len(series) - 1 else ""
            lines.append(f'<tr class="bars-line{group}">{"".join(cells)}</tr>')
    return mark_safe(  # noqa: S308 - every text above went through escape()
        f'<table class="bars" aria-hidden="true"><tbody>{"".join(lines)}</tbody></table>'
    )
