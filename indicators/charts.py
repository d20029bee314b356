"""Series to SVG geometry: scales, ticks and points. Pure; templates draw them."""

import math
from dataclasses import dataclass
from decimal import Decimal


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values covering [low, high], about `count` of them."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high < low:
        low, high = high, low
    if high == low:
        spread = abs(high) or 1.0
        low, high = low - spread / 2, high + spread / 2
    raw_step = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    value: Decimal
    item: object = None


@dataclass(frozen=True)
class Tick:
    y: float
    value: float
    label: str


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

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def plot_right(self) -> int:
        return self.width - self.right


def format_tick(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def line_chart(
    series: list[tuple[str, Decimal, object]],
    *,
    width: int = 640,
    height: int = 280,
    left: int = 64,
    right: int = 16,
    top: int = 16,
    bottom: int = 48,
    zero_based: bool = True,
) -> LineChart:
    """Place (label, value, item) points on a chart with round y-axis ticks.

    With `zero_based`, the axis starts at zero when all values are positive,
    so a bar of growth is not exaggerated by a cropped axis.
    """
    values = [float(value) for _, value, _ in series]
    if values:
        low, high = min(values), max(values)
    else:
        low, high = 0.0, 1.0
    if zero_based and low > 0:
        low = 0.0
    ticks = nice_ticks(low, high)
    axis_low, axis_high = ticks[0], ticks[-1]
    span = (axis_high - axis_low) or 1.0
    plot_width = width - left - right
    plot_height = height - top - bottom

    def y_of(value: float) -> float:
        return top + plot_height * (1 - (value - axis_low) / span)

    count = len(series)
    points = [
        ChartPoint(
            x=left + (plot_width * (i / (count - 1)) if count > 1 else plot_width / 2),
            y=y_of(float(value)),
            label=label,
            value=value,
            item=item,
        )
        for i, (label, value, item) in enumerate(series)
    ]
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        ticks=[Tick(y=y_of(t), value=t, label=format_tick(t)) for t in ticks],
    )


def sparkline(values: list[Decimal], *, width: int = 120, height: int = 32) -> str:
    """Return the `points` attribute of an SVG polyline for a small trend line."""
    if not values:
        return ""
    floats = [float(v) for v in values]
    low, high = min(floats), max(floats)
    span = (high - low) or 1.0
    pad = 2
    if len(floats) == 1:
        y = height / 2
        return f"{pad},{y:.1f} {width - pad},{y:.1f}"
    step = (width - 2 * pad) / (len(floats) - 1)
    return " ".join(
        f"{pad + i * step:.1f},{pad + (height - 2 * pad) * (1 - (v - low) / span):.1f}"
        for i, v in enumerate(floats)
    )
