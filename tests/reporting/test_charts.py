"""The server-rendered SVG charts: bars in proportion, suppressed cells said in words,
escaped labels, no inline style, named for assistive technology, mirrored right to left."""

import xml.etree.ElementTree as ET

from django.utils import translation

from gcmtalks.reporting import charts
from gcmtalks.reporting.tables import Table

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if "chart-bar" in rect.get("class")]


def texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def by_status() -> Table:
    return Table(
        key="talks-by-status",
        title="Talks by status",
        columns=["Status", "Talks"],
        rows=[("Held", [40]), ("Postponed", [10]), ("Cancelled", [None])],
    )


def registered_attended() -> Table:
    return Table(
        key="registrations-by-group",
        title="Registered and attended by stakeholder group",
        columns=["Stakeholder group", "Registered", "Attended"],
        rows=[("Member State", [120, 90]), ("Youth", [30, None]), ("Academia", [0, 0])],
        people=True,
        chart="stacked",
    )


def test_bar_chart_draws_one_bar_per_row_in_proportion():
    root = parsed(charts.chart(by_status(), rtl=False))
    drawn = bars(root)
    assert len(drawn) == 2  # the suppressed row has none
    held, postponed = (float(bar.get("width")) for bar in drawn)
    assert held > 0
    assert round(held / postponed, 2) == 4.0
    assert {bar.get("class") for bar in drawn} == {"chart-bar chart-series-1"}
    assert [t for t in texts(root) if t.istitle()][:3] == ["Held", "Postponed", "Cancelled"]


def test_suppressed_value_has_no_bar_and_says_fewer_than_5():
    root = parsed(charts.chart(by_status(), rtl=False))
    assert "fewer than 5" in texts(root)
    tips = ["".join(bar.itertext()) for bar in bars(root)]
    assert not any("Cancelled" in tip for tip in tips)


def test_chart_is_an_image_named_by_its_title_and_has_no_style_attribute():
    svg = str(charts.chart(by_status(), rtl=False))
    root = parsed(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id") == "chart-talks-by-status-title"
    assert "Talks by status" in title.text
    assert "style=" not in svg
    assert "fill=" not in svg  # colours come from the stylesheet's classes on the page


def test_labels_are_escaped():
    table = by_status()
    table.rows = [("<script>alert(1)</script> & co", [3])]
    svg = str(charts.chart(table, rtl=False))
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    parsed(svg)  # still well-formed


def test_long_labels_are_shortened_with_the_whole_label_as_tooltip():
    table = by_status()
    long = "Protect migrants and their families through a very long label indeed"
    table.rows = [(long, [5])]
    root = parsed(charts.chart(table, rtl=False))
    label = next(t for t in root.iter(f"{SVG}text") if "chart-label" in t.get("class"))
    assert label.find(f"{SVG}title").text == long
    assert "".join(label.itertext()).endswith("…")
    assert len(charts.shortened("移民" * 30)) < 20  # wide characters count twice


def test_several_columns_draw_grouped_bars_with_a_legend():
    root = parsed(charts.chart(registered_attended(), rtl=False))
    drawn = bars(root)
    legend = [bar for bar in drawn if float(bar.get("width")) == 12]
    assert {bar.get("class") for bar in legend} == {
        "chart-bar chart-series-1",
        "chart-bar chart-series-2",
    }
    assert "Registered" in texts(root) and "Attended" in texts(root)
    # Member State: two bars; Youth: registered only (attended suppressed); Academia: two of 0.
    assert len(drawn) - len(legend) == 5
    assert texts(root).count("fewer than 5") == 1


def test_a_table_without_chart_or_rows_draws_nothing():
    table = by_status()
    table.chart = ""
    assert charts.chart(table) == ""
    assert charts.chart(Table(key="x", title="X", columns=["A", "B"], rows=[])) == ""


def test_right_to_left_mirrors_the_bars_and_the_labels():
    ltr = parsed(charts.chart(by_status(), rtl=False))
    rtl = parsed(charts.chart(by_status(), rtl=True))
    assert rtl.get("direction") == "rtl" and ltr.get("direction") == "ltr"
    for left, right in zip(bars(ltr), bars(rtl), strict=True):
        mirrored = charts.WIDTH - float(left.get("x")) - float(left.get("width"))
        assert float(right.get("x")) == round(mirrored, 1)
    # Bars grow from the label column towards the start of the line: leftwards in Arabic.
    first = bars(rtl)[0]
    assert float(first.get("x")) + float(first.get("width")) == charts.WIDTH - charts.LABEL_WIDTH
    label_x = [float(t.get("x")) for t in rtl.iter(f"{SVG}text") if "chart-label" in t.get("class")]
    assert all(x > charts.WIDTH - charts.LABEL_WIDTH for x in label_x)


def test_arabic_page_gets_the_mirrored_chart():
    with translation.override("ar"):
        root = parsed(charts.chart(by_status()))
    assert root.get("direction") == "rtl"
    first = bars(root)[0]
    assert float(first.get("x")) + float(first.get("width")) == charts.WIDTH - charts.LABEL_WIDTH


def test_pdf_bars_are_an_html_table_with_width_classes_and_series_names():
    html = str(charts.bars(registered_attended()))
    assert "style=" not in html and "<svg" not in html
    # Member State, the biggest: 120 takes the whole room; 90 three quarters of it.
    assert f"chart-series-1 w-{charts.BAR_ROOM}" in html
    assert f"chart-series-2 w-{round(charts.BAR_ROOM * 90 / 120)}" in html
    assert html.count('class="bars-series">Registered<') == 3
    assert html.count("fewer than 5") == 1
    table = by_status()
    table.rows = [("<b>bold</b>", [1])]
    assert "&lt;b&gt;bold&lt;/b&gt;" in str(charts.bars(table))


def test_values_are_printed_with_their_unit():
    assert charts.shown(50_000) == "50,000"
    assert charts.shown(42.26, "%") == "42.3 %"
    assert charts.shown(12.0, "days") == "12 days"
    assert charts.shown(None) == "fewer than 5"
