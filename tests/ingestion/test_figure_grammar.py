"""Figures in single sentences: number grouping, currencies and names.

Every example sentence here is written for these tests.
"""

import re
from decimal import Decimal

import pytest

from indicators.ingestion.figures import (
    CHANGE_TAIL,
    UNSTATED_DOLLARS,
    VERB_TAIL,
    _change_tail,
    _verb_tail,
    document_currency,
    sentence_figures,
)
from indicators.ingestion.periods import YearContext, find_periods
from tests.ingestion.test_figures import HELD_ON, figures, only

CONTEXT = YearContext(year=HELD_ON.year, held_on=HELD_ON)


def in_text(sentence, currency=None):
    """Return the figures of one sentence of a text whose dollar is `currency`."""
    periods = find_periods(sentence, CONTEXT)
    found, _ = sentence_figures(sentence, 0, periods, CONTEXT, None, currency=currency)
    return found


def rows(sentence):
    return [(f.value, f.unit) for f in figures(sentence)]


# ------------------------------------------------------------ grouped numbers


@pytest.mark.parametrize(
    "separator",
    [" ", "\u00a0", "\u2009", "\u202f"],
    ids=["space", "no-break space", "thin space", "narrow no-break space"],
)
def test_space_grouped_number_reads_as_the_whole_number(separator):
    sentence = f"The city added 48{separator}500 jobs last year."

    assert rows(sentence) == [(Decimal("48500"), "jobs")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The province built 2 000 schools.", "2000"),
        ("The census counted 1,234,567 people.", "1234567"),
        ("The census counted 1 234 567 people.", "1234567"),
        ("The census counted 12,34,567 people.", "1234567"),
        ("The census counted 1’234’567 people.", "1234567"),
        ("The census counted 1.234.567 people.", "1234567"),
        ("The census counted 1\u202f234\u202f567 people.", "1234567"),
    ],
)
def test_every_grouping_of_thousands_gives_the_same_number(sentence, value):
    figure = only(sentence)

    assert figure.value == Decimal(value)


def test_grouped_numbers_never_give_a_zero():
    sentence = (
        "The county opened 2 000 schools, 3\u00a0000 clinics and 1 000 000 "
        "square meters of parks."
    )

    assert Decimal(0) not in {f.value for f in figures(sentence)}
    assert [f.value for f in figures(sentence)] == [
        Decimal("2000"),
        Decimal("3000"),
        Decimal("1000000"),
    ]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("In 2022 1 200 firms were set up.", "1200"),
        ("In 2021 and 2022 300 new firms were set up.", "300"),
    ],
)
def test_year_before_a_grouped_number_stays_a_year(sentence, value):
    figure = only(sentence)

    assert (figure.value, figure.unit) == (Decimal(value), "firms")
    assert figure.period_label == "2022"


def test_zero_said_in_words_gives_zero_or_nothing():
    for sentence in (
        "There were no new cases in the city.",
        "There were zero new cases in the city.",
    ):
        assert [f.value for f in figures(sentence)] in ([], [Decimal(0)])


# --------------------------------------------------- digits in what is counted


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "name"),
    [
        (
            "Some 415,000 5G base stations were built.",
            "415000",
            "base stations",
            "5G base stations",
        ),
        (
            "There are 2,300 5G-enabled factories in the province.",
            "2300",
            "factories",
            "5G-enabled factories",
        ),
        ("The operator launched 12 4K channels.", "12", "channels", "4K channels"),
        (
            "The city now has 3.12 million 5G users.",
            "3.12",
            "million users",
            "5G users",
        ),
    ],
)
def test_digits_in_a_name_after_a_number_belong_to_what_is_counted(
    sentence, value, unit, name
):
    figure = only(sentence)

    assert (figure.value, figure.unit, figure.name) == (Decimal(value), unit, name)


