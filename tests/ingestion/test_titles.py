"""The title of a press text: its headline, not the page furniture around it."""

import pytest

from indicators.ingestion.cleaning import clean

HEADLINE = "Port throughput climbs in the spring"
BODY = "Container throughput at coastal ports rose 6 percent in April."


def body(cleaned):
    return [cleaned.paragraph_text(p) for p in cleaned.paragraphs]


@pytest.mark.parametrize(
    "credit",
    [
        "(Photo: staff reporter)",
        "（Photo: staff reporter）",
        "Photo credit: Zhou Lan",
        "Photo by Zhou Lan/Xinhua",
        "Photo: Zhou Lan",
        "File photo shows cranes at a container terminal in Ningbo. (Xinhua/Zhou Lan)",
        "Source: Ministry of Transport",
        "Editor: Wang Fang",
    ],
)
def test_title_skips_a_photo_credit_or_source_line_above_the_headline(credit):
    cleaned = clean(f"{credit}\n\n{HEADLINE}\n\n{BODY}")

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


@pytest.mark.parametrize(
    "byline",
    [
        "By Li Ming",
        "By LI MING in Tianjin",
        "By staff reporter Li Ming, Harbour Daily",
        "Reporter: Li Ming",
        "Reporters: Li Ming and Chen Yu",
        "By Li Ming | 2023-05-08",
    ],
)
def test_title_skips_a_byline(byline):
    cleaned = clean(f"{byline}\n\n{HEADLINE}\n\n{BODY}")

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


@pytest.mark.parametrize(
    "date",
    [
        "2023-05-08",
        "2023-05-08 09:30:00",
        "May 8, 2023",
        "Monday, May 8, 2023 9:30 am",
        "8 May 2023",
        "Updated: May 8, 2023",
        "2023年5月8日",
    ],
)
def test_title_skips_a_bare_date(date):
    cleaned = clean(f"{date}\n\n{HEADLINE}\n\n{BODY}")

    assert cleaned.title == HEADLINE


@pytest.mark.parametrize(
    "furniture",
    [
        "Home > News > Economy",
        "You are here: Home » Transport",
        "Print | Email | Share",
        "[Print] [Close]",
        "Font size: A+ A A-",
        "Share on WeChat",
        "Weibo",
        "Share on WeChat\n\nWeibo\n\nPrint | Email",
    ],
)
def test_title_skips_site_navigation_and_share_buttons(furniture):
    cleaned = clean(f"{furniture}\n\n{HEADLINE}\n\n{BODY}")

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


def test_title_skips_a_pile_of_furniture_on_single_lines():
    text = (
        "Home > News > Economy\nBy Li Ming | 2023-05-08\n(Photo: staff reporter)\n"
        f"{HEADLINE}\n{BODY}"
    )

    assert clean(text).title == HEADLINE


def test_title_caption_below_the_headline_leaves_the_body_too():
    cleaned = clean(f"{HEADLINE}\n\n(Photo: staff reporter)\n\n{BODY}")

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


def test_title_source_named_on_a_credit_line_becomes_the_source():
    cleaned = clean(f"Source: Xinhua | 2023-05-08\n\n{HEADLINE}\n\n{BODY}")

    assert cleaned.title == HEADLINE
    assert cleaned.source_name == "Xinhua"


def test_title_taken_from_a_first_sentence_leaves_out_the_dateline():
    cleaned = clean(f"TIANJIN, May 8 (Xinhua) -- {BODY}")

    assert cleaned.title == BODY.rstrip(".")
    assert cleaned.source_name == "Xinhua"


def test_title_is_not_a_short_line_that_comes_after_the_body_starts():
    cleaned = clean(f"{BODY} Volumes at inland ports also grew.\n\nOutlook\n\nMore.")

    assert cleaned.title == BODY.rstrip(".")
    assert cleaned.paragraphs[1].heading


@pytest.mark.parametrize(
    "sentence",
    [
        "By 2025, the share of green berths will reach 50 percent.",
        "By the end of April, 40 new routes had opened.",
        "By sector, shipping led the growth",
        "Photos and videos of the new terminal drew wide interest online.",
    ],
)
def test_title_rules_keep_body_lines_that_start_like_furniture(sentence):
    cleaned = clean(f"{HEADLINE}\n\n{BODY}\n\n{sentence}")

    assert body(cleaned) == [BODY, sentence]


def test_title_of_an_html_page_skips_breadcrumbs_credits_and_bylines():
    html = (
        "<html><head><title>Harbour News</title></head><body>"
        '<div class="crumbs">Home &gt; News &gt; Economy</div>'
        "<p>Photo credit: Zhou Lan</p>"
        f"<p><strong>{HEADLINE}</strong></p>"
        "<p>By Li Ming</p>"
        '<div class="share">Share on WeChat | Weibo</div>'
        f"<p>{BODY}</p></body></html>"
    )

    cleaned = clean(html)

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


def test_title_of_an_html_page_skips_a_figure_caption():
    html = (
        "<html><body><figure><img src='port.jpg'>"
        "<figcaption>(Photo: staff reporter)</figcaption></figure>"
        f"<h2>{HEADLINE}</h2><p>{BODY}</p></body></html>"
    )

    assert clean(html).title == HEADLINE


def test_title_of_an_html_page_without_a_heading_drops_the_site_name():
    html = (
        f"<html><head><title>{HEADLINE} - Harbour News</title></head>"
        f"<body><p>Print | Email | Share</p><p>{BODY}</p></body></html>"
    )

    cleaned = clean(html)

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


def test_title_of_an_html_page_is_the_h1_its_title_repeats_not_the_logo():
    html = (
        f"<html><head><title>{HEADLINE} | Harbour News</title></head><body>"
        "<header><h1>Harbour News</h1></header>"
        f"<article><h1>{HEADLINE}</h1><p>{BODY}</p></article></body></html>"
    )

    cleaned = clean(html)

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


def test_title_of_an_html_page_named_only_after_its_site_is_the_article_h1():
    html = (
        "<html><head><title>Harbour News</title></head><body>"
        f"<h1>Harbour News</h1><h1>{HEADLINE}</h1><p>{BODY}</p></body></html>"
    )

    cleaned = clean(html)

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]


def test_title_rules_keep_a_reporters_question_in_a_transcript():
    question = "Reporter: What will the province do about old bridges?"

    cleaned = clean(f"{HEADLINE}\n\n{BODY}\n\n{question}")

    assert body(cleaned) == [BODY, question]


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to main content",
        "Home | News | Housing",
        "Xinhua | Updated: 2024-04-16 10:32",
        "Harbour Daily | 2023-05-08",
    ],
)
def test_title_skips_skip_links_link_bars_and_publisher_date_lines(furniture):
    cleaned = clean(f"{furniture}\n\n{HEADLINE}\n\n{BODY}")

    assert cleaned.title == HEADLINE
    assert body(cleaned) == [BODY]
