"""Figures marked where they stand in a text, and values linked to their sentences."""

import datetime
import html
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from indicators.demo import ANNOUNCEMENT
from indicators.models import Observation
from tests.factories import AnnouncementFactory, IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"}
MARK = re.compile(r'<a class="figure-mark[^"]*" id="figure-(\d+)" href="([^"]+)"[^>]*>')


class Balance(HTMLParser):
    """Refuse unbalanced tags and a link inside a link."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "a" and "a" in self.stack:
            self.errors.append("a link inside a link")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()


def body_of(page: str) -> str:
    start = page.index('<div class="body prose">')
    end = page.index("</div>", start)
    return page[start : end + len("</div>")]


def assert_valid(fragment: str) -> None:
    checker = Balance()
    checker.feed(fragment)
    checker.close()
    assert checker.errors == [] and checker.stack == [], (checker.errors, fragment)


def test_the_seed_page_marks_its_eight_figures_and_each_link_lands(client):
    call_command("load_demo", verbosity=0)
    page = client.get(f"/announcements/{ANNOUNCEMENT['slug']}/").content.decode()
    body = body_of(page)
    figures = {
        o.pk: o
        for o in Observation.objects.filter(
            announcement__slug=ANNOUNCEMENT["slug"]
        ).select_related("indicator")
    }

    marks = MARK.findall(body)

    assert len(figures) == 8
    assert sorted(int(pk) for pk, _ in marks) == sorted(figures)
    assert_valid(body)
    for pk, href in marks:
        figure = figures[int(pk)]
        path, anchor = href.split("#")
        assert path == figure.indicator.get_absolute_url()
        assert anchor == f"observation-{pk}"
        target = client.get(path)
        assert target.status_code == 200
        assert f'id="observation-{pk}"' in target.content.decode()
        tag = re.search(rf'<a class="figure-mark[^"]*" id="figure-{pk}"[^>]*>', body)
        label = html.unescape(tag.group(0))
        assert 'aria-label="' in label
        assert f"{figure.indicator.name}, {figure.period_label}" in label
        # The figures table leads back to the sentence.
        assert f'href="#figure-{pk}"' in page


def test_each_value_on_an_indicator_page_links_to_its_place_in_the_text(client):
    call_command("load_demo", verbosity=0)
    page = client.get("/indicators/5g-base-stations/").content.decode()

    links = re.findall(r'href="(/announcements/[^"#]+/)#figure-(\d+)"', page)

    assert len(links) == 6
    for path, pk in links:
        assert f'id="figure-{pk}"' in client.get(path).content.decode()


def test_a_revised_figure_says_so_where_it_stands(client):
    call_command("load_demo", verbosity=0)
    page = client.get("/announcements/software-revenue-2022/").content.decode()

    mark = re.search(r'<a class="figure-mark figure-mark--revised"[^>]*>', page)

    assert mark is not None
    assert "revised later: now 10,800.0 billion yuan" in mark.group(0)
    assert "(revised later)" in body_of(page)


def text_with(body, *figures):
    """A public text with `body` and its figures: (value, unit, quote)."""
    announcement = AnnouncementFactory(published=True, body=body)
    observations = []
    for n, (value, unit, quote) in enumerate(figures):
        observations.append(
            ObservationFactory(
                announcement=announcement,
                indicator=IndicatorFactory(unit=unit, decimals=0),
                value=Decimal(value),
                quote=quote,
                period_start=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            )
        )
    return announcement, observations


def page_of(client, announcement):
    response = client.get(announcement.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_quote_edited_away_leaves_the_figure_listed_with_a_note(client):
    announcement, [figure] = text_with(
        "Output rose by 12% in March.", ("12", "%", "Output rose by 12% in March.")
    )
    announcement.body = "Output rose in March."
    announcement.save()

    page = page_of(client, announcement)
    indicator_page = client.get(figure.indicator.get_absolute_url()).content.decode()

    assert "figure-mark" not in body_of(page)
    assert f'href="#figure-{figure.pk}"' not in page
    row = re.search(rf'<tr id="figure-{figure.pk}".*?</tr>', page, re.S)
    assert "Its sentence is no longer in the text." in row.group(0)
    # The indicator page's link lands on that row: it never breaks.
    assert f'{announcement.get_absolute_url()}#figure-{figure.pk}"' in indicator_page


def test_the_same_number_twice_is_marked_in_its_own_sentence(client):
    announcement, [figure] = text_with(
        "Exports grew 12% last year. Imports grew 12% in March.",
        ("12", "%", "Imports grew 12% in March."),
    )

    body = body_of(page_of(client, announcement))

    assert body.count("figure-mark") == 1
    assert re.search(r"Imports grew <a class=\"figure-mark\"[^>]*>12%</a>", body)
    assert_valid(body)


def test_a_figure_split_by_emphasis_is_not_marked_but_its_sentence_is_found(client):
    announcement, [figure] = text_with(
        "Revenue passed **10** trillion yuan.",
        ("10", "trillion yuan", "Revenue passed 10 trillion yuan."),
    )

    page = page_of(client, announcement)
    body = body_of(page)

    assert "figure-mark" not in body
    assert f'id="figure-{figure.pk}"' in body  # the sentence's anchor
    assert f'href="#figure-{figure.pk}"' in page
    assert re.search(r"<strong>(<span[^>]*>)?10(</span>)?</strong>", body)
    assert_valid(body)


def test_a_figure_inside_a_link_gets_no_link_inside_the_link(client):
    announcement, [figure] = text_with(
        "See [3,100 projects](https://example.org/projects) for details.",
        ("3100", "projects", "See 3,100 projects for details."),
    )

    body = body_of(page_of(client, announcement))

    assert "figure-mark" not in body
    assert f'id="figure-{figure.pk}"' in body
    assert 'href="https://example.org/projects"' in body
    assert_valid(body)


def test_a_figure_in_a_table_cell_is_marked_inside_the_cell(client):
    announcement, [figure] = text_with(
        "| Item | Count |\n|---|---|\n| Projects | 3,100 |\n",
        ("3100", "projects", "3,100"),
    )

    body = body_of(page_of(client, announcement))

    assert re.search(
        r"<td>(<span[^>]*>)?<a class=\"figure-mark\"[^>]*>3,100</a>(</span>)?</td>",
        body,
    )
    assert_valid(body)


def test_a_figure_entered_by_hand_is_marked_only_where_its_number_is_unique(client):
    unique, [once] = text_with("Output rose 7.5% in May.", ("7.5", "%", ""))
    twice, [ambiguous] = text_with(
        "Output rose 7.5% in May. Sales rose 7.5% too.", ("7.5", "%", "")
    )

    assert f'id="figure-{once.pk}"' in body_of(page_of(client, unique))
    body = body_of(page_of(client, twice))
    assert "figure-mark" not in body
    assert "Its sentence is no longer in the text." not in page_of(client, twice)


def test_markup_in_a_quote_cannot_reach_the_page(client):
    announcement, [figure] = text_with(
        "Output rose 12% in <b>March</b>.",
        ("12", "%", 'Output rose 12% in <script>alert("x")</script>.'),
    )

    page = page_of(client, announcement)

    assert "<script>alert" not in page
    assert_valid(body_of(page))
