"""Cleaning: title, paragraphs, boilerplate, source tags, HTML, decoding."""

import codecs

import pytest

from indicators.ingestion import MAX_BYTES, UnreadableText, decode_bytes, extract

HTML_PAGE = """<!doctype html><html><head><title>Output up | Example News</title>
<script>var tracking = "More than 99% of readers";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> &gt; <a href="/news">News</a></nav>
<article><h1>Output rises in the first quarter</h1>
<p>The ministry said industrial output reached 3.2 trillion yuan in the first quarter,
up 5.1&nbsp;percent year on year.</p>
<p>Next, the ministry will take three steps:</p>
<ol><li>Strengthen support for small firms.</li><li>Expand export credit.</li>
<li>Improve the business environment.</li></ol>
</article>
<div class="share">Share this:</div>
<form><p>Leave a Reply</p><p>Your email address will not be published.</p></form>
<footer>Copyright 2023 Example News</footer></body></html>"""


def test_html_input_keeps_the_article_and_drops_the_page():
    extraction = extract(HTML_PAGE)

    assert extraction.title == "Output rises in the first quarter"
    assert extraction.paragraphs[0].startswith("The ministry said industrial output")
    assert "tracking" not in extraction.text and "color" not in extraction.text
    assert "Home" not in extraction.body and "Copyright" not in extraction.body
    assert "Leave a Reply" not in extraction.body


def test_html_entities_are_decoded_and_quotes_come_from_the_visible_text():
    extraction = extract(HTML_PAGE)

    assert [str(f.value) for f in extraction.figures] == ["3.2", "5.1"]
    assert all(f.quote in extraction.text for f in extraction.figures)
    assert "5.1 percent" in extraction.figures[1].quote


def test_an_ordered_html_list_is_a_numbered_list_of_actions():
    extraction = extract(HTML_PAGE)

    assert [(a.ordinal, a.title) for a in extraction.actions] == [
        (1, "Strengthen support for small firms"),
        (2, "Expand export credit"),
        (3, "Improve the business environment"),
    ]
    assert "1. Strengthen support for small firms." in extraction.paragraphs


def test_comment_form_and_share_lines_are_removed_and_everything_after_the_form():
    text = (
        "Title\n\nThe text.\n\nShare this:\nFacebook Twitter WeChat\n\nLeave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *\n\n"
        "Comment *\n\nName *\n\nSave my name, email, and website in this browser.\n\n"
        "A stray line from the comment form."
    )

    assert extract(text).paragraphs == ("The text.",)


def test_learned_that_tag_becomes_the_source_and_leaves_the_sentence():
    extraction = extract(
        "Title\n\nRevenue grew. Xinhua learned that the ministry will act."
    )

    assert extraction.source_name == "Xinhua"
    assert extraction.paragraphs == ("Revenue grew. The ministry will act.",)


def test_markdown_specials_in_the_text_render_as_written():
    extraction = extract("Title\n\n# not a heading, *not emphasis* and a <b>tag</b>")

    assert extraction.paragraphs[0].startswith("\\# not a heading, \\*not emphasis\\*")
    assert "&lt;b>" in extraction.paragraphs[0]


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Title\n\nThe ministry said that industrial output in the first quarter\n"
        "rose steadily across all regions of the country.\n\nSecond paragraph."
    )

    assert extract(text).paragraphs == (
        "The ministry said that industrial output in the first quarter rose steadily "
        "across all regions of the country.",
        "Second paragraph.",
    )


def test_a_text_without_a_title_line_takes_its_first_sentence():
    extraction = extract("Exports rose 5 percent in May. Imports fell.")

    assert extraction.title == "Exports rose 5 percent in May"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Revenue grew.", "Revenue grew."),
        (codecs.BOM_UTF8 + b"Revenue grew.", "Revenue grew."),
        ("Revenue grew.".encode("utf-16"), "Revenue grew."),
        ("营业收入超过10万亿元。".encode("gb18030"), "营业收入超过10万亿元。"),
    ],
)
def test_text_in_the_usual_encodings_is_read(data, text):
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Revenue \xe9t\xe9 \x80\x81 in caf\xe9", "not UTF-8"),
        (b"a" * (MAX_BYTES + 1), "limit is 2 MB"),
    ],
)
def test_unreadable_bytes_are_refused_with_a_reason(data, message):
    with pytest.raises(UnreadableText, match=message):
        decode_bytes(data)
