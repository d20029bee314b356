"""A Chinese press text reads as well as an English one (issue 21).

Numbers with their scale and unit ("10万亿元", "3100个"), qualifiers ("超
过", "约"), growth rates ("同比增长8.3%"), periods ("上半年", "1-6月") and
numbered measures ("一是……二是……", "第一，……"), and the import of the
demo's Chinese version of the seed briefing.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from announcements.models import Announcement
from indicators.demo_zh import TEXTS_ZH
from indicators.ingestion import extract
from indicators.ingestion.importer import (
    accept_suggestions,
    import_press_text,
    match_indicator,
)
from indicators.ingestion.numbers import in_english_scale
from indicators.ingestion.scoring import load_keys, score_keys
from indicators.models import PolicyAction
from tests.factories import IndicatorFactory
from tests.ingestion.test_admin import IMPORT_URL, review_post, review_url

KEYS = Path(__file__).parent / "keys"
D = datetime.date
HELD_ON = D(2024, 7, 22)
H1_2024 = (D(2024, 1, 1), D(2024, 6, 30))


def figures_of(text, held_on=HELD_ON):
    return extract(text, held_on=held_on).figures


def only_figure(text, held_on=HELD_ON):
    (figure,) = figures_of(text, held_on)
    return figure


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "qualifier"),
    [
        ("1-6月，四个行业合计收入超过10万亿元。", "10", "万亿元", "more_than"),
        ("在建项目超过3100个。", "3100", "个", "more_than"),
        ("关键工序数控化率达到55.7%。", "55.7", "%", "exact"),
        ("全国5G基站总数达到337.7万个。", "3.377", "百万个", "exact"),
        ("全省新能源汽车产量达到46.8万辆。", "468000", "辆", "exact"),
        ("其中近3800亿元用于铁路和公路项目。", "380", "十亿元", "nearly"),
        ("当年新增5G基站约88.7万个。", "887000", "个", "about"),
        ("5G手机终端用户突破4.2亿户。", "420", "百万户", "exceeded"),
        ("培育系统解决方案供应商6000余家。", "6000", "家", "more_than"),
        ("5G网络覆盖80%以上的行政村。", "80", "%", "more_than"),
        ("服务覆盖九成以上的制造业行业。", "90", "%", "more_than"),
        ("新增装机容量1.2亿千瓦。", "120", "百万千瓦", "exact"),
        ("出口额不足500万美元。", "5", "百万美元", "less_than"),
    ],
)
def test_chinese_number_scale_and_unit_read_in_the_english_scale(
    sentence, value, unit, qualifier
):
    figure = only_figure(sentence)

    assert (figure.value, figure.unit, figure.qualifier) == (
        Decimal(value),
        unit,
        qualifier,
    )


def test_one_fact_gives_the_same_value_and_scale_in_both_languages():
    english = only_figure("Revenue exceeded 10 trillion yuan in the first half.")
    chinese = only_figure("上半年收入超过10万亿元。")

    assert english.value == chinese.value
    assert (english.unit, chinese.unit) == ("trillion yuan", "万亿元")


def test_values_keep_their_digits_when_converted_to_the_english_scale():
    assert in_english_scale(Decimal("14.0"), 12) == (Decimal("14.0"), "万亿")
    assert in_english_scale(Decimal("94994"), 8) == (Decimal("9.4994"), "万亿")
    assert in_english_scale(Decimal("1"), 4) == (Decimal("10000"), "")
    assert in_english_scale(Decimal("3100"), 0) == (Decimal("3100"), "")


@pytest.mark.parametrize(
    "sentence",
    [
        "国务院新闻办公室2023年7月19日上午举行新闻发布会。",
        "“5G+工业互联网”512工程加快推进。",
        "这是连续第3年举办这项活动。",
        "审批时间压缩到5个工作日，办理期限为3个月。",
        "第十四届全国人大一次会议在北京开幕。",
        "电话：010-12345678。",
        "项目为期3-5年。",
    ],
)
def test_numbers_that_name_or_date_things_are_no_figures(sentence):
    assert figures_of(sentence) == ()


# ------------------------------------------------------------------ changes


def test_a_growth_rate_is_a_change_of_the_measure_before_it_not_a_level():
    text = "1-6月，全国一般公共预算收入11.6万亿元，同比下降2.8%；支出同比增长8.3%。"

    revenue, fall, rise = figures_of(text)

    assert (revenue.kind, revenue.value) == ("level", Decimal("11.6"))
    assert (fall.kind, fall.value, fall.unit) == ("change", Decimal("-2.8"), "%")
    assert fall.name == "全国一般公共预算收入同比增速"
    assert (rise.kind, rise.value, rise.name) == (
        "change",
        Decimal("8.3"),
        "支出同比增速",
    )


def test_a_rise_to_a_level_is_the_level_and_points_are_a_change_in_points():
    level, points = figures_of("数控化率提高到60.1%，比上年提高2.3个百分点。")

    assert (level.kind, level.value, level.unit) == ("level", Decimal("60.1"), "%")
    assert (points.kind, points.value, points.unit) == (
        "change",
        Decimal("2.3"),
        "个百分点",
    )


# ------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("sentence", "start", "end", "label"),
    [
        ("上半年，收入超过10万亿元。", D(2024, 1, 1), D(2024, 6, 30), "2024 H1"),
        ("1-6月，收入超过10万亿元。", D(2024, 1, 1), D(2024, 6, 30), "Jan–Jun 2024"),
        ("一季度，产量达到46.8万辆。", D(2024, 1, 1), D(2024, 3, 31), "2024 Q1"),
        ("2023年，收入增长6.2%。", D(2023, 1, 1), D(2023, 12, 31), "2023"),
        (
            "截至2023年6月，普及率达到78.3%。",
            D(2023, 1, 1),
            D(2023, 6, 30),
            "Jan–Jun 2023 (cumulative)",
        ),
        (
            "截至2023年底，基站总数达到337.7万个。",
            D(2023, 1, 1),
            D(2023, 12, 31),
            "2023",
        ),
        ("前三季度，收入增长5.2%。", D(2024, 1, 1), D(2024, 9, 30), "2024 Q1–Q3"),
        ("去年，收入增长5.2%。", D(2023, 1, 1), D(2023, 12, 31), "2023"),
    ],
)
def test_chinese_periods_date_their_figures(sentence, start, end, label):
    figure = only_figure(sentence)

    assert (figure.period_start, figure.period_end, figure.period_label) == (
        start,
        end,
        label,
    )


def test_the_same_period_last_year_is_a_base_not_the_figures_period():
    figure = only_figure("今年上半年，收入比上年同期增长8.3%。")

    assert (figure.period_start, figure.period_end) == H1_2024


def test_a_deadline_ahead_marks_a_target():
    figure = only_figure("到2025年，大数据产业规模将突破3万亿元。")

    assert figure.is_target
    assert figure.period_end == D(2025, 12, 31)


def test_a_period_stated_in_one_sentence_dates_the_next():
    first, second = figures_of("1-6月，收入超过10万亿元。在建项目超过3100个。")

    assert (second.period_start, second.period_end) == H1_2024
    assert first.period == second.period or first.period_label == "Jan–Jun 2024"


# ------------------------------------------------------------------ names


def test_the_name_is_the_noun_phrase_before_the_number():
    figure = only_figure(
        "1-6月，电子信息制造业、软件业、通信业和互联网合计收入超过10万亿元。"
    )

    assert figure.name == "电子信息制造业、软件业、通信业和互联网合计收入"


def test_respectively_gives_each_figure_its_own_subject():
    rate, penetration = figures_of(
        "规模以上工业企业关键工序数控化率和数字化研发设计工具普及率分别达到55.7%和75.1%。"
    )

    assert (rate.value, rate.name) == (
        Decimal("55.7"),
        "规模以上工业企业关键工序数控化率",
    )
    assert (penetration.value, penetration.name) == (
        Decimal("75.1"),
        "数字化研发设计工具普及率",
    )


def test_a_part_of_the_figure_before_it_says_how_it_differs():
    projects, new = figures_of("在建项目超过3100个，其中二季度新增700个。")

    assert new.name == "在建项目（新增）"
    assert (new.period_start, new.period_end) == (D(2024, 4, 1), D(2024, 6, 30))
    assert projects.name == "在建项目"


def test_a_rank_is_named_for_what_is_ranked():
    figure = only_figure("我国数字经济规模已连续多年位居世界第二。")

    assert (figure.value, figure.unit, figure.name) == (
        Decimal("2"),
        "位",
        "我国数字经济规模世界排名",
    )


def test_a_hard_wrapped_chinese_paragraph_reads_as_one():
    extraction = extract(
        "标题\n\n1-6月，电子信息制造业、软件业、通信业和互联网合计\n收入超过10万亿元。",
        held_on=HELD_ON,
    )

    (figure,) = extraction.figures
    assert figure.name == "电子信息制造业、软件业、通信业和互联网合计收入"
    assert "合计收入" in extraction.body


# ------------------------------------------------------------------ actions


def actions_of(text):
    return [action.title for action in extract(text, held_on=HELD_ON).actions]


def test_yi_shi_er_shi_items_are_actions():
    titles = actions_of(
        "下半年，财政部将重点做好两项工作：一是加快专项债券资金使用进度，"
        "推动项目尽早开工；二是继续支持地方保障基本民生。"
    )

    assert titles == [
        "加快专项债券资金使用进度，推动项目尽早开工",
        "继续支持地方保障基本民生",
    ]


def test_di_yi_di_er_items_are_actions():
    titles = actions_of(
        "下一步，工业和信息化部将从三个方面发力。第一，加强核心技术攻关。"
        "第二，优化网络布局。第三，激发数据要素活力。"
    )

    assert titles == ["加强核心技术攻关", "优化网络布局", "激发数据要素活力"]


def test_parenthesised_and_numbered_items_are_actions():
    parenthesised = actions_of(
        "下一步将重点做好两方面工作：\n\n（一）加快充电设施建设。\n\n（二）支持整车企业开拓海外市场。"
    )
    numbered = actions_of(
        "2024年将重点做好以下工作：\n\n1. 适度超前建设5G网络。\n2. 加强网络和数据安全保障。"
    )

    assert parenthesised == ["加快充电设施建设", "支持整车企业开拓海外市场"]
    assert numbered == ["适度超前建设5G网络", "加强网络和数据安全保障"]


def test_a_numbered_list_of_findings_gives_no_actions():
    titles = actions_of(
        "上半年数字经济呈现两个特点。一是数字产业规模继续扩大，收入超过10万亿元。"
        "二是产业数字化转型加快，在建项目超过3100个。"
    )

    assert titles == []


def test_the_ministry_named_before_a_chinese_list_is_responsible():
    extraction = extract(
        "王鹏说，下一步，工业和信息化部将从两个方面发力。第一，加强核心技术攻关。第二，优化网络布局。"
    )

    assert {a.responsible_body for a in extraction.actions} == {"工业和信息化部"}


# ------------------------------------------------------------------ the corpus


def test_the_chinese_answer_keys_score_as_well_as_the_english_targets():
    keys = load_keys(KEYS, language="zh")

    report = score_keys(keys)

    assert len(keys) >= 4
    assert report.f1 >= 0.95
    assert report.qualifier >= 0.95
    assert report.period >= 0.90
    assert report.name >= 0.90
    assert report.bare_names == 0
    assert report.invented == 0
    assert report.actions_exact >= 0.90


# ------------------------------------------------------------------ importing

SEED_ZH = TEXTS_ZH["miit-digital-economy-first-half-2022"]


@pytest.mark.django_db
def test_the_chinese_seed_imports_with_its_figures_and_actions(editor):
    text = f"{SEED_ZH['title']}\n\n{SEED_ZH['body']}"

    result = import_press_text(text, held_on=D(2022, 7, 19), user=editor)

    announcement = result.announcement
    assert announcement.language == Announcement.Language.CHINESE
    assert announcement.title == SEED_ZH["title"]
    assert announcement.organizer == "国务院新闻办公室"
    assert announcement.kind == Announcement.Kind.PRESS_CONFERENCE
    figures = {
        (s.data["value"], s.data["unit"], s.data["qualifier"], s.data["period_label"])
        for s in announcement.import_suggestions.filter(kind="figure")
    }
    assert {
        ("10", "万亿元", "more_than", "Jan–Jun 2022"),
        ("3100", "个", "more_than", "2022 H1"),
        ("700", "个", "exact", "2022 Q2"),
        ("6000", "家", "more_than", "2022 H1"),
        ("55.7", "%", "exact", "2022 H1"),
        ("75.1", "%", "exact", "2022 H1"),
    } <= figures
    assert announcement.import_suggestions.filter(kind="action").count() == 5


@pytest.mark.django_db
def test_accepting_a_chinese_figure_gives_an_observation_with_its_chinese_indicator(
    editor,
):
    text = f"{SEED_ZH['title']}\n\n{SEED_ZH['body']}"
    announcement = import_press_text(text, held_on=D(2022, 7, 19)).announcement
    suggestion = next(
        s
        for s in announcement.import_suggestions.filter(kind="figure")
        if s.data["unit"] == "万亿元"
    )
    data = suggestion.data

    result = accept_suggestions(
        announcement,
        figures=[
            {
                "suggestion": suggestion,
                "name": data["name"],
                "value": Decimal(data["value"]),
                "unit": data["unit"],
                "qualifier": data["qualifier"],
                "period_label": data["period_label"],
                "period_start": D.fromisoformat(data["period_start"]),
                "period_end": D.fromisoformat(data["period_end"]),
                "quote": data["quote"],
                "indicator": None,
            }
        ],
        user=editor,
    )

    (observation,) = result.observations
    assert observation.value == Decimal("10")
    assert observation.qualifier == "more_than"
    indicator = observation.indicator
    assert indicator.name_zh_hans == "电子信息制造业、软件业、通信业和互联网合计收入"
    assert (indicator.unit_zh_hans, indicator.unit_en) == ("万亿元", "trillion yuan")
    assert not indicator.name_en  # for an editor to translate, not Chinese in English
    assert observation.quote in text


@pytest.mark.django_db
def test_a_chinese_figure_finds_the_indicator_by_its_chinese_name_and_unit():
    indicator = IndicatorFactory(
        name_en="Revenue of the digital industries",
        unit_en="trillion yuan",
        name_zh_hans="电子信息制造业、软件业、通信业和互联网业务收入",
        unit_zh_hans="万亿元",
    )

    found = match_indicator("电子信息制造业、软件业、通信业和互联网合计收入", "万亿元")

    assert found == indicator
    assert (
        match_indicator("电子信息制造业、软件业、通信业和互联网合计收入", "个") is None
    )


@pytest.mark.django_db
def test_accepted_chinese_actions_are_stored_in_chinese():
    text = f"{SEED_ZH['title']}\n\n{SEED_ZH['body']}"
    announcement = import_press_text(text, held_on=D(2022, 7, 19)).announcement
    actions = [
        {"suggestion": s, **s.data}
        for s in announcement.import_suggestions.filter(kind="action")
    ]

    accept_suggestions(announcement, actions=actions)

    first = PolicyAction.objects.get(announcement=announcement, ordinal=1)
    assert first.title_zh_hans == "核心技术"
    assert first.description_zh_hans.startswith("核心技术。实施创新驱动发展战略")
    assert first.responsible_body_zh_hans == "工业和信息化部"
    assert not first.title_en


@pytest.mark.django_db
def test_the_admin_imports_reviews_and_accepts_a_chinese_text(editor_client):
    text = f"{SEED_ZH['title']}\n\n{SEED_ZH['body']}"
    response = editor_client.post(IMPORT_URL, {"text": text, "held_on": "2022-07-19"})
    announcement = Announcement.objects.get()
    page = editor_client.get(review_url(announcement))

    accepted = editor_client.post(review_url(announcement), review_post(page))

    assert response.status_code == 302
    assert "电子信息制造业、软件业、通信业和互联网合计收入" in page.content.decode()
    assert accepted.status_code == 302
    observations = announcement.observations.select_related("indicator")
    assert {(o.value, o.indicator.unit_zh_hans) for o in observations} >= {
        (Decimal("10"), "万亿元"),
        (Decimal("3100"), "个"),
        (Decimal("55.7"), "%"),
        (Decimal("75.1"), "%"),
    }
    assert announcement.actions.count() == 5
