"""The indicator pages: list, detail with chart and table, CSV download, sitemap."""

import csv
import datetime
import html
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    TopicFactory,
    hidden_announcements,
)
from tests.site.test_feeds_sitemap import read_sitemap

pytestmark = pytest.mark.django_db

Q1 = {
    "period_start": datetime.date(2024, 1, 1),
    "period_end": datetime.date(2024, 3, 31),
    "period_label": "2024 Q1",
}
Q2 = {
    "period_start": datetime.date(2024, 4, 1),
    "period_end": datetime.date(2024, 6, 30),
    "period_label": "2024 Q2",
}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def chart_of(response) -> str:
    match = re.search(r'<svg class="line-chart".*?</svg>', page_text(response), re.S)
    assert match, "the page has no line chart"
    return match.group(0)


def revised_series():
    """Return an indicator whose 2024 Q1 figure was revised by a later text."""
    indicator = IndicatorFactory(name="Output growth", slug="output-growth", unit="%")
    first = AnnouncementFactory(
        published=True, title="March briefing", held_on=datetime.date(2024, 4, 2)
    )
    later = AnnouncementFactory(
        published=True, title="July briefing", held_on=datetime.date(2024, 7, 15)
    )
    old = ObservationFactory(
        indicator=indicator, announcement=first, value=Decimal("5.5"), **Q1
    )
    new = ObservationFactory(
        indicator=indicator, announcement=later, value=Decimal("5.3"), **Q1
    )
    q2 = ObservationFactory(
        indicator=indicator, announcement=later, value=Decimal("5.9"), **Q2
    )
    return indicator, old, new, q2


# --- /indicators/ ------------------------------------------------------------


def test_indicator_list_groups_indicators_by_topic_with_latest_value_as_stated(
    client,
):
    industry = TopicFactory(name="Industry", slug="industry")
    indicator = IndicatorFactory(
        name="Industry revenue", unit="trillion yuan", decimals=0, topic=industry
    )
    ObservationFactory(
        indicator=indicator,
        value=Decimal("10"),
        qualifier="more_than",
        period_label="2022 H1",
    )
    ObservationFactory(indicator=IndicatorFactory(name="Untopical count"))

    response = page_text(client.get(reverse("indicators:indicator_list")))

    assert "Industry" in response
    assert "> 10 trillion yuan" in response
    assert "2022 H1" in response
    assert response.index("Industry revenue") < response.index("Untopical count")
    assert "Other indicators" in response


def test_indicator_list_shows_a_sparkline_and_links_each_indicator(client):
    indicator = IndicatorFactory(name="Projects built")
    ObservationFactory(indicator=indicator, value=Decimal("3100"), **Q1)
    ObservationFactory(indicator=indicator, value=Decimal("3800"), **Q2)

    response = client.get(reverse("indicators:indicator_list"))

    body = page_text(response)
    assert response.status_code == 200
    assert re.search(
        r'<svg class="sparkline"[^>]*>\s*<polyline points="[\d.,\s]+"', body
    )
    assert indicator.get_absolute_url() in body


def test_indicator_list_never_shows_figures_from_texts_the_public_cannot_read(client):
    secret = IndicatorFactory(name="Secret indicator")
    mixed = IndicatorFactory(name="Mixed indicator", unit="projects", decimals=0)
    ObservationFactory(indicator=mixed, value=Decimal("100"), **Q1)
    for announcement in hidden_announcements():
        ObservationFactory(indicator=secret, announcement=announcement)
        ObservationFactory(
            indicator=mixed, announcement=announcement, value=Decimal("999"), **Q2
        )

    body = page_text(client.get(reverse("indicators:indicator_list")))

    assert "Secret indicator" not in body
    assert "Mixed indicator" in body
    assert "100 projects" in body
    assert "999" not in body


def test_indicator_list_with_nothing_published_says_so(client):
    response = client.get(reverse("indicators:indicator_list"))

    assert response.status_code == 200
    assert "No figures have been published yet." in page_text(response)


def test_indicator_list_runs_the_same_queries_for_1_and_30_indicators(client):
    url = reverse("indicators:indicator_list")
    topics = TopicFactory.create_batch(3)

    def add_indicator(i):
        indicator = IndicatorFactory(topic=topics[i % 3])
        ObservationFactory(indicator=indicator, **Q1)
        ObservationFactory(indicator=indicator, **Q2)

    add_indicator(0)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(1, 30):
        add_indicator(i)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(url)

    assert response.content.decode().count('class="indicator-card"') == 30
    assert len(thirty) == len(one)