def test_digits_in_two_names_give_two_counts_not_four():
    found = figures("The service carries 12 4K channels and 8 8K channels.")

    assert [(f.value, f.unit) for f in found] == [
        (Decimal("12"), "channels"),
        (Decimal("8"), "channels"),
    ]


# ------------------------------------------------------- scale and unit noun


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("China had 3.12 million charging piles by June.", "million charging piles"),
        ("The country created 1.2 million new jobs.", "million jobs"),
        ("The network has 2.3 million base stations.", "million base stations"),
        ("The city built 1,200 battery swapping stations.", "swapping stations"),
        ("The firm runs 30 existing factories.", "factories"),
        ("The region added 4.5 million new energy vehicles.", "million vehicles"),
    ],
)
def test_scale_word_and_counted_term_make_the_unit(sentence, unit):
    assert only(sentence).unit == unit


def test_counted_term_with_scale_keeps_its_words_in_the_name():
    figure = only("The city added 3.12 million new charging piles.")

    assert (figure.value, figure.unit, figure.name) == (
        Decimal("3.12"),
        "million charging piles",
        "New charging piles",
    )


# ------------------------------------------------------------------ currency


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        (
            "The fund of HK$2.4 billion opens today. It adds $300 million.",
            "Hong Kong dollars",
        ),
        ("The HKSAR Government will spend $2 billion on housing.", "Hong Kong dollars"),
        ("Hong Kong will invest $1 billion in innovation.", "Hong Kong dollars"),
        ("The grant is S$50 million.", "Singapore dollars"),
        ("Revenue was NT$3 billion.", "New Taiwan dollars"),
        ("The Australian Government set aside $2 billion.", "Australian dollars"),
        ("The Government of Canada will invest C$2 billion.", "Canadian dollars"),
        ("Exports were worth US$3 billion and $2 billion more.", "US dollars"),
        ("Sales reached $3 billion.", None),
        ("A $5 million grant was approved.", None),
        ("The Guangdong-Hong Kong-Macao Greater Bay Area drew $5 billion.", None),
        (
            "HONG KONG, November 5, 2024 -- The monthly fee is at most $5,200.",
            "Hong Kong dollars",
        ),
        (
            "SINGAPORE, 10 September 2024 -- The grant is capped at $8,000.",
            "Singapore dollars",
        ),
        ("BEIJING, May 8, 2024 -- Sales reached $3 billion.", None),
    ],
)
def test_document_currency_is_the_dollar_the_text_establishes(text, currency):
    assert document_currency(text) == currency


def test_document_currency_prefers_the_local_dollar_it_writes_most():
    text = "HK$1 billion here, HK$2 billion there, about US$256 million in all."

    assert document_currency(text) == "Hong Kong dollars"


def test_a_hong_kong_text_reads_its_bare_dollars_as_hong_kong_dollars():
    text = (
        "The HKSAR Government announced its budget today. "
        "It will spend $2.4 billion on public housing."
    )

    (figure,) = in_text(
        "It will spend $2.4 billion on public housing.",
        currency=document_currency(text),
    )

    assert (figure.value, figure.unit, figure.name) == (
        Decimal("2.4"),
        "billion Hong Kong dollars",
        "Funds spent on public housing",
    )


def test_bare_dollar_is_the_documents_dollar():
    (figure,) = in_text("Revenue reached $2.4 billion.", currency="Hong Kong dollars")

    assert figure.unit == "billion Hong Kong dollars"


