"""Enumerated measures, and lists of findings that are not measures."""

from indicators.ingestion import extract


def actions(body):
    return [(a.ordinal, a.title) for a in extract(f"A briefing\n\n{body}").actions]


def test_the_first_is_to_list_is_a_list_of_measures():
    body = (
        "The first is to expand demand. It matters.\n\n"
        "The second is to stabilise jobs.\n\nThe third is to open up further."
    )

    assert actions(body) == [
        (1, "Expand demand"),
        (2, "Stabilise jobs"),
        (3, "Open up further"),
    ]


def test_firstly_secondly_with_imperatives_in_one_paragraph():
    body = "Firstly, cut fees for small firms. Secondly, speed up approvals. Lastly, protect data."

    assert actions(body) == [
        (1, "Cut fees for small firms"),
        (2, "Speed up approvals"),
        (3, "Protect data"),
    ]


def test_numbered_lists_in_both_styles():
    assert actions("1. Build more charging piles.\n2. Upgrade rural grids.") == [
        (1, "Build more charging piles"),
        (2, "Upgrade rural grids"),
    ]
    assert actions("(1) Promote green finance.\n(2) Support exporters.") == [
        (1, "Promote green finance"),
        (2, "Support exporters"),
    ]


def test_an_inline_list_after_a_colon_is_split_at_semicolons():
    body = (
        "The commission will do three things: first, improve the pension system; "
        "second, expand medical insurance; third, support elderly care."
    )

    assert actions(body) == [
        (1, "Improve the pension system"),
        (2, "Expand medical insurance"),
        (3, "Support elderly care"),
    ]


def test_a_list_of_findings_yields_no_actions():
    body = (
        "First, the scale of the digital industry continued to increase. "
        "Second, the process of digital transformation has been accelerated. "
        "Third, exports grew by 5 percent."
    )

    assert actions(body) == []


def test_past_measures_by_the_government_count():
    body = "First, we launched a pilot programme in ten cities. Second, we cut taxes for SMEs."

    assert [title for _n, title in actions(body)] == [
        "We launched a pilot programme in ten cities",
        "We cut taxes for SMEs",
    ]


def test_a_lone_first_is_not_a_list():
    assert actions("First, let me thank the press for coming.") == []


def test_two_lists_keep_ordinals_unique():
    body = (
        "The first is to cut costs.\n\nThe second is to raise quality.\n\n"
        "Next year, the ministry will also act on rural areas. "
        "The first is to build roads.\n\nThe second is to train teachers."
    )

    assert [n for n, _title in actions(body)] == [1, 2, 3, 4]


def test_long_first_sentences_get_a_short_title():
    body = (
        "The first is to strengthen the protection of intellectual property rights; "
        "improve the mechanism for rapid collaborative protection, expand the coverage "
        "of protection centres across all provinces and regions of the whole country.\n\n"
        "The second is to improve services."
    )

    first = extract(f"A briefing\n\n{body}").actions[0]

    assert first.title == "Strengthen the protection of intellectual property rights"
    assert first.text.startswith(
        "Strengthen the protection of intellectual property rights; improve"
    )