def test_indicator_list_pages_through_indicators_grouped_by_topic(client, settings):
    topic = TopicFactory(name="Industry", slug="industry")
    for i in range(35):
        ObservationFactory(
            indicator=IndicatorFactory(name=f"Series {i:02d}", topic=topic)
        )
    url = reverse("indicators:indicator_list")

    first = page_text(client.get(url))
    second = page_text(client.get(url, {"page": 2}))

    assert first.count('class="indicator-card"') == 30
    assert second.count('class="indicator-card"') == 5
    assert "Series 00" in first and "Series 34" in second
    assert "Industry" in second
    assert "Page 1 of 2" in first and 'href="?page=2"' in first


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1e9", "\x00", "9" * 40])
def test_indicator_list_answers_a_page_that_cannot_exist_with_404(client, page):
    ObservationFactory()

    response = client.get(reverse("indicators:indicator_list"), {"page": page})

    assert response.status_code == 404


def test_indicator_list_filters_by_topic_and_ignores_an_unknown_one(client):
    industry = TopicFactory(name="Industry", slug="industry")
    ObservationFactory(indicator=IndicatorFactory(name="Output", topic=industry))
    ObservationFactory(indicator=IndicatorFactory(name="Harvest"))
    url = reverse("indicators:indicator_list")

    on_topic = page_text(client.get(url, {"topic": "industry"}))
    unknown = client.get(url, {"topic": "no-such-topic"})

    assert "Indicators on Industry" in on_topic
    assert "Output" in on_topic and "Harvest" not in on_topic
    assert unknown.status_code == 200
    assert "Harvest" in page_text(unknown)


# --- /indicators/<slug>/ -----------------------------------------------------


def test_indicator_page_draws_an_accessible_chart_with_axes_and_units(client):
    indicator, old, new, q2 = revised_series()

    response = client.get(indicator.get_absolute_url())

    chart = chart_of(response)
    assert response.status_code == 200
    assert 'role="img"' in chart
    assert "<title id=" in chart and "Output growth, in %, over time" in chart
    assert "<desc id=" in chart and "from 5.3% for 2024 Q1 to 5.9% for 2024 Q2" in chart
    assert re.search(r">\d+(\.\d+)?%</text>", chart), "y ticks carry the unit"
    # The x axis is a time scale; each point names its period.
    assert "<title>2024 Q1: " in chart and "<title>2024 Q2: " in chart
    assert ">2024</text>" in chart
    assert "<polyline" in chart


def test_indicator_chart_plots_the_current_series_and_not_revised_values(client):
    indicator, old, new, q2 = revised_series()

    chart = chart_of(client.get(indicator.get_absolute_url()))

    assert chart.count("<circle") == 2
    assert "2024 Q1: 5.3%" in chart
    assert "5.5%" not in chart


def test_indicator_table_marks_the_revised_value_and_links_each_source(client):
    indicator, old, new, q2 = revised_series()

    body = page_text(client.get(indicator.get_absolute_url()))

    old_row = re.search(rf'<tr id="observation-{old.pk}".*?</tr>', body, re.S).group(0)
    new_row = re.search(rf'<tr id="observation-{new.pk}".*?</tr>', body, re.S).group(0)
    assert "<del>" in old_row and "5.5%" in old_row and "revised" in old_row
    assert f'href="#observation-{new.pk}"' in old_row and "now 5.3%" in old_row
    assert "<del>" not in new_row and "revised figure" in new_row
    assert old.announcement.get_absolute_url() in old_row
    assert "March briefing" in old_row and "July briefing" in new_row
    assert "Reported" in new_row


def test_indicator_table_does_not_call_a_repeated_figure_revised(client):
    indicator = IndicatorFactory(unit="%")
    first = AnnouncementFactory(published=True, held_on=datetime.date(2024, 4, 2))
    later = AnnouncementFactory(published=True, held_on=datetime.date(2024, 7, 2))
    old = ObservationFactory(
        indicator=indicator, announcement=first, value=Decimal("5.5")
    )
    ObservationFactory(indicator=indicator, announcement=later, value=Decimal("5.5"))

    body = page_text(client.get(indicator.get_absolute_url()))

    old_row = re.search(rf'<tr id="observation-{old.pk}".*?</tr>', body, re.S).group(0)
    assert "restated later" in old_row
    assert "<del>" not in old_row


