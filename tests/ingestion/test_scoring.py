"""The extraction scorer (indicators/ingestion/scoring.py) and its corpus.

The scorer's targets are printed by `manage.py score_extraction`, not
asserted here: the extractor improves separately, and a test that fails on
a score would hide whether the scorer or the extractor is at fault.
"""

import datetime
import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from indicators.ingestion import Action, Extraction, Figure
from indicators.ingestion.periods import Period
from indicators.ingestion.scoring import (
    COVERS,
    KeyFigure,
    MalformedKey,
    acceptable_name,
    load_key,
    load_keys,
    normal_quantity,
    problems,
    score_keys,
    score_text,
    written_in,
)

KEYS = Path(__file__).parent / "keys"
H1_2024 = ["2024-01-01", "2024-06-30"]

# A short text of our own, in the genre, and what an editor records from it.
TEXT = """Port traffic grows in first half

HONG KONG, July 19, 2024 -- The Marine Department said today that the port handled 7 150 000 TEUs in the first half of this year, up 3.4 per cent year on year. About 1,200 vessels called at the container terminals.

Next, we will focus on two things. First, we will extend the opening hours of the terminals. Second, we will speed up customs clearance.
"""
KEY = {
    "held_on": "2024-07-19",
    "title": "Port traffic grows in first half",
    "covers": ["grouped-numbers", "actions-first-second"],
    "figures": [
        {
            "value": "7.15",
            "unit": "million TEU",
            "qualifier": "exact",
            "period": H1_2024,
            "name": "Container throughput of the port",
            "head": "port",
            "sentence": "the port handled 7 150 000 TEUs in the first half of this year",
        },
        {
            "value": "3.4",
            "unit": "%",
            "qualifier": "exact",
            "period": H1_2024,
            "name": "Container throughput of the port, growth",
            "head": "port",
            "sentence": "up 3.4 per cent year on year",
        },
        {
            "value": "1200",
            "unit": "vessels",
            "qualifier": "about",
            "period": H1_2024,
            "name": "Vessels calling at the container terminals",
            "sentence": "About 1,200 vessels called at the container terminals",
        },
    ],
    "actions": ["extend the opening hours", "speed up customs clearance"],
}


def write_key(folder: Path, name: str, key: dict, text: str = TEXT) -> Path:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{name}.json"
    path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def key(tmp_path):
    return load_key(write_key(tmp_path, "port", KEY))


def figure(value, unit, qualifier="exact", period=H1_2024, name="Figure", quote=""):
    start, end = (datetime.date.fromisoformat(d) for d in period)
    return Figure(
        name=name,
        value=Decimal(value),
        unit=unit,
        qualifier=qualifier,
        period=Period(start, end, ""),
        quote=quote,
        position=0,
    )


def perfect(key):
    """Return the extraction an ideal extractor would give for a key."""
    figures = [
        Figure(
            name=f.name,
            value=f.value,
            unit=f.unit,
            qualifier=f.qualifier,
            period=Period(*f.period, "") if f.period else None,
            quote=f.sentence,
            position=key.text.index(f.sentence),
        )
        for f in key.figures
    ]
    actions = [
        Action(ordinal=n, title=words, text=f"We will {words}.", detail="")
        for n, words in enumerate(key.action_openings, start=1)
    ]
    return Extraction(
        title=key.title,
        paragraphs=(),
        source_name="",
        text=key.text,
        held_on=key.held_on,
        figures=tuple(figures),
        actions=tuple(actions),
    )


def scored(key, extraction):
    return score_keys([key], extractor=lambda text, held_on: extraction)


def test_scoring_perfect_extraction_scores_one(key):
    report = scored(key, perfect(key))

    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert (report.qualifier, report.period, report.name) == (1.0, 1.0, 1.0)
    assert (report.bare_names, report.invented) == (0, 0)
    assert (report.actions_exact, report.title_exact) == (1.0, 1.0)
    assert all(met for *_, met in report.targets())
    assert report.texts[0].action_openings_right == 2


def test_scoring_missed_figure_lowers_recall_only(key):
    extraction = perfect(key)
    extraction = replace(extraction, figures=extraction.figures[:2])

    report = scored(key, extraction)

    assert report.precision == 1.0
    assert report.recall == pytest.approx(2 / 3)
    assert report.f1 == pytest.approx(0.8)
    assert [f.name for f in report.texts[0].missed] == [
        "Vessels calling at the container terminals"
    ]


def test_scoring_invented_value_lowers_precision_and_is_counted(key):
    extraction = perfect(key)
    invented = figure("71.5", "million TEU", name="Container throughput")
    extraction = replace(extraction, figures=(*extraction.figures, invented))

    report = scored(key, extraction)

    assert report.recall == 1.0
    assert report.precision == pytest.approx(3 / 4)
    assert report.invented == 1
    assert report.texts[0].extra == [invented]


