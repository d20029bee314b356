"""Figures in single sentences: the phrasings of the genre."""

import datetime
from decimal import Decimal

import pytest

from indicators.ingestion import extract

HELD_ON = datetime.date(2023, 7, 15)


def figures(sentence):
    return extract(f"A briefing\n\n{sentence}", held_on=HELD_ON).figures


def only(sentence):
    found = figures(sentence)
    assert len(found) == 1, [(f.value, f.unit, f.name) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "qualifier"),
    [
        (
            "Industrial output rose 4.4 percent year on year in June.",
            "4.4",
            "%",
            "exact",
        ),
        (
            "Some 1.2 million people were lifted out of poverty.",
            "1.2",
            "million people",
            "about",
        ),
        (
            "Nearly half of the small and medium-sized enterprises use cloud services.",
            "50",
            "%",
            "nearly",
        ),
        (
            "The government will invest RMB 3.5 billion in rural roads.",
            "3.5",
            "billion yuan",
            "exact",
        ),
        (
            "The total investment of the project is 2.4 billion US dollars.",
            "2.4",
            "billion US dollars",
            "exact",
        ),
        (
            "Sales reached $3.2bn last year.",
            "3.2",
            "billion dollars (currency not stated)",
            "exact",
        ),
        (
            "Grain output reached 686.53 million tonnes.",
            "686.53",
            "million tons",
            "exact",
        ),
        (
            "At least 60% of the funds will go to the western regions.",
            "60",
            "%",
            "at_least",
        ),
        ("Revenue was less than 500 million yuan.", "500", "million yuan", "less_than"),
        (
            "Up to 30,000 yuan per household will be provided.",
            "30000",
            "yuan per household",
            "up_to",
        ),
        (
            "Exports totalled approximately 3,000 containers.",
            "3000",
            "containers",
            "about",
        ),
        (
            "The number of 5G base stations reached 2.94 million.",
            "2.94",
            "million base stations",
            "exact",
        ),
        ("Investment exceeded 1 trillion yuan.", "1", "trillion yuan", "exceeded"),
        ("Coverage is under 40 percent in the west.", "40", "%", "less_than"),
        (
            "China has over 2.3 million base stations.",
            "2.3",
            "million base stations",
            "more_than",
        ),
        ("New capacity reached 90.36 GW.", "90.36", "GW", "exact"),
        ("The rate fell 0.5 percentage points.", "-0.5", "percentage points", "exact"),
    ],
)
def test_figure_value_unit_and_qualifier(sentence, value, unit, qualifier):
    figure = only(sentence)

    assert (figure.value, figure.unit, figure.qualifier) == (
        Decimal(value),
        unit,
        qualifier,
    )


def test_values_are_exact_decimals_as_written():
    figure = only("Revenue reached 408.45 billion yuan.")

    assert figure.value == Decimal("408.45")
    assert str(figure.value) == "408.45"


def test_a_change_is_signed_and_named_as_growth_of_its_measure():
    level, change = figures("Exports reached 2 trillion yuan, down 12.4% year on year.")

    assert level.name == "Exports"
    assert change.value == Decimal("-12.4")
    assert change.name == "Exports growth (year on year)"
    assert change.kind == "change"


def test_an_increase_of_over_the_same_period_last_year_is_year_on_year_growth():
    level, change = figures(
        "The total retail sales of consumer goods reached 22.8 trillion yuan, "
        "an increase of 8.2% over the same period last year."
    )

    assert change.name == "Total retail sales of consumer goods growth (year on year)"
    assert change.period is None  # "last year" is the comparison, not the period


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "name"),
    [
        (
            "China's digital economy has ranked second in the world.",
            2,
            "exact",
            "China's digital economy (world rank)",
        ),
        ("Its output ranks No. 1 nationwide.", 1, "exact", "Output (national rank)"),
        (
            "The firm is among the top three in global sales.",
            3,
            "up_to",
            "Firm (world rank)",
        ),
        ("China's exports held second place worldwide.", 2, "exact", None),
        ("China is the world's second-largest economy.", 2, "exact", None),
    ],
)
def test_ranks_have_unit_rank(sentence, value, qualifier, name):
    figure = only(sentence)

    assert (figure.value, figure.unit, figure.qualifier) == (
        Decimal(value),
        "rank",
        qualifier,
    )
    if name:
        assert figure.name == name


def test_a_rank_without_a_period_is_the_last_full_year():
    figure = only("Its digital economy has ranked second in the world for years.")

    assert (figure.period_start, figure.period_end) == (
        datetime.date(2022, 1, 1),
        datetime.date(2022, 12, 31),
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The 512 project of “5G + Industrial Internet” was advanced.",
        "5G and 4G networks now cover every county.",
        "In the first half of 2022, the work went well.",
        "The first is to strengthen research.",
        "The meeting was held on July 19 in Beijing.",
        "The 14th Five-Year Plan sets the course.",
        "Industry 4.0 and COVID-19 were discussed.",
        "The Fortune Global 500 list was published.",
        "It has ranked first for 12 consecutive years in the province.",
        "Officials met at 10:30 a.m. in Room 5.",
        "The ministry outlined five key tasks.",
        "Article 12 of the law applies.",
        "The C919 aircraft entered service in 2023.",
    ],
)
def test_numbers_that_name_things_are_not_figures(sentence):
    assert [(f.value, f.unit) for f in figures(sentence) if f.unit != "rank"] == []


def test_a_period_in_the_figures_own_clause_wins_over_the_paragraphs():
    text = (
        "A briefing\n\n"
        "In the first half of the year, output grew. "
        "There were 3,100 projects, including 700 new projects in the second quarter."
    )

    total, new = extract(text, held_on=HELD_ON).figures

    assert (total.period_label, total.period_start, total.period_end) == (
        "2023 H1",
        datetime.date(2023, 1, 1),
        datetime.date(2023, 6, 30),
    )
    assert new.period_label == "2023 Q2"


def test_paired_figures_respectively_split_their_subjects():
    first, second = figures(
        "Exports of goods and imports of services rose by 5.2% and 3.1% respectively."
    )

    assert (first.name, second.name) == (
        "Exports of goods growth",
        "Imports of services growth",
    )
    assert (first.value, second.value) == (Decimal("5.2"), Decimal("3.1"))


def test_a_share_names_what_it_is_a_share_of():
    figure = only("More than 80 percent of villages have access to broadband.")

    assert figure.name == "Share of villages"


def test_spending_is_named_after_its_purpose():
    figure = only(
        "The central government allocated RMB 3.5 billion to support rural schools."
    )

    assert figure.name == "Funds allocated to support rural schools"


def test_every_quote_is_the_sentence_that_states_the_figure():
    text = "A briefing\n\nOutput grew. Revenue reached 5 trillion yuan in 2022. Done."

    (figure,) = extract(text).figures

    assert figure.quote == "Revenue reached 5 trillion yuan in 2022."
    assert figure.period_label == "2022"
