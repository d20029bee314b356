"""Press texts of other ministries and phrasings (tests/ingestion/texts/)."""

import datetime
from decimal import Decimal
from pathlib import Path

from indicators.ingestion import extract

TEXTS = Path(__file__).parent / "texts"
Q1_2023 = (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31))
YEAR_2023 = (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
JAN_SEP_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 9, 30))


def read(name):
    return (TEXTS / name).read_text(encoding="utf-8")


def rows(extraction):
    return [
        (f.value, f.unit, f.qualifier, (f.period_start, f.period_end))
        for f in extraction.figures
    ]


def test_statistics_bureau_text_reads_growth_shares_jobs_and_ranks():
    extraction = extract(read("nbs_first_quarter_2023.txt"))

    assert extraction.held_on == datetime.date(2023, 4, 18)
    assert extraction.source_name == "Xinhua"
    assert rows(extraction) == [
        (Decimal("28.5"), "trillion yuan", "exact", Q1_2023),
        (Decimal("4.5"), "%", "exact", Q1_2023),
        (Decimal("11.5"), "trillion yuan", "exact", Q1_2023),
        (Decimal("5.8"), "%", "exact", Q1_2023),
        (Decimal("25"), "%", "nearly", Q1_2023),
        (Decimal("5.3"), "%", "exact", (datetime.date(2023, 3, 1), Q1_2023[1])),
        (
            Decimal("-0.3"),
            "percentage points",
            "exact",
            (datetime.date(2023, 3, 1), Q1_2023[1]),
        ),
        (Decimal("2.97"), "million jobs", "exact", Q1_2023),
        (Decimal("16.9"), "%", "exact", Q1_2023),
        (Decimal("408.45"), "billion yuan", "exact", Q1_2023),
        (Decimal("4.9"), "%", "exact", Q1_2023),
        (Decimal("50"), "%", "nearly", Q1_2023),
        (
            Decimal("1"),
            "rank",
            "exact",
            (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
        ),
        (
            Decimal("3"),
            "rank",
            "up_to",
            (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
        ),
    ]


def test_growth_figures_are_named_after_their_measure_and_basis():
    names = [f.name for f in extract(read("nbs_first_quarter_2023.txt")).figures]

    assert names[1] == "Gross domestic product growth (year on year)"
    assert names[3] == "Total retail sales of consumer goods growth (year on year)"
    assert names[10] == "Foreign direct investment in actual use growth (year on year)"
    assert names[8] == "Investment in high-tech industries growth"


def test_firstly_secondly_measures_become_actions_without_we_will():
    actions = extract(read("nbs_first_quarter_2023.txt")).actions

    assert [(a.ordinal, a.title) for a in actions] == [
        (
            1,
            "Improve the statistical monitoring of new industries and new business forms",
        ),
        (
            2,
            "Strengthen the supervision of statistical data quality and crack down on fraud",
        ),
        (3, "Publish more data on the digital economy in a timely manner"),
    ]
    assert actions[0].responsible_body == "National Bureau of Statistics"


def test_commerce_text_reads_rmb_millions_and_a_numbered_list():
    extraction = extract(read("mofcom_consumption_2024.txt"))

    assert extraction.held_on == datetime.date(2024, 1, 20)
    assert rows(extraction) == [
        (Decimal("47"), "trillion yuan", "exceeded", YEAR_2023),
        (Decimal("7.2"), "%", "exact", YEAR_2023),
        (Decimal("9.5"), "million units", "exact", YEAR_2023),
        (Decimal("1"), "rank", "exact", YEAR_2023),
        (Decimal("20"), "%", "exact", YEAR_2023),
        (Decimal("3.5"), "billion yuan", "exact", YEAR_2023),
        (Decimal("1200"), "counties", "about", YEAR_2023),
        (Decimal("1.2"), "million sites", "more_than", YEAR_2023),
    ]
    assert [a.ordinal for a in extraction.actions] == [1, 2, 3, 4]
    assert extraction.actions[3].title == (
        "Promote the construction of international consumption center cities"
    )
    assert "Published" not in extraction.body and "Editor" not in extraction.body


def test_a_list_of_findings_gives_no_actions_but_a_one_is_to_list_does():
    extraction = extract(read("nea_energy_findings_2022.txt"))

    assert [a.title for a in extraction.actions] == [
        "Increase coal production and ensure the supply of thermal coal",
        "Speed up the construction of large wind and solar power bases",
    ]
    assert rows(extraction) == [
        (Decimal("90.36"), "GW", "exact", JAN_SEP_2022),
        (Decimal("78.8"), "%", "exact", JAN_SEP_2022),
        (Decimal("2.9"), "%", "exact", JAN_SEP_2022),
        (Decimal("16.6"), "%", "exact", JAN_SEP_2022),
        (Decimal("31.2"), "%", "exact", JAN_SEP_2022),
        (Decimal("170"), "million tons", "exceeded", JAN_SEP_2022),
    ]


def test_three_growth_rates_respectively_get_three_subjects():
    names = [f.name for f in extract(read("nea_energy_findings_2022.txt")).figures]

    assert names[2:5] == [
        "Hydropower growth",
        "Wind power growth",
        "Solar power generation growth",
    ]


def test_a_text_without_figures_gives_none_and_keeps_its_text():
    extraction = extract(read("moe_no_figures.txt"))

    assert extraction.figures == ()
    assert extraction.actions == ()
    assert extraction.title.startswith("Ministry of Education opens")
    assert len(extraction.paragraphs) == 1