def test_scoring_values_written_with_grouping_are_not_invented():
    text = "It handled 7 150 000 TEUs, 48\u2009500 jobs, 1,200 vessels and nearly half."

    assert written_in(text, Decimal("7150000"))
    assert written_in(text, Decimal("48500"))
    assert written_in(text, Decimal("1200"))
    assert written_in(text, Decimal("-1200"))  # a decrease is signed, not written
    assert written_in(text, Decimal("50"))  # "half"
    assert not written_in(text, Decimal("71.5"))


def test_scoring_reads_chinese_units_in_the_english_scale():
    # 10 "万亿元" is 10 trillion yuan; 380 "十亿元" is 3800 亿元.
    assert normal_quantity(Decimal("10"), "万亿元") == normal_quantity(
        Decimal("10"), "trillion yuan"
    )
    assert normal_quantity(Decimal("380"), "十亿元") == normal_quantity(
        Decimal("0.38"), "trillion yuan"
    )
    assert normal_quantity(Decimal("3.377"), "百万个") == (Decimal("3377000"), "个")
    assert normal_quantity(Decimal("2"), "位") == (Decimal("2"), "rank")


def test_scoring_chinese_values_are_written_with_their_scale_words():
    text = (
        "其中近3800亿元用于铁路，服务覆盖九成以上的行业，位居世界第二，基站337.7万个。"
    )

    assert written_in(text, Decimal("380"), "十亿元")
    assert written_in(text, Decimal("90"), "%")
    assert written_in(text, Decimal("2"), "位")
    assert written_in(text, Decimal("3.377"), "百万个")
    assert not written_in(text, Decimal("38"), "十亿元")


def test_scoring_finds_a_chinese_head_inside_a_name_without_spaces():
    wanted = KeyFigure(
        value=Decimal("10"),
        unit="万亿元",
        qualifier="more_than",
        period=None,
        name="四个行业合计收入",
        sentence="合计收入超过10万亿元",
        head="收入",
    )

    assert acceptable_name(wanted, "电子信息制造业、软件业、通信业和互联网合计收入")
    assert not acceptable_name(wanted, "在建项目")
    assert not acceptable_name(wanted, "其中")


def test_scoring_matches_a_scale_word_as_part_of_the_value(key):
    extraction = perfect(key)
    # 7.15 "million TEU" written as 7,150,000 "TEU": the same figure.
    spelled_out = replace(extraction.figures[0], value=Decimal("7150000"), unit="TEU")
    extraction = replace(extraction, figures=(spelled_out, *extraction.figures[1:]))

    assert scored(key, extraction).f1 == 1.0


def test_scoring_counts_a_unit_with_words_in_front_as_the_same_unit(key):
    extraction = perfect(key)
    longer = replace(extraction.figures[2], unit="container vessels")
    other = replace(extraction.figures[2], unit="tons")

    assert (
        scored(key, replace(extraction, figures=(*extraction.figures[:2], longer))).f1
        == 1.0
    )
    assert scored(
        key, replace(extraction, figures=(*extraction.figures[:2], other))
    ).recall == pytest.approx(2 / 3)


def test_scoring_counts_a_wrong_qualifier_and_a_wrong_period(key):
    extraction = perfect(key)
    vessels = replace(
        extraction.figures[2],
        qualifier="exact",
        period=Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), "2024"),
    )
    extraction = replace(extraction, figures=(*extraction.figures[:2], vessels))

    report = scored(key, extraction)

    assert report.f1 == 1.0  # still paired: value and unit are right
    assert report.qualifier == pytest.approx(2 / 3)
    assert report.period == pytest.approx(2 / 3)
    assert [w.name for w, _ in report.texts[0].wrong_period] == [
        "Vessels calling at the container terminals"
    ]


@pytest.mark.parametrize(
    ("name", "acceptable"),
    [
        ("Container throughput of the port", True),  # the key's own name
        ("Throughput of the Port of Hong Kong", True),  # holds the head noun
        ("Marine Department said", False),  # no head noun
        ("Million", False),  # bare scale word
        ("(1)", False),  # a list marker, no word at all
    ],
)
def test_scoring_judges_names_by_head_noun_and_refuses_bare_ones(key, name, acceptable):
    extraction = perfect(key)
    named = replace(extraction.figures[0], name=name)

    result = score_text(key, replace(extraction, figures=(named,)))

    assert (not result.wrong_name) is acceptable
    assert bool(result.bare_names) is (name in {"Million", "(1)"})


def test_scoring_pairs_a_figure_with_its_own_sentence(tmp_path):
    text = "Exports rose 5 percent. Imports rose 5 percent. Both were records."
    imports_only = {
        **KEY,
        "title": "Exports rose 5 percent.",
        "figures": [
            {
                "value": "5",
                "unit": "%",
                "qualifier": "exact",
                "period": None,
                "name": "Imports, growth",
                "head": "imports",
                "sentence": "Imports rose 5 percent",
            }
        ],
        "actions": 0,
    }
    loaded = load_key(write_key(tmp_path, "twice", imports_only, text))
    exports = Figure(
        "Exports growth", Decimal(5), "%", "exact", None, "Exports rose 5 percent.", 0
    )
    imports = Figure(
        "Imports growth", Decimal(5), "%", "exact", None, "Imports rose 5 percent.", 24
    )

    result = score_text(loaded, replace(perfect(loaded), figures=(exports, imports)))

    assert result.matched == [(loaded.figures[0], imports)]
    assert result.extra == [exports]


