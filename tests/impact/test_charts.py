"""The server-rendered SVG charts (impact/charts.py): parsed back as XML and checked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from impact import charts
from impact.tables import Column, Table
from tests.impact.sample import sample_tables

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def texts(root: ET.Element, cls: str | None = None) -> list[str]:
    return [
        "".join(el.itertext())
        for el in root.iter(f"{SVG}text")
        if cls is None or cls in el.get("class", "").split()
    ]


def bars(root: ET.Element, series: int | None = None) -> list[ET.Element]:
    """The data bars (not the legend's swatches)."""
    out = []
    for row in root.iter(f"{SVG}g"):
        if "chart-row" not in row.get("class", ""):
            continue
        for rect in row.iter(f"{SVG}rect"):
            classes = rect.get("class", "").split()
            if "chart-bar" in classes and (series is None or f"chart-series-{series}" in classes):
                out.append(rect)
    return out


def districts(count: int, *, suppressed: tuple[int, ...] = ()) -> Table:
    rows = [
        [f"District {i}", None if i in suppressed else 10 * i, None if i in suppressed else 5 * i]
        for i in range(1, count + 1)
    ]
    return Table(
        key="by_district",
        title="Learners and graduates by district",
        columns=[
            Column("by_district", "District", "label"),
            Column("learners", "Learners"),
            Column("graduates", "Graduates"),
        ],
        rows=rows,
    )


def assert_accessible(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 400 ")
    # Scales to its container: no fixed size.
    assert root.get("width") is None and root.get("height") is None
    label_ids = root.get("aria-labelledby").split()
    title_el = root.find(f"{SVG}title")
    desc_el = root.find(f"{SVG}desc")
    assert [title_el.get("id"), desc_el.get("id")] == label_ids
    assert title_el.text == title
    assert desc_el.text and len(desc_el.text) > 20
    # CSP: no inline style, no script, no event handler.
    for el in root.iter():
        assert el.get("style") is None
        assert not el.tag.endswith("script")
        assert not any(name.lower().startswith("on") for name in el.attrib)


def test_bar_chart_ranks_prints_values_and_is_accessible():
    table = sample_tables()["by_district"]
    root = parse(charts.bar_chart(table))
    assert_accessible(root, "Learners and graduates by district")
    labels = texts(root, "chart-label")
    assert labels == ["Gasabo", "Huye", "Musanze", "Rubavu"]
    learners = bars(root, 0)
    graduates = bars(root, 1)
    assert len(learners) == len(graduates) == 4
    widths = [float(rect.get("width")) for rect in learners]
    assert widths == sorted(widths, reverse=True)
    # Each value is printed as text (readable without colour).
    values = texts(root, "chart-value")
    assert values == ["120", "70", "60", "31", "44", "20", "3", "1"]
    # The legend names both series; the second is a pattern, defined in the SVG.
    assert texts(root, "chart-legend-label") == ["Learners", "Graduates"]
    fill = graduates[0].get("fill")
    pattern_id = re.fullmatch(r"url\(#(.+)\)", fill).group(1)
    assert root.find(f".//{SVG}pattern[@id='{pattern_id}']") is not None
    assert learners[0].get("fill") != fill


def test_bar_chart_sorts_by_the_first_series_and_keeps_order_when_asked():
    table = districts(5)
    assert texts(parse(charts.bar_chart(table)), "chart-label")[0] == "District 5"
    assert texts(parse(charts.bar_chart(table, sort=False)), "chart-label")[0] == "District 1"


def test_thirty_districts_one_series_and_a_limit():
    table = districts(30)
    root = parse(charts.bar_chart(table, series=["learners"]))
    assert len(bars(root)) == 30
    assert texts(root, "chart-legend-label") == []  # one series: no legend needed
    assert len(bars(parse(charts.bar_chart(table, limit=10)))) == 20


def test_suppressed_cells_are_text_not_zero_bars():
    table = districts(6, suppressed=(2,))
    root = parse(charts.bar_chart(table))
    assert len(bars(root)) == 10  # five rows with two bars; the suppressed row has none
    # Each says which series it hides (the legend's order is the bars' order too).
    assert texts(root, "chart-suppressed") == [
        "Learners: <5 (suppressed)",
        "Graduates: <5 (suppressed)",
    ]
    # Suppressed rows go last, and the description says how many numbers are hidden.
    assert texts(root, "chart-label")[-1] == "District 2"
    assert "2 numbers are under 5 people" in root.find(f"{SVG}desc").text


def test_labels_and_titles_are_escaped():
    table = districts(2)
    table.rows[0][0] = '<script>alert("x")</script> & "co"'
    table.title = "Fish & <chips>"
    svg = str(charts.bar_chart(table))
    assert "<script>" not in svg
    root = parse(svg)  # well-formed XML: every label was escaped
    assert_accessible(root, "Fish & <chips>")
    assert '<script>alert("x")</script> & "co"' in texts(root, "chart-label")
    assert not list(root.iter(f"{SVG}script"))


def test_chart_id_is_escaped_and_prefixes_every_id():
    root = parse(charts.bar_chart(districts(2), chart_id='x" onload="y'))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert ids and all(i.startswith('x" onload="y') for i in ids)
    assert root.get("onload") is None


def test_long_labels_are_shortened_on_the_chart_but_kept_in_the_bar_title():
    table = districts(1)
    table.rows[0][0] = "A very long course name " * 4
    root = parse(charts.bar_chart(table))
    label = texts(root, "chart-label")[0]
    assert len(label) <= charts.MAX_LABEL_CHARS and label.endswith("…")
    assert "A very long course name " * 4 in bars(root)[0].find(f"{SVG}title").text


def test_funnel_narrows_with_counts_and_shares_of_the_first_stage():
    table = sample_tables()["funnel"]
    root = parse(charts.funnel_chart(table))
    assert_accessible(root, "From sign-up to first order")
    rects = bars(root)
    assert len(rects) == 8
    widths = [float(rect.get("width")) for rect in rects]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] == 400
    # Centred: each bar's middle is the chart's middle.
    for rect in rects:
        assert float(rect.get("x")) + float(rect.get("width")) / 2 == pytest.approx(200, abs=0.1)
    values = texts(root, "chart-value")
    assert values[0] == "420"
    assert values[4] == "60 (14%)"  # applied: 60 of 420
    assert values[-1] == "12 (3%)"
    assert texts(root, "chart-label")[-1] == "First order"


def test_funnel_with_a_suppressed_stage():
    table = sample_tables()["funnel"]
    table.rows[-1][1] = None
    root = parse(charts.funnel_chart(table))
    assert len(bars(root)) == 7
    assert texts(root, "chart-suppressed") == ["<5 (suppressed)"]
    assert list(root.iter(f"{SVG}rect"))[-1].get("class") == "chart-bar-missing"


def test_month_chart_groups_four_series_with_distinct_patterns():
    table = sample_tables()["by_month"]
    root = parse(charts.month_chart(table))
    assert_accessible(root, "By month")
    assert texts(root, "chart-label") == ["September 2026", "October 2026", "November 2026"]
    assert len(bars(root)) == 12
    fills = {bars(root, series)[0].get("fill") for series in range(4)}
    assert len(fills) == 4
    assert len(root.findall(f".//{SVG}pattern")) == 3
    assert texts(root, "chart-legend-label") == ["Signed up", "Enrolled", "Completed", "Certified"]
    assert texts(root, "chart-value")[:4] == ["120", "100", "40", "35"]


def test_month_chart_in_another_language():
    table = sample_tables()["by_month"]
    table.rows[0][1] = 12345
    with translation.override("fr"):
        root = parse(charts.month_chart(table))
    assert texts(root, "chart-label")[0].lower() == "septembre 2026"
    assert texts(root, "chart-value")[0].replace("\u202f", " ").replace("\xa0", " ") == "12 345"


def test_percent_columns_use_a_0_to_100_scale():
    table = sample_tables()["courses"]
    root = parse(charts.bar_chart(table, series=["completion_rate"]))
    assert texts(root, "chart-value") == ["60.0%", "46.2%"]
    assert float(bars(root)[0].get("width")) == pytest.approx((400 - charts.VALUE_SPACE) * 0.6)


def test_empty_table_says_so():
    table = districts(0)
    for draw in (charts.bar_chart, charts.funnel_chart, charts.month_chart):
        root = parse(draw(table))
        assert texts(root) == ["No numbers yet."]
        assert root.get("role") == "img"


def test_bad_series_count_is_refused():
    with pytest.raises(ValueError):
        charts.bar_chart(sample_tables()["by_month"], series=["a"] * 5)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_contrast_at_least_4_5_to_1_on_white():
    css = (Path(settings.BASE_DIR) / "static/css/impact-charts.css").read_text()
    colours = {charts.INK, charts.BAR_FILL}
    # Every fill in the file (text, and the solid bars that value labels sit beside).
    colours |= set(re.findall(r"fill: (#[0-9a-f]{6})", css))
    assert len(colours) >= 3
    for colour in colours:
        ratio = (1.05) / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, colour
