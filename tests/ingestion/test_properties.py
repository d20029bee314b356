"""Property tests: extract() never raises, and quotes are always exact."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.ingestion import extract

# Pieces of press-text language, so generated texts reach the figure and
# action rules and not just the "no numbers here" path.
FRAGMENTS = st.sampled_from(
    [
        "more than",
        "nearly half of",
        "up 8.3 percent year on year",
        "RMB 3.5 billion",
        "1.2 million",
        "ranked second in the world",
        "the top three",
        "The first is to",
        "Firstly,",
        "1.",
        "(2)",
        "from January to June",
        "in the second quarter",
        "last year",
        "respectively",
        "55.7% and 75.1%",
        "IT House learned that",
        "Leave a Reply",
        "<p>",
        "</li>",
        "&amp;",
        "\n\n",
        ". ",
        ", and",
        "exceeded 10 trillion yuan",
        "2022",
        "May",
        "；",
        "。",
    ]
)
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS,
    held_on=st.one_of(
        st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2099, 12, 31))
    ),
)
def test_extract_never_raises_and_quotes_are_substrings(text, held_on):
    extraction = extract(text, held_on=held_on)

    for figure in extraction.figures:
        assert figure.quote in extraction.text
        assert figure.period is None or figure.period.start <= figure.period.end
    if "<" not in text:
        assert extraction.text == text
        assert all(figure.quote in text for figure in extraction.figures)
    assert [a.ordinal for a in extraction.actions] == list(
        range(1, len(extraction.actions) + 1)
    )


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400))
def test_extract_never_raises_on_arbitrary_unicode(text):
    extraction = extract(text)

    assert all(figure.quote in extraction.text for figure in extraction.figures)
    assert len(extraction.title) <= 300


# Chinese press-text language (issue 21): numbers with scales and measure
# words, qualifiers, periods and list markers, mixed with any CJK text.
CHINESE_FRAGMENTS = st.sampled_from(
    [
        "超过10万亿元",
        "3100个",
        "55.7%和75.1%",
        "分别达到",
        "同比增长8.3%",
        "同比下降",
        "约88.7万个",
        "近3800亿元",
        "九成以上的",
        "位居世界第二",
        "上半年",
        "1-6月",
        "一季度",
        "截至2023年6月",
        "年底",
        "比上年同期",
        "到2025年",
        "当年",
        "其中",
        "一是",
        "二是",
        "第一，",
        "（一）",
        "1. ",
        "**",
        "。",
        "；",
        "，",
        "\n",
        "\n\n",
    ]
)
CJK_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=20
)
CHINESE_TEXTS = st.lists(
    st.one_of(CHINESE_FRAGMENTS, CJK_TEXT, st.text(max_size=5)), max_size=30
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=CHINESE_TEXTS,
    held_on=st.one_of(
        st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2099, 12, 31))
    ),
)
def test_extract_never_raises_on_chinese_text_and_quotes_are_substrings(text, held_on):
    extraction = extract(text, held_on=held_on)

    for figure in extraction.figures:
        assert figure.quote in extraction.text
        assert figure.name
        assert figure.period is None or figure.period.start <= figure.period.end
    assert [a.ordinal for a in extraction.actions] == list(
        range(1, len(extraction.actions) + 1)
    )
