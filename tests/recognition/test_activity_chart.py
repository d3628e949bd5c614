"""The activity chart of "My impact": its geometry (pure) and the SVG the page draws."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from wagtail_advocacy.core.charts import (
    CHART_FONT_SIZE,
    bar_chart_geometry,
    round_ticks,
    text_width,
)

IMPACT_URL = reverse("wagtail_advocacy:my_impact")


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (4, [0, 1, 2, 3, 4]),
        (5, [0, 2, 4, 6]),
        (7, [0, 2, 4, 6, 8]),
        (12, [0, 5, 10, 15]),
        (100, [0, 50, 100]),
        (130, [0, 50, 100, 150]),
        (4321, [0, 2000, 4000, 6000]),
    ],
)
def test_round_ticks_reach_the_peak_in_a_few_round_steps(peak, ticks):
    assert round_ticks(peak) == ticks


def labels(count):
    monday = datetime.date(2026, 3, 2)
    return [
        (monday - datetime.timedelta(weeks=count - 1 - n)).strftime("%-d %b") for n in range(count)
    ]


def shown(chart):
    return [group for group in chart.groups if group.show_label]


@pytest.mark.parametrize("weeks", [1, 4, 12, 13, 26, 52, 104])
def test_x_labels_never_overlap_nor_leave_the_chart(weeks):
    chart = bar_chart_geometry([(n % 5, n % 7) for n in range(weeks)], labels(weeks))
    written = shown(chart)
    assert written[-1] is chart.groups[-1]  # this week always has its label
    for before, after in zip(written, written[1:], strict=False):
        room = (text_width(before.label) + text_width(after.label)) / 2
        assert after.label_x - before.label_x >= room
    for group in written:
        assert group.label_x - text_width(group.label) / 2 >= 0
        assert group.label_x + text_width(group.label) / 2 <= chart.width
    assert chart.label_y < chart.height
    if weeks >= 12:
        assert len(written) < weeks  # every nth week, not all of them


def test_bars_stand_on_the_axis_scaled_to_the_top_tick():
    chart = bar_chart_geometry([(0, 3), (6, 12)], ["a", "b"])
    assert [tick.value for tick in chart.ticks] == [0, 5, 10, 15]
    assert chart.peak == 15
    assert chart.ticks[0].y == chart.bottom and chart.ticks[-1].y == chart.top
    tallest = chart.groups[1].bars[1]
    assert tallest.value == 12
    assert tallest.y + tallest.height == pytest.approx(chart.bottom)
    assert tallest.height == pytest.approx((chart.bottom - chart.top) * 12 / 15, abs=0.1)
    assert chart.groups[0].bars[0].height == 0
    # Inside its slot, side by side, and inside the plot.
    for group in chart.groups:
        shares, clicks = group.bars
        assert chart.left <= shares.x < shares.x + shares.width <= clicks.x
        assert clicks.x + clicks.width <= chart.right
    # The tick labels have room left of the plot.
    assert chart.tick_x - text_width(str(chart.peak)) >= 0


def test_no_activity_still_draws_an_axis():
    chart = bar_chart_geometry([(0, 0)] * 3, ["a", "b", "c"])
    assert [tick.value for tick in chart.ticks] == [0, 1]
    assert all(bar.height == 0 for group in chart.groups for bar in group.bars)


def test_one_label_per_group():
    with pytest.raises(ValueError):
        bar_chart_geometry([(1, 2)], [])


def svg_of(response):
    content = response.content.decode()
    return ET.fromstring(re.search(r"<svg class=\"advocacy-chart\".*?</svg>", content, re.S)[0])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_my_impact_chart_has_y_ticks_and_x_labels_that_do_not_overlap(
    ambassador, quick_page, client, settings, language
):
    settings.WAGTAIL_ADVOCACY_IMPACT_CHART_WEEKS = 16
    today = timezone.localdate()
    for weeks_ago, count in [(0, 2), (3, 7), (9, 1), (15, 4)]:
        when = factories.at(today) - datetime.timedelta(weeks=weeks_ago)
        for _ in range(count):
            factories.share(ambassador, quick_page(), when=when)
    client.force_login(ambassador)
    svg = svg_of(client.get(IMPACT_URL, HTTP_ACCEPT_LANGUAGE=language))

    # An image with a name and a description; the table stays for the figures.
    assert svg.get("role") == "img"
    title = svg.find(f"title[@id='{svg.get('aria-labelledby')}']")
    desc = svg.find(f"desc[@id='{svg.get('aria-describedby')}']")
    assert title is not None and title.text and desc is not None and desc.text
    # Scales to its box: a viewBox and no fixed size.
    assert svg.get("viewBox") and svg.get("width") is None
    # Coordinates stay numbers whatever the language (no decimal comma).
    for element in svg.iter():
        for name in ("x", "y", "width", "height", "x1", "x2", "y1", "y2"):
            if element.get(name) is not None:
                float(element.get(name))

    ticks = [int(t.text) for t in svg.iter("text") if t.get("class") == "advocacy-chart__tick"]
    assert ticks == [0, 2, 4, 6, 8]  # 7 shares in the busiest week
    assert sum(1 for g in svg.iter("g") if g.get("class") == "advocacy-chart__week") == 16
    font_size = float(svg.get("font-size"))
    assert font_size == CHART_FONT_SIZE
    written = [
        (float(t.get("x")), t.text)
        for t in svg.iter("text")
        if t.get("class") == "advocacy-chart__label"
    ]
    assert 2 <= len(written) < 16
    for (x1, label1), (x2, label2) in zip(written, written[1:], strict=False):
        assert x2 - x1 >= (text_width(label1, font_size) + text_width(label2, font_size)) / 2


def test_week_labels_write_french_months_as_french_readers_do():
    """Written "29 juin", "6 juil." rather than the capitalised three letters "Jui", "Jul"."""
    import datetime

    from django.utils import translation

    from wagtail_advocacy.recognition.queries import activity_chart

    weeks = [
        {"week": datetime.date(2026, 6, 29), "shares": 1, "clicks": 2},
        {"week": datetime.date(2026, 7, 6), "shares": 0, "clicks": 1},
    ]
    with translation.override("fr"):
        june, july = (group.label for group in activity_chart(weeks).groups)
    assert (june, july) == ("29 juin", "6 juil.")


def test_the_chart_colours_stand_out_from_the_page():
    """Bars are graphics people must see: at least 3:1 against the white page (WCAG 1.4.11)."""
    import re
    from pathlib import Path

    import wagtail_advocacy

    css = (
        Path(wagtail_advocacy.__file__).parent
        / "static/wagtail_advocacy/recognition/recognition.css"
    ).read_text()

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    fills = re.findall(r"\.advocacy-chart__(?:shares|clicks) \{ fill: #([0-9a-f]{6}); \}", css)
    assert len(fills) == 2
    for fill in fills:
        assert (1 + 0.05) / (luminance(fill) + 0.05) >= 3, fill
