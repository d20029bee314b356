"""Composite reads for pages and the API, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from django.db.models import F, FloatField
from django.db.models.functions import Cast

from announcements.querysets import SOURCE_TEXT_DEFERRED
from core.cache import shows
from core.i18n import named_with_all, with_translations
from core.paging import first_rows

from .models import Indicator, Observation, PolicyAction


@dataclass
class IndicatorCard:
    """An indicator with its current series, oldest period first.

    `series` holds light points (`.value`, a float) for sparklines and
    counts; `latest` is the last one as an Observation.
    """

    indicator: Indicator
    series: list = field(default_factory=list)
    latest: Observation | None = None


class SeriesPoint(NamedTuple):
    pk: int
    value: float
    period_end: object = None  # a date: where a sparkline puts the point


def indicator_cards(indicators) -> list[IndicatorCard]:
    """Return a card per indicator with its current series, in two queries.

    The series are read as bare tuples: a page of cards holds thousands of
    figures, and building a model object for each cost most of the page.
    Only each series' last figure is then read whole.
    """
    indicators = list(indicators)
    statements = (
        Observation.objects.public()
        .filter(indicator__in=[indicator.pk for indicator in indicators])
        # Each series in period order as observation_series_idx holds it
        # (SQLite then reads it without a sort). Restatements of a period need
        # no order among themselves: current_statements compares their vintages.
        .order_by("indicator", "period_end", "period_start")
        # Sparklines draw floats: no exact Decimal is built for each point.
        .annotate(point=Cast("value", FloatField()))
        .values_list(
            "pk",
            "indicator_id",
            "period_start",
            "period_end",
            "announcement__held_on",
            "announcement_id",
            "point",
        )
    )
    current = current_statements(
        statements, period=itemgetter(1, 2, 3), vintage=itemgetter(4, 5)
    )
    series = defaultdict(list)
    for pk, indicator_id, _start, end, *_vintage, point in current.values():
        series[indicator_id].append(SeriesPoint(pk, point, end))
    last_keys = [points[-1].pk for points in series.values()]
    latest = {
        observation.indicator_id: observation
        for observation in Observation.objects.filter(pk__in=last_keys).only(
            *CARD_FIELDS
        )
    }
    cards = []
    for indicator in indicators:
        last = latest.get(indicator.pk)
        if last is not None:
            last.indicator = indicator
        cards.append(IndicatorCard(indicator, series.get(indicator.pk, []), last))
    return cards


def current_statements(statements, *, period, vintage) -> dict:
    """Return {period: its current statement}, periods in order of first appearance.

    The rule of `ObservationQuerySet.current()`, applied to statements already
    read: of the public statements of one indicator and period, the current
    one is the latest vintage (the text held last; on the same day, the later
    text). Reading every public statement of a few indicators and choosing
    here costs less than the database's search for a later restatement of
    each row. `period` and `vintage` say where a statement keeps them.
    """
    current = {}
    for statement in statements:
        key = period(statement)
        rival = current.get(key)
        if rival is None or vintage(statement) > vintage(rival):
            current[key] = statement
    return current


# What a card or sparkline shows of a figure; its source text is not read.
CARD_FIELDS = [
    "indicator",
    "period_start",
    "period_end",
    "period_label",
    "value",
    "qualifier",
    "quality",
    "announcement",
]


def current_series(indicators, *, as_of=None) -> dict[int, list[Observation]]:
    """Return {indicator id: current observations in period order}, in one query.

    With `as_of`, as the series stood on that date. Each observation gets the
    very indicator object passed in, instead of a copy per row from a join.
    """
    by_pk = {indicator.pk: indicator for indicator in indicators}
    statements = (
        Observation.objects.public()
        .known_on(as_of)
        .filter(indicator__in=list(by_pk))
        .only(*CARD_FIELDS)
        .annotate(source_held_on=F("announcement__held_on"))
        .series_order()
    )
    current = current_statements(statements, period=period_of, vintage=vintage_of)
    series = defaultdict(list)
    for observation in current.values():
        observation.indicator = by_pk[observation.indicator_id]
        series[observation.indicator_id].append(observation)
    return series


def period_of(observation) -> tuple:
    return (observation.indicator_id, observation.period_start, observation.period_end)


def vintage_of(observation) -> tuple:
    """Return what orders restatements: the text's date, then its id."""
    held_on = getattr(observation, "source_held_on", None)
    if held_on is None:
        held_on = observation.announcement.held_on
    return (held_on, observation.announcement_id)


