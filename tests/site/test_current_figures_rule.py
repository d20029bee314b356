"""Pages choose current figures in Python; the API asks the database. Same rule.

The indicator pages, cards and an announcement's figures read every public
statement of a period and pick the current one themselves
(`indicators.selectors.current_statements`); the API's `current()` and
`with_revision_flags()` decide it in SQL. These tests build tangled series
(restatements on the same day, repeated and changed values, hidden texts)
and require both to agree.
"""

import datetime
import random
from decimal import Decimal

import pytest

from indicators.models import Observation
from indicators.selectors import (
    current_series,
    figures_of,
    indicator_cards,
    indicator_series,
    latest_figures,
)
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    hidden_announcements,
)

pytestmark = pytest.mark.django_db

DAYS = [
    datetime.date(2024, 4, 2),
    datetime.date(2024, 7, 15),
    datetime.date(2024, 10, 9),
]
PERIODS = [
    (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31), "2024 Q1"),
    (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30), "2024 Q2"),
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31), "2023"),
]


def tangled_series(seed: int):
    """Return two indicators stated by texts of three days, two texts a day."""
    rng = random.Random(seed)
    public = [AnnouncementFactory(published=True, held_on=day) for day in DAYS * 2]
    hidden = hidden_announcements()
    for text in hidden:
        text.held_on = DAYS[-1]
        text.save()
    indicators = [IndicatorFactory(), IndicatorFactory()]
    for indicator in indicators:
        for start, end, label in PERIODS:
            for text in rng.sample(public + hidden, rng.randint(1, 5)):
                ObservationFactory(
                    indicator=indicator,
                    announcement=text,
                    period_start=start,
                    period_end=end,
                    period_label=label,
                    value=Decimal(rng.choice(["5.5", "5.3"])),
                    qualifier=rng.choice(["exact", "about"]),
                )
    return indicators, public


def sql_current(indicator, as_of=None) -> list[int]:
    return list(
        Observation.objects.current(as_of=as_of)
        .filter(indicator=indicator)
        .series_order()
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize("seed", range(6))
def test_pages_and_api_call_the_same_figures_current(seed):
    indicators, _texts = tangled_series(seed)
    cards = {card.indicator.pk: card for card in indicator_cards(indicators)}
    for indicator in indicators:
        expected = sql_current(indicator)
        series = indicator_series(indicator)
        assert [o.pk for o in series.current] == expected
        assert [point.pk for point in cards[indicator.pk].series] == expected
        values = dict(Observation.objects.values_list("pk", "value"))
        assert [point.value for point in cards[indicator.pk].series] == [
            float(values[pk]) for pk in expected
        ]
        assert [o.pk for o in current_series([indicator])[indicator.pk]] == expected
        latest = latest_figures([indicator]).get(indicator.pk)
        assert (latest and latest.pk) == (expected[-1] if expected else None)


@pytest.mark.parametrize("seed", range(6))
def test_pages_and_api_flag_the_same_figures_as_revisions(seed):
    indicators, _texts = tangled_series(seed)
    for indicator in indicators:
        flags = dict(
            Observation.objects.public()
            .filter(indicator=indicator)
            .with_revision_flags()
            .values_list("pk", "is_revision")
        )
        rows = indicator_series(indicator).rows
        assert {
            row.observation.pk: row.observation.is_revision for row in rows
        } == flags


@pytest.mark.parametrize("seed", range(6))
def test_a_series_as_it_stood_on_a_date_matches_the_api(seed):
    indicators, _texts = tangled_series(seed)
    as_of = DAYS[1]
    for indicator in indicators:
        series = current_series([indicator], as_of=as_of).get(indicator.pk, [])
        assert [o.pk for o in series] == sql_current(indicator, as_of=as_of)


@pytest.mark.parametrize("seed", range(6))
def test_an_announcements_figures_name_the_figure_that_revised_them(seed):
    indicators, texts = tangled_series(seed)
    current = set(
        Observation.objects.current()
        .filter(indicator__in=indicators)
        .values_list("pk", flat=True)
    )
    for text in texts:
        for figure in figures_of(text):
            if figure.revised_by is not None:
                assert figure.revised_by.pk in current
                assert (figure.revised_by.value, figure.revised_by.qualifier) != (
                    figure.value,
                    figure.qualifier,
                )
            else:
                # Not revised: it is current, or the current one says the same.
                rival = Observation.objects.get(
                    pk__in=current,
                    indicator=figure.indicator,
                    period_start=figure.period_start,
                    period_end=figure.period_end,
                )
                assert (rival.value, rival.qualifier) == (
                    figure.value,
                    figure.qualifier,
                )
