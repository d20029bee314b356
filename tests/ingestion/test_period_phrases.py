"""Period phrases of plans and reports: relative years, as-of dates, plan periods,
and deadlines that date a target rather than a figure."""

import datetime

import pytest

from indicators.ingestion import periods
from indicators.ingestion.periods import PeriodMatch, YearContext, find_periods

D = datetime.date
DECEMBER = YearContext(year=2023, held_on=D(2023, 12, 12))
JANUARY = YearContext(year=2024, held_on=D(2024, 1, 9))


def only(sentence, context=DECEMBER):
    (match,) = [m for m in find_periods(sentence, context) if not m.comparison]
    return match


def dates(sentence, context=DECEMBER):
    period = only(sentence, context).period
    return period.start, period.end, period.label


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        (
            "Freight volume hit a record this year.",
            DECEMBER,
            (D(2023, 1, 1), D(2023, 12, 31), "2023"),
        ),
        (
            "Freight volume hit a record last year.",
            DECEMBER,
            (D(2022, 1, 1), D(2022, 12, 31), "2022"),
        ),
        (
            "Freight volume hit a record last year.",
            JANUARY,
            (D(2023, 1, 1), D(2023, 12, 31), "2023"),
        ),
        (
            "Orders for the fourth quarter of this year are already strong.",
            JANUARY,
            (D(2024, 10, 1), D(2024, 12, 31), "2024 Q4"),
        ),
    ],
)
def test_periods_this_and_last_year_count_from_the_announcement_date(
    sentence, context, expected
):
    assert dates(sentence, context) == expected


def test_periods_by_the_end_of_a_month_run_from_january_and_say_so():
    match = only("By the end of November, 5,200 charging piles had been built.")

    assert (match.period.start, match.period.end) == (D(2023, 1, 1), D(2023, 11, 30))
    assert match.period.label == "Jan–Nov 2023 (cumulative)"
    assert not match.is_target


@pytest.mark.parametrize(
    "sentence",
    [
        "During the 14th Five-Year Plan period (2021-2025), 40 airports will be built.",
        "During the 14th Five-Year Plan period, 40 airports will be built.",
        "Under the Fourteenth Five-Year Plan (2021–2025) period, airports expand.",
    ],
)
def test_periods_the_14th_five_year_plan_is_2021_to_2025(sentence):
    assert dates(sentence) == (D(2021, 1, 1), D(2025, 12, 31), "2021–2025")


@pytest.mark.parametrize(
    ("plan", "first", "last"),
    [("13th", 2016, 2020), ("14th", 2021, 2025), ("15th", 2026, 2030)],
)
def test_periods_five_year_plans_without_years_have_their_own(plan, first, last):
    start, end, _label = dates(f"Rail lines grew in the {plan} Five-Year Plan period.")

    assert (start, end) == (D(first, 1, 1), D(last, 12, 31))


def test_periods_the_first_three_quarters_are_january_to_september():
    assert dates("In the first three quarters, exports grew 3 percent.") == (
        D(2023, 1, 1),
        D(2023, 9, 30),
        "2023 Q1–Q3",
    )


def test_periods_the_first_two_months_are_january_and_february():
    assert dates("The first two months of 2024 saw brisk sales.") == (
        D(2024, 1, 1),
        D(2024, 2, 29),
        "Jan–Feb 2024",
    )


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("By 2025, green buses will make up 80 percent of the fleet.", 2025),
        ("By the end of 2025, the city will have 300 parks.", 2025),
        ("We aim to plant 10,000 trees by 2027.", 2027),
        ("By the end of this year, the share is to reach 60 percent.", 2023),
        ("The target for 2030 is 1,000 kilometres of cycle lanes.", 2030),
        ("All old bridges are to be repaired no later than 2026.", 2026),
    ],
)
def test_periods_a_deadline_is_a_target_not_an_observation(sentence, year):
    match = only(sentence)

    assert match.is_target
    assert match.period.end == D(year, 12, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "By the end of 2022, 2.3 million base stations had been built.",
        "Exports rose 5 percent in 2022.",
        "By the end of November, exports reached 3 trillion yuan.",
    ],
)
def test_periods_a_past_total_is_an_observation_not_a_target(sentence):
    assert not only(sentence).is_target


def test_periods_a_deadline_without_a_known_date_is_told_by_its_verb():
    match = only("By 2030, every village will have a clinic.", YearContext())

    assert match.is_target


def test_periods_matches_built_without_a_target_flag_are_observations():
    assert PeriodMatch(0, 4, None).is_target is False


@pytest.mark.parametrize(
    "sentence",
    [
        "HONG KONG, October 16, 2024 -- Some 172 000 flats will be built.",
        "SINGAPORE, 10 September 2024 -- Employers added 12 300 jobs.",
        "BEIJING, July 19 (Xinhua) -- Output rose 5 percent.",
    ],
)
def test_periods_a_dateline_is_when_the_text_was_filed_not_a_period(sentence):
    assert find_periods(sentence, DECEMBER) == []


def test_periods_the_period_after_a_dateline_is_the_one_the_news_states():
    sentence = "NINGBO, May 8, 2024 -- The port handled 9 million containers in 2023."

    assert dates(sentence)[2] == "2023"


def test_periods_skipping_patterns_by_their_words_finds_what_running_all_finds(
    monkeypatch,
):
    sentences = [
        "From January to June, revenue rose; in H1 2024 and Q3 it fell.",
        "By the end of November, so far this year, the first three quarters.",
        "During the 14th Five-Year Plan period (2021-2025) and since 2019.",
        "In the first half of last year and in the same year, the first two months.",
        "Output grew last month, in the fourth quarter of 2023 and in 2022-2024.",
    ]
    skipped = [find_periods(s, DECEMBER) for s in sentences]
    monkeypatch.setattr(periods, "_may_match", lambda *args: True)

    every = [find_periods(s, DECEMBER) for s in sentences]

    assert skipped == every
    assert all(skipped)
