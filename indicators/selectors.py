"""Composite reads for pages and the API, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from .models import Indicator, Observation


@dataclass
class IndicatorCard:
    indicator: Indicator
    series: list[Observation] = field(default_factory=list)

    @property
    def latest(self) -> Observation | None:
        return self.series[-1] if self.series else None


def current_series(indicators, *, as_of=None) -> dict[int, list[Observation]]:
    """Return {indicator id: current observations in period order}, in one query."""
    observations = (
        Observation.objects.current(as_of=as_of)
        .filter(indicator__in=[indicator.pk for indicator in indicators])
        .select_related("indicator", "announcement")
        .series_order()
    )
    series = defaultdict(list)
    for observation in observations:
        series[observation.indicator_id].append(observation)
    return series


def key_indicator_cards(limit: int = 8) -> list[IndicatorCard]:
    """Return the home page's indicator cards: key indicators with their series."""
    indicators = list(Indicator.objects.public().filter(is_key=True)[:limit])
    series = current_series(indicators)
    return [
        IndicatorCard(indicator, series.get(indicator.pk, []))
        for indicator in indicators
    ]
