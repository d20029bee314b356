"""The seed text: every figure and all five actions, and nothing else."""

import datetime
from decimal import Decimal

import pytest

from indicators.ingestion import extract

HELD_ON = datetime.date(2022, 7, 19)
H1 = (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))

# value, unit, qualifier, (start, end), label, words the name must contain
EXPECTED_FIGURES = [
    (
        Decimal("2"),
        "rank",
        "exact",
        (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
        "2021",
        "digital economy",
    ),
    (
        Decimal("10"),
        "trillion yuan",
        "exceeded",
        H1,
        "Jan–Jun 2022",
        "total revenue of the electronic information",
    ),
    (Decimal("3100"), "projects", "more_than", H1, "2022 H1", "construction projects"),
    (
        Decimal("700"),
        "projects",
        "exact",
        (datetime.date(2022, 4, 1), datetime.date(2022, 6, 30)),
        "2022 Q2",
        "new projects",
    ),
    (Decimal("6000"), "providers", "more_than", H1, "2022 H1", "solution providers"),
    (Decimal("90"), "%", "more_than", H1, "2022 H1", "manufacturing industry"),
    (
        Decimal("55.7"),
        "%",
        "exact",
        H1,
        "2022 H1",
        "numerical control rate of key processes",
    ),
    (
        Decimal("75.1"),
        "%",
        "exact",
        H1,
        "2022 H1",
        "penetration rate of digital r&d and design tools",
    ),
]

EXPECTED_ACTION_TITLES = [
    "Strengthen the research on core technologies and promote the innovation and development of the digital industry",
    "Continuously optimize the network layout and accelerate the construction of new digital infrastructure",
    "Meet the application needs of the industry and promote the integration of the digital economy and the real economy",
    "Stimulate the vitality and potential of data elements and enhance the new kinetic energy of economic development",
    "Strengthen the governance of the digital economy and create a sound industrial development ecology",
]


@pytest.fixture
def seed(seed_text):
    return extract(seed_text, held_on=HELD_ON)


def test_seed_gives_exactly_its_eight_figures(seed):
    found = [
        (f.value, f.unit, f.qualifier, (f.period_start, f.period_end), f.period_label)
        for f in seed.figures
    ]

    assert found == [expected[:5] for expected in EXPECTED_FIGURES]


@pytest.mark.parametrize("index", range(len(EXPECTED_FIGURES)))
def test_seed_figure_is_named_after_what_it_measures(seed, index):
    assert EXPECTED_FIGURES[index][5] in seed.figures[index].name.lower()


def test_seed_paired_figures_get_their_own_subjects(seed):
    by_value = {f.value: f.name for f in seed.figures}

    assert by_value[Decimal("55.7")] == "Numerical control rate of key processes"
    assert (
        by_value[Decimal("75.1")] == "Penetration rate of digital R&D and design tools"
    )


def test_seed_quotes_are_the_sentences_of_the_text(seed, seed_text):
    quotes = {f.value: f.quote for f in seed.figures}

    assert all(f.quote in seed_text for f in seed.figures)
    assert quotes[Decimal("700")] == quotes[Decimal("3100")]
    assert quotes[Decimal("700")].startswith("The 512 project")
    assert "ranked second in the world" in quotes[Decimal("2")]


def test_seed_names_and_years_are_not_figures(seed):
    values = {f.value for f in seed.figures}

    assert not values & {Decimal("512"), Decimal("5"), Decimal("2022"), Decimal("1")}


def test_seed_gives_the_five_measures_in_order_and_not_the_findings(seed):
    assert [a.ordinal for a in seed.actions] == [1, 2, 3, 4, 5]
    assert [a.title for a in seed.actions] == EXPECTED_ACTION_TITLES
    assert seed.actions[0].text.startswith(
        "Strengthen the research on core technologies"
    )
    assert seed.actions[0].detail.startswith("Deeply implement the innovation-driven")
    assert not any("scale of the digital industry" in a.text for a in seed.actions)


def test_seed_actions_name_the_ministry_that_will_act(seed):
    assert {a.responsible_body for a in seed.actions} == {
        "Ministry of Industry and Information Technology"
    }


def test_seed_title_source_and_body_lose_the_page_furniture(seed):
    assert seed.title == (
        "Continue to strengthen the construction of 5G network and Gigabit fiber network"
    )
    assert seed.source_name == "IT House"
    assert seed.organizer == "State Council Information Office"
    assert "IT House" not in seed.body
    assert seed.paragraphs[2].startswith("Wang Peng pointed out that in the next step")
    for furniture in ("Leave a Reply", "Your email address", "Required fields"):
        assert furniture not in seed.body
    assert len(seed.paragraphs) == 8


def test_seed_without_a_date_takes_its_years_from_the_text(seed_text):
    undated = extract(seed_text)

    assert [(f.period_start, f.period_end) for f in undated.figures] == [
        expected[3] for expected in EXPECTED_FIGURES
    ]