def test_scoring_counts_a_text_whose_action_count_differs(key):
    extraction = perfect(key)
    report = scored(key, replace(extraction, actions=extraction.actions[:1]))

    assert report.actions_exact == 0.0


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda path: path.write_text("{", encoding="utf-8"), "is not valid JSON"),
        (
            lambda path: path.write_text(
                json.dumps(
                    {**KEY, "figures": [{**KEY["figures"][0], "qualifier": "over"}]}
                ),
                encoding="utf-8",
            ),
            "figures[0].qualifier 'over' is not one of",
        ),
        (
            lambda path: path.write_text(
                json.dumps(
                    {**KEY, "figures": [{**KEY["figures"][0], "value": "7.1.5"}]}
                ),
                encoding="utf-8",
            ),
            "figures[0].value '7.1.5' is not a number",
        ),
        (
            lambda path: path.write_text(
                json.dumps({**KEY, "covers": ["thin-spaces"]}), encoding="utf-8"
            ),
            "unknown class(es) in 'covers': thin-spaces",
        ),
        (
            lambda path: path.write_text(
                json.dumps({**KEY, "held_on": "19/07/2024"}), encoding="utf-8"
            ),
            "held_on must be a date as YYYY-MM-DD",
        ),
        (
            lambda path: path.with_suffix(".txt").unlink(),
            "its press text port.txt cannot be read",
        ),
    ],
)
def test_scoring_malformed_key_is_refused_naming_the_file(tmp_path, change, problem):
    path = write_key(tmp_path, "port", KEY)
    change(path)

    with pytest.raises(MalformedKey) as error:
        load_keys(tmp_path)

    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_scoring_command_prints_a_table_and_the_targets(tmp_path):
    write_key(tmp_path, "port", KEY)
    out = io.StringIO()

    call_command("score_extraction", str(tmp_path), "--verbose", stdout=out)

    printed = out.getvalue()
    assert "port" in printed
    assert "overall (1 texts)" in printed
    assert "value+unit F1" in printed and "target ≥ 0.95" in printed


def test_scoring_command_json_has_the_overall_scores(tmp_path):
    write_key(tmp_path, "port", KEY)
    out = io.StringIO()

    call_command("score_extraction", str(tmp_path), "--json", stdout=out)

    data = json.loads(out.getvalue())
    assert data["overall"]["texts"] == 1
    assert {t["measure"] for t in data["targets"]} >= {
        "value+unit F1",
        "invented values",
    }


def test_scoring_command_scores_one_language_when_asked(tmp_path):
    write_key(tmp_path, "port", KEY)
    chinese = {**KEY, "title": "港口吞吐量", "figures": [], "actions": 0}
    write_key(tmp_path, "zh_port", chinese, text="港口吞吐量\n\n上半年港口运行平稳。")
    out = io.StringIO()

    call_command("score_extraction", str(tmp_path), "--language", "zh", stdout=out)

    printed = out.getvalue()
    assert "zh_port" in printed
    assert "overall (1 texts)" in printed
    english_only = tmp_path / "english"
    english_only.mkdir()
    write_key(english_only, "port", KEY)
    with pytest.raises(CommandError, match="no answer keys in zh"):
        call_command(
            "score_extraction",
            str(english_only),
            "--language",
            "zh",
            stdout=io.StringIO(),
        )


def test_scoring_command_refuses_a_malformed_key_naming_it(tmp_path):
    path = write_key(tmp_path, "port", {**KEY, "actions": "two"})

    with pytest.raises(CommandError, match=str(path)):
        call_command("score_extraction", str(tmp_path), stdout=io.StringIO())


def test_scoring_command_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="not a folder of answer keys"):
        call_command(
            "score_extraction", str(tmp_path / "nowhere"), stdout=io.StringIO()
        )


def test_corpus_is_well_formed_and_covers_every_class():
    keys = load_keys(KEYS)

    assert len(keys) >= 20
    assert [p for key in keys for p in problems(key)] == []
    for key in keys:
        # A Chinese text has no spaces: its length is counted in characters.
        if key.language == "zh":
            length = sum(1 for c in key.text if not c.isspace())
            assert 150 <= length <= 800, (key.name, length)
        else:
            words = len(key.text.split())
            assert 80 <= words <= 400, (key.name, words)
    covered = {name for key in keys for name in key.covers}
    assert sorted(set(COVERS) - covered) == []
    # Scoring the whole corpus runs end to end; its numbers are the command's job.
    report = score_keys(keys)
    assert len(report.texts) == len(keys)