def test_indicator_page_shows_qualifier_and_quality_honestly(client):
    indicator = IndicatorFactory(unit="trillion yuan", decimals=0)
    ObservationFactory(
        indicator=indicator,
        value=Decimal("10"),
        qualifier="more_than",
        quality="provisional",
    )

    body = page_text(client.get(indicator.get_absolute_url()))

    assert "> 10 trillion yuan" in body
    assert "Provisional" in body
    assert "Hollow points" in chart_of(client.get(indicator.get_absolute_url()))


def test_indicator_page_with_one_figure_still_draws_a_chart(client):
    indicator = IndicatorFactory(unit="projects", decimals=0)
    ObservationFactory(indicator=indicator, value=Decimal("3100"))

    chart = chart_of(client.get(indicator.get_absolute_url()))

    assert chart.count("<circle") == 1
    assert "One figure so far: 3,100 projects for 2024 Q1." in chart
    assert chart.count("<line") >= 3  # axes and at least one gridline


def test_rank_indicator_reads_as_a_rank_with_number_one_on_top(client):
    indicator = IndicatorFactory(name="World rank", unit="rank", decimals=0)
    ObservationFactory(indicator=indicator, value=Decimal("2"), period_label="2021")

    chart = chart_of(client.get(indicator.get_absolute_url()))

    assert "No. 2" in chart
    assert "Rank (1 = top)" in chart
    assert "Rank 1 is at the top." in chart
    assert ">0</text>" not in chart


def test_indicator_page_never_shows_figures_or_sources_the_public_cannot_read(client):
    indicator = IndicatorFactory(unit="%")
    ObservationFactory(indicator=indicator, value=Decimal("5.5"), **Q1)
    for announcement in hidden_announcements():
        ObservationFactory(
            indicator=indicator, announcement=announcement, value=Decimal("77.7"), **Q1
        )

    body = page_text(client.get(indicator.get_absolute_url()))

    assert "77.7" not in body
    assert "never shown" not in body
    assert "<del>" not in body and "flag--revision" not in body


def test_indicator_page_lists_sources_feed_csv_and_measured_actions(client):
    indicator, old, new, q2 = revised_series()
    action = PolicyActionFactory(title="Raise output")
    action.indicators.add(indicator)
    hidden = PolicyActionFactory(
        title="Hidden action", announcement=hidden_announcements()[0]
    )
    hidden.indicators.add(indicator)

    body = page_text(client.get(indicator.get_absolute_url()))

    sources = re.search(r'<h2 id="sources">.*?</section>', body, re.S).group(0)
    assert sources.index("July briefing") < sources.index("March briefing")
    assert reverse("indicator_feed", args=[indicator.slug]) in body
    assert reverse("indicators:indicator_csv", args=[indicator.slug]) in body
    assert "Raise output" in body and action.get_absolute_url() in body
    assert "Hidden action" not in body


@pytest.mark.parametrize("slug", ["no-such-indicator", "x" * 300])
def test_unknown_indicator_is_404(client, slug):
    assert client.get(f"/indicators/{slug}/").status_code == 404


def test_indicator_with_only_hidden_figures_is_404(client):
    indicator = IndicatorFactory()
    for announcement in hidden_announcements():
        ObservationFactory(indicator=indicator, announcement=announcement)

    assert client.get(indicator.get_absolute_url()).status_code == 404


def test_indicator_page_runs_the_same_queries_for_1_and_30_figures(client):
    indicator = IndicatorFactory()
    announcements = [
        AnnouncementFactory(published=True, held_on=datetime.date(2000 + i, 12, 1))
        for i in range(30)
    ]

    def add(i):
        ObservationFactory(
            indicator=indicator,
            announcement=announcements[i],
            period_start=datetime.date(2000 + i, 1, 1),
            period_end=datetime.date(2000 + i, 12, 31),
            period_label=str(2000 + i),
        )

    add(0)
    with CaptureQueriesContext(connection) as one:
        client.get(indicator.get_absolute_url())
    for i in range(1, 30):
        add(i)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(indicator.get_absolute_url())

    assert chart_of(response).count("<circle") == 30
    assert len(thirty) == len(one)


