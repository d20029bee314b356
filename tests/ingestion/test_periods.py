"""Period phrases: dates and labels, with the year from the announcement."""

import datetime

import pytest

from indicators.ingestion.periods import (
    YearContext,
    canonical_label,
    find_date,
    find_periods,
)

D = datetime.date
CONTEXT = YearContext(year=2022, held_on=D(2022, 7, 19))


def period(phrase, context=CONTEXT):
    matches = [m for m in find_periods(phrase, context) if not m.comparison]
    assert len(matches) == 1, matches
    p = matches[0].period
    return p.start, p.end, p.label


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("from January to June", (D(2022, 1, 1), D(2022, 6, 30), "Jan–Jun 2022")),
        ("in the first half of the year", (D(2022, 1, 1), D(2022, 6, 30), "2022 H1")),
        ("in the second quarter", (D(2022, 4, 1), D(2022, 6, 30), "2022 Q2")),
        ("last year", (D(2021, 1, 1), D(2021, 12, 31), "2021")),
        ("in 2021", (D(2021, 1, 1), D(2021, 12, 31), "2021")),
        ("January-March", (D(2022, 1, 1), D(2022, 3, 31), "Jan–Mar 2022")),
        (
            "between January and May 2021",
            (D(2021, 1, 1), D(2021, 5, 31), "Jan–May 2021"),
        ),
        ("in the first five months", (D(2022, 1, 1), D(2022, 5, 31), "Jan–May 2022")),
        (
            "in the first three quarters of 2021",
            (D(2021, 1, 1), D(2021, 9, 30), "2021 Q1–Q3"),
        ),
        ("in June", (D(2022, 6, 1), D(2022, 6, 30), "Jun 2022")),
        # As-of dates count from January: labelled as running totals.
        (
            "by the end of June",
            (D(2022, 1, 1), D(2022, 6, 30), "Jan–Jun 2022 (cumulative)"),
        ),
        (
            "as of June 30, 2022",
            (D(2022, 1, 1), D(2022, 6, 30), "Jan–Jun 2022 (cumulative)"),
        ),
        ("in the first half of 2021", (D(2021, 1, 1), D(2021, 6, 30), "2021 H1")),
        ("Q3 2021", (D(2021, 7, 1), D(2021, 9, 30), "2021 Q3")),
        (
            "during the 14th Five-Year Plan period",
            (D(2021, 1, 1), D(2025, 12, 31), "2021–2025"),
        ),
        (
            "since the beginning of this year",
            (D(2022, 1, 1), D(2022, 7, 19), "2022 to date"),
        ),
    ],
)
def test_period_phrases(phrase, expected):
    assert period(phrase) == expected


def test_a_quarter_that_lies_well_ahead_is_last_years():
    context = YearContext(year=2023, held_on=D(2023, 1, 12))

    assert period("in the fourth quarter", context)[:2] == (
        D(2022, 10, 1),
        D(2022, 12, 31),
    )


def test_a_base_of_comparison_is_not_a_period_of_a_figure():
    matches = find_periods("up 8.3 percent over the same period last year", CONTEXT)

    assert [m.comparison for m in matches] == [True]


def test_may_the_verb_is_not_a_month():
    assert find_periods("Prices may rise in the coming weeks.", CONTEXT) == []


def test_a_phrase_without_a_known_year_has_no_dates():
    (match,) = find_periods("in the second quarter", YearContext())

    assert match.period is None


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (D(2022, 1, 1), D(2022, 12, 31), "2022"),
        (D(2022, 7, 1), D(2022, 12, 31), "2022 H2"),
        (D(2022, 10, 1), D(2022, 12, 31), "2022 Q4"),
        (D(2022, 3, 1), D(2022, 3, 31), "Mar 2022"),
        (D(2022, 1, 1), D(2022, 8, 31), "Jan–Aug 2022"),
        (D(2021, 1, 1), D(2025, 12, 31), "2021–2025"),
    ],
)
def test_canonical_labels(start, end, label):
    assert canonical_label(start, end) == label


def test_dates_found_at_the_top_of_a_text():
    assert find_date("BEIJING, July 19, 2022 (Xinhua) -- text") == D(2022, 7, 19)
    assert find_date("Release time: 2023-04-18 10:00") == D(2023, 4, 18)
    assert find_date("19 July 2022") == D(2022, 7, 19)
    assert find_date("No date here, only 2022.") is None
