"""Series to SVG geometry: scales, ticks and points. Pure; templates draw them."""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal


def nice_ticks(
    low: float, high: float, count: int = 5, *, integer: bool = False
) -> list[float]:
    """Return round tick values covering [low, high], about `count` of them.

    With `integer`, every tick is a whole number (ranks, counts of projects).
    """
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high < low:
        low, high = high, low
    # A range too narrow to divide (equal values, or a float underflow) is
    # drawn as a band around the value instead.
    if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):
        # Figures are stored to six decimal places: no band is narrower.
        spread = max(abs(high), 1e-6) if high else 1.0
        low, high = low - spread / 2, high + spread / 2
    raw_step = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    multipliers = (1, 2, 2.5, 5, 10)
    if integer:
        # 2.5 times a power of ten below 10 is not a whole number.
        multipliers = tuple(m for m in multipliers if (m * magnitude) % 1 == 0)
    step = next(
        (m * magnitude for m in multipliers if m * magnitude >= raw_step),
        10 * magnitude,
    )
    if integer:
        step = max(step, 1.0)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def format_ticks(ticks: list[float], suffix: str = "") -> list[str]:
    """Return tick labels with the same number of decimals, enough to tell apart."""
    if len(ticks) > 1:
        step = min(abs(b - a) for a, b in zip(ticks, ticks[1:], strict=False))
    else:
        step = abs(ticks[0]) if ticks else 1.0
    decimals = max(0, -math.floor(math.log10(step))) if step else 0
    # A step of 2.5 or 0.25 needs one place more than its magnitude suggests.
    while decimals < 6 and any(
        not math.isclose(round(t, decimals), t, abs_tol=1e-12) for t in ticks
    ):
        decimals += 1
    return [f"{t:,.{decimals}f}{suffix}" for t in ticks]