@pytest.mark.parametrize(
    "sentence",
    ["Revenue reached $2.4 billion.", "Revenue reached 2.4 billion dollars."],
)
def test_bare_dollar_without_context_says_the_currency_is_not_stated(sentence):
    (figure,) = in_text(sentence)

    assert figure.unit == f"billion {UNSTATED_DOLLARS}"
    assert figure.unit == "billion dollars (currency not stated)"


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Revenue reached HK$2.4 billion.", "billion Hong Kong dollars"),
        ("Revenue reached S$2 million.", "million Singapore dollars"),
        ("Revenue reached NT$2 million.", "million New Taiwan dollars"),
        ("Revenue reached A$2 million.", "million Australian dollars"),
        ("Revenue reached C$2 million.", "million Canadian dollars"),
        ("Revenue reached US$ 3 billion.", "billion US dollars"),
        ("Revenue reached USD 3 billion.", "billion US dollars"),
        ("Revenue reached 3 billion US dollars.", "billion US dollars"),
        ("Revenue reached 2 million Singapore dollars.", "million Singapore dollars"),
        ("Revenue reached RMB 19.8 trillion.", "trillion yuan"),
        ("Revenue reached 19.8 trillion yuan.", "trillion yuan"),
        ("Revenue reached € 2 million.", "million euros"),
        ("Revenue reached EUR 2 million.", "million euros"),
        ("Revenue reached £2 million.", "million pounds"),
    ],
)
def test_a_written_currency_wins_over_the_documents_dollar(sentence, unit):
    (figure,) = in_text(sentence, currency="Hong Kong dollars")

    assert (figure.unit, figure.name) == (unit, "Revenue")


def test_an_article_before_a_dollar_sign_is_not_an_australian_dollar():
    (figure,) = in_text("A $5 million grant was approved.")

    assert figure.unit == "million dollars (currency not stated)"


# --------------------------------------------------------------------- names

# Sentences of the genre; their figures' names are checked as a whole below.
NAMING_SENTENCES = [
    "Of the total, 1.2 billion yuan went to rural roads.",
    "In the first half, 1.2 billion was invested in the project.",
    "For the whole year, 300 new schools were opened.",
    "The figure is expected to top 5 billion this year.",
    "In 2022 1 200 firms were set up.",
    "Revenue from tourism hit 400 billion yuan, of which 120 billion yuan came "
    "from foreign visitors.",
    "About 2.3 million households benefited, and 1.1 million of them were in "
    "rural areas.",
    "Investment was 1.2 billion yuan, accounting for 30 percent.",
    "There are now 3.12 million charging piles nationwide, 40 percent more "
    "than a year ago.",
    "The share of new car models that are electric reached 35 percent.",
    "Electric models made up 35 percent of new car models launched this year.",
    "Exports of electric vehicles totalled 1.55 million units in the first "
    "half, an increase of 75.7% year on year.",
    "The total was 48 500, up 3.2% year on year.",
    "The fund, worth HK$2.4 billion, will support 1 200 start-ups.",
    "About 70 percent of them are small firms.",
    "The province invested 2.4 billion yuan in 5G networks, and the city "
    "spent 300 million yuan on schools.",
    "A total of 12.06 million new urban jobs were created, exceeding the annual "
    "target of 11 million.",
    "Sales of new energy vehicles surged 93.4 percent to 6.89 million units.",
    "Retail sales grew 5.8 percent, 2 percentage points faster than in the "
    "previous quarter.",
    "The city has 1,500 kilometers of subway lines and 200 stations.",
    "Among them, 1.2 million were from overseas.",
    "The central bank cut the reserve requirement ratio by 0.25 percentage "
    "points, releasing 500 billion yuan of long-term liquidity.",
    "More than 300 million people used the service, with 80 percent of them in "
    "rural areas.",
]
FUNCTION_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "by",
    "from",
    "with",
    "and",
    "or",
    "it",
    "them",
}
SCALE_WORDS = {"thousand", "million", "billion", "trillion", "hundred"}
# Words a name may add to the sentence's own: what kind of figure it is.
NAME_WORDS = {
    "growth",
    "change",
    "year",
    "on",
    "share",
    "rank",
    "world",
    "national",
    "funds",
    "amount",
    "figure",
    "part",
    "that",
    "going",
    "coming",
    "china",
}