def latest_figures(indicators) -> dict[int, Observation]:
    """Return {indicator id: its current figure of the latest period}, in two queries.

    Cheaper than `current_series` where only the latest value shows. Each
    indicator's public statements come as bare keys, latest period first and,
    within a period, latest vintage first (the rule of `current_statements`,
    as an order; tests/site/test_current_figures_rule.py holds them to the
    same answer): the first of each indicator is the one, then read whole.
    """
    statements = (
        Observation.objects.public()
        .filter(indicator__in=[indicator.pk for indicator in indicators])
        .order_by(
            "indicator",
            "-period_end",
            "-period_start",
            "-announcement__held_on",
            "-announcement_id",
        )
        .values_list("indicator", "pk")
    )
    latest_keys = {}
    for indicator_id, pk in statements:
        latest_keys.setdefault(indicator_id, pk)
    observations = (
        Observation.objects.filter(pk__in=latest_keys.values())
        .select_related("indicator", "announcement")
        .defer(*SOURCE_TEXT_DEFERRED)
    )
    return {observation.indicator_id: observation for observation in observations}


def key_indicator_cards(limit: int = 8) -> list[IndicatorCard]:
    """Return the home page's indicator cards: key indicators with their series."""
    return indicator_cards(Indicator.objects.public().filter(is_key=True)[:limit])


@dataclass
class TopicGroup:
    topic: object  # a Topic, or None for indicators filed under no topic
    cards: list[IndicatorCard]


def public_indicators_by_topic():
    """Return public indicators ordered for the list: by topic, then name."""
    return (
        Indicator.objects.public()
        .select_related("topic")
        .order_by(F("topic__name").asc(nulls_last=True), "topic_id", "name", "id")
    )