def format_tick(value: float) -> str:
    """Return one tick label without trailing zeros."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    value: Decimal
    item: object = None
    show_label: bool = True
    # False where the value's label would overlap a later point's.
    show_value: bool = True


@dataclass(frozen=True)
class Tick:
    y: float
    value: float
    label: str


@dataclass(frozen=True)
class TimeTick:
    """A year on a time axis: its start at `x`, its label at `label_x`."""

    x: float | None
    label: str
    label_x: float | None = None


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[ChartPoint]
    ticks: list[Tick]
    inverted: bool = False
    # With dates, the x axis is a time scale: one tick a year (or fewer).
    time_ticks: list[TimeTick] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_middle_y(self) -> float:
        return (self.top + self.plot_bottom) / 2

    @property
    def label_y(self) -> int:
        return self.plot_bottom + 20


def _label_mask(count: int, max_labels: int) -> list[bool]:
    # Period labels such as "Jan–Jun 2022" collide when there are many; show
    # every n-th one counted back from the latest, which is always labelled.
    if count <= max_labels:
        return [True] * count
    every = math.ceil(count / max_labels)
    return [(count - 1 - i) % every == 0 for i in range(count)]


def line_chart(
    series: list[tuple[str, Decimal, object]],
    *,
    width: int = 640,
    height: int = 280,
    left: int = 80,
    right: int = 48,
    top: int = 28,
    bottom: int = 48,
    zero_based: bool = True,
    rank: bool = False,
    suffix: str = "",
    max_labels: int = 6,
    dates: list[datetime.date] | None = None,
) -> LineChart:
    """Place (label, value, item) points on a chart with round y-axis ticks.

    With `zero_based`, the axis includes zero, so growth is not exaggerated by
    a cropped axis. With `rank`, the axis runs from No. 1 at the top down, in
    whole numbers, because a smaller rank is the better one. With `dates` (one
    per point, in order), points stand on a true time axis: uneven gaps
    between periods stay uneven, and the axis is labelled by year.
    """
    values = [float(value) for _, value, _ in series]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if rank:
        ticks = nice_ticks(1.0, max(high + 1, 3.0), integer=True)
        ticks = sorted({max(t, 1.0) for t in ticks})
    else:
        if zero_based:
            low, high = min(low, 0.0), max(high, 0.0)
        ticks = nice_ticks(low, high)
    axis_low, axis_high = ticks[0], ticks[-1]
    span = (axis_high - axis_low) or 1.0
    plot_width = width - left - right
    plot_height = height - top - bottom

    def y_of(value: float) -> float:
        share = (value - axis_low) / span
        return top + plot_height * (share if rank else 1 - share)

    count = len(series)
    shown = _label_mask(count, max_labels)
    xs = [
        left + (plot_width * (i / (count - 1)) if count > 1 else plot_width / 2)
        for i in range(count)
    ]
    time_ticks = []
    if dates is not None and len(dates) == count and count > 1:
        xs, time_ticks = _time_axis(dates, left, plot_width)
        shown = [False] * count
    values_shown = _value_label_mask(xs, 64.0)
    points = [
        ChartPoint(
            x=xs[i],
            show_value=values_shown[i],
            y=y_of(float(value)),
            label=label,
            value=value,
            item=item,
            show_label=shown[i],
        )
        for i, (label, value, item) in enumerate(series)
    ]
    labels = format_ticks(ticks, suffix)
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        ticks=[
            Tick(y=y_of(t), value=t, label=label)
            for t, label in zip(ticks, labels, strict=True)
        ],
        inverted=rank,
        time_ticks=time_ticks,
    )


def _time_axis(dates, left: float, plot_width: float):
    """Return the x of each date on a time scale, and the year ticks."""
    first, last = min(dates), max(dates)
    # A margin of a tenth of the span each side keeps end points off the axes.
    span_days = max((last - first).days, 1)
    start = first - datetime.timedelta(days=span_days / 10)
    end = last + datetime.timedelta(days=span_days / 10)
    total = (end - start).days

    def x_of(day: datetime.date) -> float:
        return left + plot_width * (day - start).days / total

    # A tick where each year starts, the year's label in the middle of it (an
    # end-of-2021 figure stands at the end of the span labelled 2021).
    years = list(range(start.year, end.year + 1))
    every = math.ceil(len(years) / 8)
    ticks = []
    for n, year in enumerate(years):
        boundary = datetime.date(year, 1, 1)
        # The label sits in the middle of the part of the year shown, if
        # there is room for it.
        shown_from = max(boundary, start)
        shown_to = min(datetime.date(year, 12, 31), end)
        wide = x_of(shown_to) - x_of(shown_from) >= 36
        label = str(year) if n % every == 0 and wide else ""
        middle = shown_from + (shown_to - shown_from) / 2
        ticks.append(
            TimeTick(
                x_of(boundary) if boundary >= start else None,
                label,
                x_of(middle) if label else None,
            )
        )
    return [x_of(day) for day in dates], ticks


def _value_label_mask(xs: list[float], min_gap: float) -> list[bool]:
    # Counted back from the latest point, which is always labelled.
    shown, last = [False] * len(xs), None
    for i in range(len(xs) - 1, -1, -1):
        if last is None or abs(last - xs[i]) >= min_gap:
            shown[i], last = True, xs[i]
    return shown


def sparkline(
    values: list[Decimal],
    *,
    width: int = 120,
    height: int = 32,
    rank: bool = False,
    dates: list[datetime.date] | None = None,
) -> str:
    """Return the `points` attribute of an SVG polyline for a small trend line.

    With `rank`, smaller values are drawn higher: No. 1 is the top. With
    `dates` (one per value), points stand on a time scale.
    """
    if not values:
        return ""
    floats = [float(v) for v in values]
    low, high = min(floats), max(floats)
    span = (high - low) or 1.0
    pad = 2
    if len(floats) == 1:
        y = height / 2
        return f"{pad},{y:.1f} {width - pad},{y:.1f}"
    inner = width - 2 * pad
    if dates is not None and len(dates) == len(floats) and dates[-1] > dates[0]:
        days = (dates[-1] - dates[0]).days
        xs = [pad + inner * (d - dates[0]).days / days for d in dates]
    else:
        xs = [pad + inner * i / (len(floats) - 1) for i in range(len(floats))]

    def y_of(v: float) -> float:
        share = (v - low) / span
        return pad + (height - 2 * pad) * (share if rank else 1 - share)

    return " ".join(f"{x:.1f},{y_of(v):.1f}" for x, v in zip(xs, floats, strict=True))
