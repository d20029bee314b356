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