def test_names_are_never_a_bare_scale_or_function_word():
    for sentence in NAMING_SENTENCES:
        for figure in figures(sentence):
            words = figure.name.lower().split()
            assert words, sentence
            assert figure.name.lower() not in FUNCTION_WORDS | SCALE_WORDS, sentence
            assert words[0] not in FUNCTION_WORDS, (sentence, figure.name)
            assert not set(words) <= SCALE_WORDS | {"yuan", "dollars"}, sentence


def test_names_are_whole_words_of_their_sentence():
    for sentence in NAMING_SENTENCES:
        sentence_words = {w.lower() for w in re.findall(r"[\w’'-]+", sentence)}
        for figure in figures(sentence):
            for word in re.findall(r"[\w’'-]+", figure.name):
                assert word.lower() in sentence_words | NAME_WORDS, (
                    sentence,
                    figure.name,
                )


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Of the total, 1.2 billion yuan went to rural roads.",
            "Funds going to rural roads",
        ),
        (
            "In the first half, 1.2 billion yuan was invested in the project.",
            "Funds invested in the project",
        ),
        ("In the first half, 1.2 billion was invested in the project.", None),
        ("In 2022 1 200 firms were set up.", "Firms"),
        ("The figure is expected to top 5 billion this year.", "Figure"),
    ],
)
def test_a_figure_without_a_subject_is_named_from_its_clause(sentence, name):
    figure = only(sentence)

    assert figure.name.split()[0] not in {"In", "Of", "For", "Billion"}
    if name:
        assert figure.name == name


def test_a_part_says_how_it_differs_from_its_whole():
    whole, part = figures(
        "Revenue from tourism hit 400 billion yuan, of which 120 billion yuan came "
        "from foreign visitors."
    )

    assert whole.name == "Revenue from tourism"
    assert part.name == "Revenue from tourism (from foreign visitors)"


def test_a_part_counted_as_of_them_names_where_it_differs():
    households, rural = figures(
        "About 2.3 million households benefited, and 1.1 million of them were in "
        "rural areas."
    )

    assert households.name == "Households"
    assert rural.name == "Households (in rural areas)"


def test_a_share_of_them_is_named_after_what_it_counts():
    assert only("About 70 percent of them are small firms.").name == (
        "Share of small firms"
    )


def test_figures_of_one_subject_say_how_they_differ():
    amount, share = figures(
        "Investment was 1.2 billion yuan, accounting for 30 percent."
    )

    assert (amount.name, share.name) == ("Investment", "Investment share")


def test_more_than_a_year_ago_is_a_growth_not_a_share():
    level, growth = figures(
        "There are now 3.12 million charging piles nationwide, 40 percent more "
        "than a year ago."
    )

    assert level.name == "Charging piles"
    assert (growth.kind, growth.value, growth.name) == (
        "change",
        Decimal("40"),
        "Charging piles growth (year on year)",
    )


def test_points_lower_than_before_is_a_negative_change():
    rate, change = figures(
        "The unemployment rate was 5.2 percent, 0.3 percentage points lower than "
        "a year earlier."
    )

    assert rate.name == "Unemployment rate"
    assert (change.kind, change.value, change.unit) == (
        "change",
        Decimal("-0.3"),
        "percentage points",
    )
    assert change.name == "Unemployment rate change (year on year)"


def test_a_target_after_a_figure_is_named_as_the_target():
    jobs, target = figures(
        "A total of 12.06 million new urban jobs were created, exceeding the "
        "annual target of 11 million."
    )

    assert (jobs.name, target.name) == (
        "New urban jobs",
        "New urban jobs (annual target)",
    )


def test_a_level_after_its_growth_keeps_the_measures_name():
    growth, level = figures(
        "Sales of new energy vehicles surged 93.4 percent to 6.89 million units."
    )

    assert growth.name == "Sales of new energy vehicles growth"
    assert (level.unit, level.name) == ("million units", "Sales of new energy vehicles")