def indicator_groups(indicators) -> list[TopicGroup]:
    """Return `indicators` (one page, in topic order) with their series, by topic.

    One query for the series, whatever the number of indicators.
    """
    groups: list[TopicGroup] = []
    for card in indicator_cards(indicators):
        indicator = card.indicator
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

    One query for the whole series; which figure is current, and which is a
    revision of an earlier one, is decided here among the rows read (every
    restatement of a period is among them), as `with_revision_flags` would.
    """
    observations = list(
        Observation.objects.public()
        .filter(indicator=indicator)
        .select_related("announcement")
        .defer(*SOURCE_TEXT_DEFERRED)
        .series_order()
    )
    current = current_statements(observations, period=period_of, vintage=vintage_of)
    earlier = defaultdict(list)
    for observation in sorted(observations, key=vintage_of):
        observation.indicator = indicator
        key = period_of(observation)
        # A revision changes what an earlier text said; a restatement repeats it.
        observation.is_revision = any(
            not observation.states_same_figure_as(older) for older in earlier[key]
        )
        earlier[key].append(observation)
    rows = []
    for observation in observations:
        newer = current[period_of(observation)]
        if newer is observation:
            rows.append(SeriesRow(observation, "current"))
            continue
        same = newer.states_same_figure_as(observation)
        rows.append(SeriesRow(observation, "restated" if same else "revised", newer))
    return IndicatorSeries(rows)


@dataclass
class StatusGroup:
    status: PolicyAction.Status
    actions: list[PolicyAction]
    # Actions of this status in the whole (filtered) tracker, not just the page.
    total: int = 0

    @property
    def count(self) -> int:
        return self.total


def actions_by_status(actions, totals: dict[str, int]) -> list[StatusGroup]:
    """Return one group per status, in the order of the choices, empty ones too.

    `actions` is one page of the tracker; `totals` counts each status over
    all pages (from `PolicyActionQuerySet.status_counts`).
    """
    grouped = {status: [] for status in PolicyAction.Status}
    for action in actions:
        grouped[PolicyAction.Status(action.status)].append(action)
    return [
        StatusGroup(status, items, totals.get(status, 0))
        for status, items in grouped.items()
    ]


# --- What other pages show of figures and actions (template helpers) ---------


def figures_of(announcement):
    """Return the text's figures, each revised one with `revised_by` set.

    `revised_by` is the current observation of the same period when a later
    text changed the value or its qualifier; a plain restatement is no revision.
    The current one is the statement from the most recently held public text.
    """
    # A translation states its original's figures: they are recorded once,
    # against the original, and shown on every version.
    stated_in = announcement.translation_of_id or announcement.pk
    statements = list(
        Observation.objects.sharing_periods_with(stated_in)
        .select_related("indicator", "announcement")
        .only(*with_translations(Observation, FIGURE_FIELDS))
    )
    figures = [s for s in statements if s.announcement_id == stated_in]
    current = current_statements(
        (s for s in statements if s.announcement.is_public),
        period=period_of,
        vintage=vintage_of,
    )
    for figure in figures:
        if stated_in == announcement.pk:
            figure.announcement = announcement
        newer = current.get(period_of(figure))
        changed = (
            newer is not None
            and vintage_of(newer) > vintage_of(figure)
            and not newer.states_same_figure_as(figure)
        )
        figure.revised_by = newer if changed else None
    figures.sort(key=lambda f: (f.indicator.name, f.period_start, f.period_end))
    # A later figure of the same period changes its indicator's key.
    shows(
        *{figure.indicator for figure in figures},
        *{figure.revised_by.announcement for figure in figures if figure.revised_by},
    )
    return figures


# What the figures table shows of a figure (what a card shows), of its
# indicator and, for a revised one, of the text that revised it; and what
# tells whether that text is public.
FIGURE_FIELDS = [
    *CARD_FIELDS,
    "quote",
    "indicator__name",
    "indicator__slug",
    "indicator__unit",
    "indicator__decimals",
    "announcement__title",
    "announcement__slug",
    "announcement__held_on",
    "announcement__status",
    "announcement__published_at",
    # Which version of that text a reader is sent to (announcements'
    # `versions_for_reader`).
    "announcement__language",
    "announcement__translation_of",
]


def actions_of(announcement):
    """Return the actions announced in the text, numbered "2 of 5"."""
    actions = list(
        PolicyAction.objects.filter(announcement=announcement).order_by("ordinal")
    )
    for action in actions:
        action.sibling_count = len(actions)
    shows(*actions)
    return actions


TOPIC_PAGE_LIMIT = 10


def indicators_named(words, limit: int = TOPIC_PAGE_LIMIT):
    """Return (public indicators named with every word, in any language; more?)."""
    shows(Indicator)
    if not words:
        return [], False
    return first_rows(
        named_with_all(Indicator.objects.public(), words).order_by("name", "id"),
        limit,
    )


def topic_indicators(topic, limit: int = TOPIC_PAGE_LIMIT):
    """Return ([(indicator, its latest figure)], whether there are more)."""
    shows(Indicator)
    indicators, more = first_rows(
        topic.indicators.public().order_by("name", "id"), limit
    )
    latest = latest_figures(indicators)
    return [(indicator, latest.get(indicator.pk)) for indicator in indicators], more


def topic_actions(topic, limit: int = TOPIC_PAGE_LIMIT):
    """Return (the topic's newest public actions, whether there are more)."""
    shows(PolicyAction)
    return first_rows(
        PolicyAction.objects.public()
        .filter(topics=topic)
        .select_related("announcement")
        .defer(*SOURCE_TEXT_DEFERRED)
        .order_by("-announcement__held_on", "-announcement_id", "ordinal"),
        limit,
    )
