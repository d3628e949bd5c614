"""The geometry of a grouped bar chart: where its bars, y ticks and x labels go in a fixed
SVG viewBox, so that no two labels overlap. Pure arithmetic on numbers and strings, it knows
no domain, so it lives in the kernel, where any domain may draw a chart with it (recognition's
"My impact" chart builds on it in ``recognition.queries.activity_chart``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# In SVG user units: a chart is drawn in a fixed viewBox and scaled to its box (phone or
# desktop alike), so what does not overlap here never does.
CHART_WIDTH = 360
CHART_PLOT_HEIGHT = 130
CHART_FONT_SIZE = 11
# A generous average glyph width, in ems, to estimate a label's width without a font.
GLYPH_EM = 0.6


@dataclass(frozen=True)
class ChartBar:
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class ChartGroup:
    """One slot of the chart (a week): its bars, one per series, and its x label, written
    only when ``show_label`` (every ``label_every`` slots, always the last one)."""

    label: str
    label_x: float
    show_label: bool
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class ChartTick:
    value: int
    y: float


@dataclass(frozen=True)
class BarChart:
    """Where everything of a grouped bar chart goes, in a ``width`` x ``height`` viewBox.

    The plot is the box from (``left``, ``top``) to (``right``, ``bottom``); y tick labels
    end at ``tick_x``, x labels sit on ``label_y``. ``peak`` is the axis' top value."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    font_size: int
    tick_x: float
    label_y: float
    label_every: int
    peak: int
    ticks: tuple[ChartTick, ...]
    groups: tuple[ChartGroup, ...]


def text_width(text: str, font_size: float = CHART_FONT_SIZE) -> float:
    """An upper estimate of the width ``text`` takes, in the units of ``font_size``."""
    return len(text) * font_size * GLYPH_EM


def round_ticks(peak: int, most: int = 4) -> list[int]:
    """Round values for a y axis from 0 to at least ``peak``: a step of 1, 2 or 5 times a
    power of ten, so that at most ``most`` steps reach ``peak`` (0 to 1 when ``peak`` is 0)."""
    peak = max(int(peak), 1)
    exponent = 0
    while True:
        for multiple in (1, 2, 5):
            step = multiple * 10**exponent
            steps = math.ceil(peak / step)
            if steps <= most:
                return [n * step for n in range(steps + 1)]
        exponent += 1


def bar_chart_geometry(
    values: Sequence[Sequence[int]],
    labels: Sequence[str],
    *,
    width: float = CHART_WIDTH,
    plot_height: float = CHART_PLOT_HEIGHT,
    font_size: int = CHART_FONT_SIZE,
) -> BarChart:
    """The geometry of a grouped bar chart: ``values[i]`` are the bars of slot ``i`` (one
    per series), ``labels[i]`` its x label. Pure: no database, no template.

    The y axis runs from 0 to a round value at or above the highest bar
    (:func:`round_ticks`); the x labels are written every ``label_every`` slots, counted
    back from the last one, so that no two of them overlap, however many slots there are.
    """
    if len(values) != len(labels):
        raise ValueError("One label per group of values.")
    ticks = round_ticks(max((v for group in values for v in group), default=0))
    peak = ticks[-1]
    widest_label = max((text_width(label, font_size) for label in labels), default=0)
    widest_tick = text_width(str(peak), font_size)
    gap = font_size / 2  # the least space between two x labels, or a tick label and the axis
    # Room for the tick labels on the left and for half a label (centred on its slot) on
    # either side, so that no label leaves the viewBox.
    left = math.ceil(max(widest_tick + gap, widest_label / 2))
    right = width - math.ceil(max(gap, widest_label / 2))
    top = font_size  # half a tick label above the highest gridline
    bottom = top + plot_height
    slot = (right - left) / max(len(values), 1)
    label_every = max(1, math.ceil((widest_label + gap) / slot))
    last = len(values) - 1
    inner = slot * 0.76  # the bars of a slot, centred, with space between slots

    def y_of(value):
        return round(bottom - value * plot_height / peak, 1)

    groups = []
    for index, (group, label) in enumerate(zip(values, labels, strict=True)):
        start = left + index * slot + (slot - inner) / 2
        bar_width = inner / max(len(group), 1)
        bars = tuple(
            ChartBar(
                value=value,
                x=round(start + number * bar_width, 1),
                y=y_of(value),
                width=round(bar_width * 0.9, 1),
                height=round(bottom - y_of(value), 1),
            )
            for number, value in enumerate(group)
        )
        groups.append(
            ChartGroup(
                label=label,
                label_x=round(left + (index + 0.5) * slot, 1),
                show_label=(last - index) % label_every == 0,
                bars=bars,
            )
        )
    return BarChart(
        width=width,
        height=bottom + font_size + gap + 4,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        font_size=font_size,
        tick_x=left - gap,
        label_y=bottom + font_size + gap / 2,
        label_every=label_every,
        peak=peak,
        ticks=tuple(ChartTick(value=value, y=y_of(value)) for value in ticks),
        groups=tuple(groups),
    )
