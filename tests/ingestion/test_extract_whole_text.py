"""What `extract()` decides from the whole text: restatements, currency, targets."""

import datetime
from decimal import Decimal

from indicators.ingestion import extract

HELD_ON = datetime.date(2024, 7, 19)


def test_extract_merges_a_figure_stated_twice_into_one_suggestion_with_both_sentences():
    text = (
        "Charging network grows\n\n"
        "The country had 3.12 million charging piles at the end of June.\n\n"
        "Officials said the 3.12 million charging piles now cover every county."
    )

    figures = [
        f for f in extract(text, held_on=HELD_ON).figures if f.value == Decimal("3.12")
    ]

    assert len(figures) == 1
    assert figures[0].quote.startswith("The country had 3.12 million")
    assert figures[0].restated_in == (
        "Officials said the 3.12 million charging piles now cover every county.",
    )


def test_extract_keeps_two_measures_that_share_a_value_apart():
    text = (
        "Trade in the first half\n\n"
        "In the first half of 2024, exports grew 5 percent year on year. "
        "Imports grew 5 percent year on year."
    )

    figures = extract(text, held_on=HELD_ON).figures

    assert len([f for f in figures if f.value == 5]) == 2


def test_extract_reads_a_bare_dollar_in_a_hong_kong_text_as_hong_kong_dollars():
    text = (
        "Support for small firms\n\n"
        "HONG KONG, July 19, 2024 -- The HKSAR Government will set aside "
        "$2.4 billion to help small firms go digital."
    )

    (figure,) = extract(text, held_on=HELD_ON).figures

    assert figure.unit == "billion Hong Kong dollars"


def test_extract_marks_a_figure_for_a_deadline_as_a_target():
    text = (
        "Clean power plan\n\n"
        "The province will install 2 million charging piles by 2027, "
        "officials said on Friday."
    )

    (figure,) = extract(text, held_on=HELD_ON).figures

    assert figure.is_target
    assert figure.period_end == datetime.date(2027, 12, 31)


def test_extract_dates_a_figure_by_its_own_period_not_the_dateline_beside_it():
    text = (
        "Port traffic grows\n\n"
        "NINGBO, April 16, 2024 -- The port handled 9.1 million containers in the "
        "first quarter of 2024, the port authority said."
    )

    (figure,) = extract(text, held_on=datetime.date(2024, 4, 16)).figures

    assert figure.period_label == "2024 Q1"


def test_extract_never_names_a_figure_after_the_dateline():
    text = (
        "Factory revenue rises\n\n"
        "WUHAN, June 3, 2024 -- The city's factories earned revenue of 2.1 trillion "
        "yuan in May."
    )

    (figure,) = extract(text, held_on=datetime.date(2024, 6, 3)).figures

    assert "WUHAN" not in figure.name
    assert "2024" not in figure.name


def figure_of(text, value, held_on):
    (figure,) = [f for f in extract(text, held_on=held_on).figures if f.value == value]
    return figure


def test_extract_dates_a_change_by_the_period_of_the_level_before_it():
    text = (
        "Ferry traffic\n\n"
        "The port authority reported on the first half of 2024 today.\n\n"
        "Ferries carried 38 million passengers last year, up 12 percent year on year."
    )

    growth = figure_of(text, Decimal("12"), datetime.date(2024, 7, 19))

    assert growth.period_label == "2023"


def test_extract_dates_a_figure_by_the_period_an_earlier_sentence_of_its_paragraph_stated():
    text = (
        "Tourism review\n\n"
        "The board looked back on last year today.\n\n"
        "Hotels were busy for most of last year.\n\n"
        "The city received 21 million visitors in the first half of 2024. "
        "Spending per visitor averaged 5,900 yuan."
    )

    spending = figure_of(text, Decimal("5900"), datetime.date(2024, 8, 15))

    assert spending.period_label == "2024 H1"


def test_extract_keeps_the_period_of_a_base_of_comparison_to_that_base():
    text = (
        "Cloud survey\n\n"
        "The survey was carried out this year.\n\n"
        "Some 78 percent of firms use cloud services, up from 61 percent in 2022; "
        "35 percent plan to add AI tools."
    )

    plans = figure_of(text, Decimal("35"), datetime.date(2025, 2, 27))

    assert plans.period_label == "2025"


def test_extract_dates_the_same_year_and_the_same_period_by_the_one_named_before():
    text = (
        "Trade remarks\n\n"
        "The spokesperson spoke about the first two months of 2024.\n\n"
        "Trade with the bloc was worth 739 billion euros last year. "
        "Investment came to 6.8 billion euros in the same year.\n\n"
        "Software revenue was 5.5 trillion yuan in the first half of 2023. "
        "Software exports reached 24.6 billion yuan in the same period."
    )
    held_on = datetime.date(2024, 3, 12)

    investment = figure_of(text, Decimal("6.8"), held_on)
    exports = figure_of(text, Decimal("24.6"), held_on)

    assert investment.period_label == "2023"
    assert exports.period_label == "2023 H1"


def test_extract_keeps_the_paragraphs_period_after_a_part_stated_for_a_shorter_one():
    text = (
        "Building works\n\n"
        "The city reported on its building works today.\n\n"
        "In the first half of 2024, the city had 3,100 building sites, including "
        "700 new sites in the second quarter. Investment in them reached 90 billion "
        "yuan."
    )

    investment = figure_of(text, Decimal("90"), datetime.date(2024, 7, 19))

    assert investment.period_label == "2024 H1"