def test_points_faster_than_is_a_change_of_the_growth_before_it():
    growth, faster = figures(
        "Retail sales grew 5.8 percent, 2 percentage points faster than in the "
        "previous quarter."
    )

    assert growth.name == "Retail sales growth"
    assert (faster.kind, faster.name) == ("change", "Retail sales growth change")


def test_a_length_and_a_count_listed_together_name_their_own_nouns():
    lines, stations = figures(
        "The city has 1,500 kilometers of subway lines and 200 stations."
    )

    assert (lines.unit, lines.name) == ("km", "Subway lines")
    assert (stations.unit, stations.name) == ("stations", "Stations")


def test_money_going_somewhere_is_named_after_where_it_goes():
    total, part = in_text(
        "The government has allocated HK$10 billion to the fund, with $2 billion "
        "going to start-ups.",
        currency="Hong Kong dollars",
    )

    assert total.name == "Funds allocated to the fund"
    assert (part.unit, part.name) == (
        "billion Hong Kong dollars",
        "Funds going to start-ups",
    )


def test_a_relative_clause_stays_in_the_name():
    figure = only("The share of new car models that are electric reached 35 percent.")

    assert figure.name == "Share of new car models that are electric"


def test_made_up_is_a_share_not_a_growth():
    figure = only("Electric models made up 35 percent of new car models.")

    assert figure.kind == "level"
    assert figure.name == "Electric models (share of new car models)"


def test_set_up_counts_are_not_growth():
    figure = only("The province set up 300 new firms.")

    assert (figure.kind, figure.value, figure.name) == (
        "level",
        Decimal("300"),
        "New firms",
    )


def test_exports_are_named_after_what_is_exported():
    level, growth = figures(
        "Exports of electric vehicles totalled 1.55 million units in the first "
        "half, an increase of 75.7% year on year."
    )

    assert level.name == "Exports of electric vehicles"
    assert growth.name == "Exports of electric vehicles growth (year on year)"


def test_an_unread_number_stays_out_of_a_growth_name():
    (growth,) = figures("The total was 48 500, up 3.2% year on year.")

    assert growth.name == "Total growth (year on year)"


def test_listed_counts_each_name_their_own_noun():
    schools, classrooms = figures(
        "By the end of June, the country had built 2 000 new schools and "
        "48 500 classrooms."
    )

    assert (schools.name, classrooms.name) == ("New schools", "Classrooms")


def test_spending_on_a_purpose_is_named_after_it():
    first, second = figures(
        "The province invested 2.4 billion yuan in 5G networks, and the city "
        "spent 300 million yuan on schools."
    )

    assert first.name == "Funds invested in 5G networks"
    assert second.name == "Funds spent on schools"


def test_a_long_name_is_cut_between_words_and_not_after_a_function_word():
    programmes = " ".join(
        f"the {word} programme"
        for word in ["alpha", "beta", "gamma", "delta", "epsilon"]
    )
    sentence = (
        f"The combined coverage of {programmes} and of the northern and southern "
        "regional development funds reached 35 percent of all the county-level "
        "and township-level enterprises together."
    )

    (figure,) = in_text(sentence)

    assert len(figure.name) <= 200
    words = re.findall(r"[\w’'-]+", figure.name)
    sentence_words = set(re.findall(r"[\w’'-]+", sentence.lower())) | NAME_WORDS
    assert all(word.lower() in sentence_words for word in words)
    assert words[-1].lower() not in FUNCTION_WORDS
    assert figure.name.startswith("Combined coverage of the alpha programme")


# ------------------------------------------------------------------ periods


def test_a_deadline_opening_the_sentence_makes_its_figure_a_target():
    (figure,) = in_text("By 2030, cycle lanes are to make up 15 percent of the roads.")

    assert (figure.period_label, figure.is_target) == ("2030", True)


# ------------------------------------------------------------------ names


def names(sentence, currency=None):
    return [f.name for f in in_text(sentence, currency=currency)]