# --- /indicators/<slug>/observations.csv -------------------------------------


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.mark.parametrize(
    "value",
    [
        Decimal("55.7"),
        Decimal("0.000001"),
        Decimal("10"),
        Decimal("-3.25"),
        Decimal("987654321.123456"),
    ],
)
def test_csv_gives_each_value_exactly(client, value):
    observation = ObservationFactory(value=value)

    response = client.get(
        reverse("indicators:indicator_csv", args=[observation.indicator.slug])
    )

    (row,) = read_csv(response)
    assert Decimal(row["value"]) == value
    assert "e" not in row["value"].lower()


def test_csv_is_an_attachment_with_qualifier_and_source(client):
    indicator = IndicatorFactory(slug="industry-revenue", unit="trillion yuan")
    observation = ObservationFactory(
        indicator=indicator, value=Decimal("10"), qualifier="more_than"
    )

    response = client.get(reverse("indicators:indicator_csv", args=[indicator.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="industry-revenue.csv"'
    )
    (row,) = read_csv(response)
    assert row["qualifier"] == "more_than"
    assert row["unit"] == "trillion yuan"
    assert row["announcement"] == observation.announcement.slug
    assert row["period_label"] == "2024 Q1"


def test_csv_gives_the_current_series_and_revisions_on_request(client):
    indicator, old, new, q2 = revised_series()
    url = reverse("indicators:indicator_csv", args=[indicator.slug])

    current = read_csv(client.get(url))
    everything = read_csv(client.get(url + "?include=revisions"))
    garbage = read_csv(client.get(url + "?include=%00nonsense"))

    assert [r["value"] for r in current] == ["5.3", "5.9"]
    assert sorted(r["value"] for r in everything) == ["5.3", "5.5", "5.9"]
    assert garbage == current


def test_csv_never_includes_figures_the_public_cannot_read(client):
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, value=Decimal("1.5"), **Q1)
    for announcement in hidden_announcements():
        ObservationFactory(
            indicator=indicator, announcement=announcement, value=Decimal("9.9"), **Q2
        )
    url = reverse("indicators:indicator_csv", args=[indicator.slug])

    for response in (client.get(url), client.get(url + "?include=revisions")):
        assert [row["value"] for row in read_csv(response)] == ["1.5"]
        assert "never shown" not in response.content.decode()


def test_csv_of_unknown_or_hidden_indicator_is_404(client):
    hidden = IndicatorFactory()
    ObservationFactory(indicator=hidden, announcement=hidden_announcements()[0])

    assert client.get("/indicators/nope/observations.csv").status_code == 404
    assert (
        client.get(reverse("indicators:indicator_csv", args=[hidden.slug])).status_code
        == 404
    )


def test_csv_refuses_a_post(client):
    observation = ObservationFactory()
    url = reverse("indicators:indicator_csv", args=[observation.indicator.slug])

    assert client.post(url).status_code == 405


# --- sitemap -----------------------------------------------------------------


def test_sitemap_lists_public_indicators_and_actions_only(client):
    public = ObservationFactory().indicator
    hidden = IndicatorFactory()
    ObservationFactory(indicator=hidden, announcement=hidden_announcements()[0])
    action = PolicyActionFactory()
    hidden_action = PolicyActionFactory(announcement=hidden_announcements()[1])

    body = read_sitemap(client)

    assert public.get_absolute_url() in body
    assert action.get_absolute_url() in body
    assert hidden.get_absolute_url() not in body
    assert hidden_action.get_absolute_url() not in body


def test_sitemap_dates_an_indicator_by_its_latest_public_figure(client):
    indicator = IndicatorFactory()
    ObservationFactory(
        indicator=indicator,
        announcement=AnnouncementFactory(
            published=True,
            published_at=datetime.datetime(2024, 5, 6, tzinfo=datetime.UTC),
        ),
    )
    ObservationFactory(indicator=indicator, announcement=hidden_announcements()[1])

    body = read_sitemap(client)

    entry = re.search(
        rf"<loc>[^<]*{indicator.get_absolute_url()}</loc>\s*<lastmod>([^<]+)</lastmod>",
        body,
    )
    assert entry and entry.group(1) == "2024-05-06"
