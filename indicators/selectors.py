"""Composite reads for pages and the API, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F

from .models import Indicator, Observation, PolicyAction


@dataclass
class IndicatorCard:
    """An indicator with its current series, oldest period first."""

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


@dataclass
class TopicGroup:
    topic: object  # a Topic, or None for indicators filed under no topic
    cards: list[IndicatorCard]


def indicator_groups() -> list[TopicGroup]:
    """Return every public indicator with its series, grouped by topic, in 2 queries."""
    indicators = list(
        Indicator.objects.public()
        .select_related("topic")
        .order_by(F("topic__name").asc(nulls_last=True), "topic_id", "name", "id")
    )
    series = current_series(indicators)
    groups: list[TopicGroup] = []
    for indicator in indicators:
        card = IndicatorCard(indicator, series.get(indicator.pk, []))
        if groups and groups[-1].topic == indicator.topic:
            groups[-1].cards.append(card)
        else:
            groups.append(TopicGroup(indicator.topic, [card]))
    return groups


@dataclass
class SeriesRow:
    """One row of an indicator's table: a figure as one text stated it."""

    observation: Observation
    # "current"; "revised" (a later text gave another figure for the period);
    # or "restated" (a later text repeated the same figure).
    state: str
    replaced_by: Observation | None = None

    @property
    def is_current(self) -> bool:
        return self.state == "current"


@dataclass
class IndicatorSeries:
    rows: list[SeriesRow]

    @property
    def current(self) -> list[Observation]:
        """Return the current figure of each period, in period order."""
        return [row.observation for row in self.rows if row.is_current]

    @property
    def sources(self):
        """Return the announcements cited, most recently held first, once each."""
        seen = {}
        for row in self.rows:
            seen.setdefault(
                row.observation.announcement_id, row.observation.announcement
            )
        return sorted(seen.values(), key=lambda a: (a.held_on, a.pk), reverse=True)


def indicator_series(indicator: Indicator) -> IndicatorSeries:
    """Return every public figure of `indicator`, each marked current or replaced.

    One query: the current series is the rows no later text superseded.
    """
    observations = list(
        Observation.objects.public()
        .filter(indicator=indicator)
        .select_related("announcement", "indicator")
        .with_revision_flags()
        .series_order()
    )
    current = {
        (o.period_start, o.period_end): o for o in observations if not o.is_superseded
    }
    rows = []
    for observation in observations:
        if not observation.is_superseded:
            rows.append(SeriesRow(observation, "current"))
            continue
        newer = current.get((observation.period_start, observation.period_end))
        same = newer is not None and (newer.value, newer.qualifier) == (
            observation.value,
            observation.qualifier,
        )
        rows.append(SeriesRow(observation, "restated" if same else "revised", newer))
    return IndicatorSeries(rows)


@dataclass
class StatusGroup:
    status: PolicyAction.Status
    actions: list[PolicyAction]

    @property
    def count(self) -> int:
        return len(self.actions)


def actions_by_status(actions) -> list[StatusGroup]:
    """Return one group per status, in the order of the choices, empty ones too."""
    grouped = {status: [] for status in PolicyAction.Status}
    for action in actions:
        grouped[PolicyAction.Status(action.status)].append(action)
    return [StatusGroup(status, items) for status, items in grouped.items()]