def test_list_markers_never_name_a_figure():
    sentence = (
        "The poll found that: (1) 64 percent of drivers had used a charging app; "
        "and (2) 20 percent wanted more chargers."
    )

    assert names(sentence) == [
        "Share of drivers that had used a charging app",
        "Share of drivers that wanted more chargers",
    ]


def test_a_share_of_a_group_says_what_the_group_did():
    assert names("Some 40 percent of firms exported goods last year.") == [
        "Share of firms that exported goods"
    ]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "“Our 2.4 million street lamps now use LEDs,” the mayor said.",
            "Street lamps",
        ),
        ("Last year alone, 5,400 buses were replaced.", "Buses"),
    ],
)
def test_quote_marks_possessives_and_time_phrases_are_no_part_of_a_name(sentence, name):
    assert names(sentence) == [name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The Government will set aside HK$1.2 billion this year to help shops "
            "go digital.",
            "Funds set aside to help shops go digital",
        ),
        (
            "The scheme approved 1 200 applications, with grants totalling HK$50 "
            "million.",
            "Grants",
        ),
    ],
)
def test_money_is_named_after_what_it_is_or_what_it_is_for(sentence, name):
    assert names(sentence)[-1] == name


def test_money_for_things_counted_names_each_apart():
    sentence = "The budget includes $340 million for 120 new bus shelters."

    assert names(sentence, currency="Hong Kong dollars") == [
        "Funds for 120 new bus shelters",
        "New bus shelters",
    ]


# ------------------------------------------------------------- counted nouns


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The airline took delivery of 11 A320neo aircraft.", "11", "aircraft"),
        (
            "The number of registered nurses had risen to 5 210 by June.",
            "5210",
            "nurses",
        ),
        (
            "The number of broadband users is to reach 40 million by 2027.",
            "40",
            "million users",
        ),
        ("Public libraries numbered 3,200 at the end of May.", "3200", "libraries"),
        ("Electric buses totalled 1.1 million.", "1.1", "million buses"),
    ],
)
def test_a_number_counts_the_subject_it_is_the_number_of(sentence, value, unit):
    (figure,) = in_text(sentence)

    assert (figure.value, figure.unit) == (Decimal(value), unit)


def test_a_subject_counted_by_its_verb_is_its_name_once():
    (figure,) = in_text("Public charging points numbered 1.35 million.")

    assert figure.name == "Public charging points"


@pytest.mark.parametrize(
    "sentence",
    [
        "Retail sales totalled 3.1 trillion in the quarter.",
        "The membership reached 5,100.",
        "The line opened in 2022.",
    ],
)
def test_a_bare_number_counts_nothing_that_is_not_a_count(sentence):
    assert [f.unit for f in in_text(sentence)] in ([], ["trillion"])


# ------------------------------------------------------------ speed shortcuts

SHORTCUT_TEXT = (
    "Exports rose 5.2 percent to 3,120 million yuan, imports were 2 400 units, "
    "and there were 48 500 jobs added, up 3.1% year on year. The total amounted "
    "to a record high of 12 billion yuan; investment, which the city set aside, "
    "stood at 9 billion yuan, an annual average growth rate of 4 percent, and "
    "sales edged down by a year-on-year 2 percent after the fund had made up 30 "
    "percent."
)


def test_the_verb_before_a_figure_is_found_as_a_plain_search_finds_it():
    for end in range(len(SHORTCUT_TEXT) + 1):
        head = SHORTCUT_TEXT[:end]
        plain = VERB_TAIL.search(head, max(0, end - 70))

        fast = _verb_tail(head)

        assert (fast and fast.span()) == (plain and plain.span()), head


def test_the_change_before_a_figure_is_found_as_a_plain_search_finds_it():
    for end in range(len(SHORTCUT_TEXT) + 1):
        plain = CHANGE_TAIL.search(SHORTCUT_TEXT, max(0, end - 70), end)

        fast = _change_tail(SHORTCUT_TEXT, end)

        assert (fast and fast.span()) == (plain and plain.span()), end
