"""The policy tracker: /actions/ and /actions/<slug>/."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indicators.models import PolicyAction
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
    TopicFactory,
    hidden_announcements,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/actions/"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def page_text_raw(response) -> str:
    return response.content.decode()


def section(body: str, status: str) -> str:
    match = re.search(rf'<section id="status-{status}".*?</section>', body, re.S)
    return match.group(0) if match else ""


def action_item(body: str, action) -> str:
    pattern = rf'<article[^>]*aria-labelledby="action-{action.pk}".*?</article>'
    return re.search(pattern, body, re.S).group(0)


def five_actions_briefing():
    """Return a public briefing that announced five actions, numbered 1 to 5."""
    briefing = AnnouncementFactory(
        published=True,
        title="Mid-year industry briefing",
        held_on=datetime.date(2022, 7, 19),
    )
    actions = [
        PolicyActionFactory(
            announcement=briefing,
            ordinal=n,
            title=f"Action number {n}",
            slug=f"action-{n}",
        )
        for n in range(1, 6)
    ]
    return briefing, actions


# --- /actions/ ---------------------------------------------------------------


def test_tracker_groups_actions_by_status_with_counts(client):
    _, actions = five_actions_briefing()
    actions[1].status = PolicyAction.Status.IN_PROGRESS
    actions[1].save()
    actions[2].status = PolicyAction.Status.COMPLETED
    actions[2].save()

    body = page_text(client.get(LIST_URL))

    assert re.search(r"Announced</a> <span class=\"count\">3</span>", body)
    assert re.search(r"In progress</a> <span class=\"count\">1</span>", body)
    assert re.search(r"Stalled <span class=\"count\">0</span>", body)
    assert "Action number 2" in section(body, "in_progress")
    assert "Action number 3" in section(body, "completed")
    assert "Action number 2" not in section(body, "announced")


def test_tracker_says_where_and_when_each_action_was_announced_and_its_ordinal(
    client,
):
    briefing, actions = five_actions_briefing()

    body = page_text(client.get(LIST_URL))

    item = action_item(body, actions[1])
    assert "2nd of 5" in item
    assert "Mid-year industry briefing" in item
    assert briefing.get_absolute_url() in item
    assert 'datetime="2022-07-19"' in item
    assert "Ministry of Examples" in item


def test_tracker_flags_overdue_actions_only(client):
    late = PolicyActionFactory(
        title="Late action", target_date=datetime.date(2020, 1, 1)
    )
    done = PolicyActionFactory(
        title="Done action",
        target_date=datetime.date(2020, 1, 1),
        status=PolicyAction.Status.COMPLETED,
    )
    future = PolicyActionFactory(
        title="Future action",
        target_date=timezone.localdate() + datetime.timedelta(days=30),
    )

    body = page_text(client.get(LIST_URL))

    assert "overdue" in action_item(body, late)
    assert "overdue" not in action_item(body, done)
    assert "overdue" not in action_item(body, future)


def test_tracker_links_the_public_indicators_that_measure_an_action(client):
    action = PolicyActionFactory()
    measured = ObservationFactory().indicator
    secret = IndicatorFactory(name="Secret measure")
    ObservationFactory(indicator=secret, announcement=hidden_announcements()[0])
    action.indicators.add(measured, secret)

    body = page_text(client.get(LIST_URL))

    assert measured.get_absolute_url() in body
    assert "Secret measure" not in body


def test_tracker_never_shows_actions_from_texts_the_public_cannot_read(client):
    PolicyActionFactory(title="Public action")
    for announcement in hidden_announcements():
        PolicyActionFactory(title="Hidden action", announcement=announcement)

    body = page_text(client.get(LIST_URL))

    assert "Public action" in body
    assert "Hidden action" not in body
    assert "never shown" not in body
    assert re.search(r"Announced</a> <span class=\"count\">1</span>", body)


def test_tracker_filters_by_status_and_topic(client):
    industry = TopicFactory(name="Industry", slug="industry")
    PolicyActionFactory(title="Industry started", status="in_progress").topics.add(
        industry
    )
    PolicyActionFactory(title="Industry announced").topics.add(industry)
    PolicyActionFactory(title="Other started", status="in_progress")

    by_status = page_text(client.get(LIST_URL, {"status": "in_progress"}))
    by_topic = page_text(client.get(LIST_URL, {"topic": "industry"}))
    both = page_text(
        client.get(LIST_URL, {"status": "in_progress", "topic": "industry"})
    )

    assert "Industry started" in by_status and "Other started" in by_status
    assert "Industry announced" not in by_status
    assert "Industry started" in by_topic and "Industry announced" in by_topic
    assert "Other started" not in by_topic
    assert "Industry started" in both
    assert "Industry announced" not in both and "Other started" not in both


def test_tracker_lists_topics_with_their_count_of_public_actions(client):
    industry = TopicFactory(name="Industry", slug="industry")
    empty = TopicFactory(name="Empty topic", slug="empty")
    for _ in range(2):
        PolicyActionFactory().topics.add(industry)
    PolicyActionFactory(announcement=hidden_announcements()[0]).topics.add(
        industry, empty
    )

    body = page_text(client.get(LIST_URL))

    topics = re.search(r'<ul class="topic-counts.*?</ul>', body, re.S).group(0)
    assert re.search(r'href="\?topic=industry">Industry</a> <span[^>]*>\(2\)', topics)
    assert "Empty topic" not in body


@pytest.mark.parametrize(
    "query",
    [
        {"status": "nope"},
        {"topic": "no-such-topic"},
        {"topic": "\x00"},
        {"status": "\x00", "topic": "a\x00b"},
        {"topic": "x" * 10_000},
        {"status": ["completed", "announced"]},
        {"topic": "' OR 1=1 --"},
    ],
)
def test_tracker_answers_bad_filters_with_a_normal_page(client, query):
    PolicyActionFactory(title="Still listed")

    response = client.get(LIST_URL, query)

    assert response.status_code == 200
    assert "Still listed" in page_text(response)


def test_tracker_tells_the_reader_an_unknown_filter_was_ignored(client):
    response = client.get(LIST_URL, {"status": "nope"})

    assert "Unknown value, ignored." in page_text(response)


def test_tracker_with_no_actions_says_so(client):
    body = page_text(client.get(LIST_URL))

    assert "No actions match." in body


def test_tracker_runs_the_same_queries_for_1_and_30_actions(client):
    topic = TopicFactory()
    indicator = ObservationFactory().indicator
    briefings = AnnouncementFactory.create_batch(3, published=True)

    def add(i):
        action = PolicyActionFactory(
            announcement=briefings[i % 3],
            status=PolicyAction.Status.values[i % 5],
            target_date=datetime.date(2020, 1, 1),
        )
        action.topics.add(topic)
        action.indicators.add(indicator)

    add(0)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL)
    for i in range(1, 30):
        add(i)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(LIST_URL)

    assert response.content.decode().count('<article class="action') == 30
    assert len(thirty) == len(one)


def test_tracker_pages_through_actions_newest_first_keeping_filters(client):
    briefing = AnnouncementFactory(published=True, held_on=datetime.date(2020, 1, 1))
    newer = AnnouncementFactory(published=True, held_on=datetime.date(2023, 1, 1))
    for n in range(1, 56):
        PolicyActionFactory(announcement=briefing, ordinal=n, title=f"Old step {n}")
    PolicyActionFactory(announcement=newer, ordinal=1, title="Newest step")

    first = page_text(client.get(LIST_URL))
    second = page_text(client.get(LIST_URL, {"page": 2}))
    filtered = page_text(client.get(LIST_URL, {"status": "announced", "page": 2}))

    assert first.count('<article class="action') == 50
    assert second.count('<article class="action') == 6
    assert first.index("Newest step") < first.index("Old step 1<")
    assert re.search(r"Announced</a> <span class=\"count\">56</span>", second)
    assert "Page 2 of 2" in second
    assert 'href="?status=announced&amp;page=1"' in page_text_raw(
        client.get(LIST_URL, {"status": "announced", "page": 2})
    )
    assert filtered.count('<article class="action') == 6


@pytest.mark.parametrize("page", ["2", "0", "abc", "\x00", "9" * 40])
def test_tracker_answers_a_page_that_cannot_exist_with_404(client, page):
    PolicyActionFactory()

    response = client.get(LIST_URL, {"page": page})

    assert response.status_code == 404


# --- /actions/<slug>/ --------------------------------------------------------


def test_action_page_shows_the_action_where_announced_and_its_ordinal(client):
    briefing, actions = five_actions_briefing()
    action = actions[2]
    action.description = "Build 5G networks in every county."
    action.target_date = datetime.date(2020, 12, 31)
    action.save()
    action.topics.add(TopicFactory(name="Telecoms"))

    response = client.get(action.get_absolute_url())

    body = page_text(response)
    assert response.status_code == 200
    assert "<h1>Action number 3</h1>" in body
    assert "3rd of 5" in body
    assert "Mid-year industry briefing" in body
    assert "Build 5G networks in every county." in body
    assert "Announced" in body
    assert "overdue" in body
    assert "Telecoms" in body
    assert "Ministry of Examples" in body


def test_action_page_shows_measuring_indicators_with_their_latest_values(client):
    action = PolicyActionFactory()
    indicator = IndicatorFactory(name="5G base stations", unit="million", decimals=1)
    ObservationFactory(
        indicator=indicator,
        value=Decimal("1.5"),
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 12, 31),
        period_label="2021",
    )
    ObservationFactory(
        indicator=indicator,
        value=Decimal("1.9"),
        qualifier="more_than",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 6, 30),
        period_label="2022 H1",
    )
    action.indicators.add(indicator)

    body = page_text(client.get(action.get_absolute_url()))

    assert "5G base stations" in body
    assert "> 1.9 million" in body
    assert "2022 H1" in body


def test_action_page_shows_the_timeline_of_updates_in_date_order(client):
    action = PolicyActionFactory()
    evidence = AnnouncementFactory(published=True, title="Progress briefing")
    PolicyActionUpdateFactory(
        action=action,
        date=datetime.date(2024, 9, 1),
        status="completed",
        note="All counties connected.",
        evidence_url="https://example.org/report",
    )
    PolicyActionUpdateFactory(
        action=action,
        date=datetime.date(2024, 3, 1),
        status="in_progress",
        note="Work began.",
        evidence_announcement=evidence,
    )

    body = page_text(client.get(action.get_absolute_url()))

    timeline = re.search(r'<ol class="timeline">.*?</ol>', body, re.S).group(0)
    assert timeline.index("Work began.") < timeline.index("All counties connected.")
    assert 'datetime="2024-03-01"' in timeline
    assert "In progress" in timeline and "Completed" in timeline
    assert evidence.get_absolute_url() in timeline
    assert 'href="https://example.org/report"' in timeline
    assert reverse("action_feed", args=[action.slug]) in body


def test_action_page_does_not_reveal_evidence_from_an_unpublished_text(client):
    action = PolicyActionFactory()
    draft = hidden_announcements()[0]
    PolicyActionUpdateFactory(action=action, evidence_announcement=draft)

    body = page_text(client.get(action.get_absolute_url()))

    assert "Work has started in three provinces." in body
    assert "never shown" not in body
    assert draft.get_absolute_url() not in body


@pytest.mark.parametrize("slug", ["no-such-action", "z" * 300])
def test_unknown_action_is_404(client, slug):
    assert client.get(f"/actions/{slug}/").status_code == 404


def test_action_from_a_text_the_public_cannot_read_is_404(client):
    for announcement in hidden_announcements():
        action = PolicyActionFactory(announcement=announcement)

        assert client.get(action.get_absolute_url()).status_code == 404


def test_action_page_runs_the_same_queries_for_1_and_30_updates_and_indicators(
    client,
):
    action = PolicyActionFactory()

    def add(i):
        PolicyActionUpdateFactory(
            action=action,
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            evidence_announcement=AnnouncementFactory(published=True),
        )
        action.indicators.add(ObservationFactory().indicator)
        action.topics.add(TopicFactory())

    add(0)
    with CaptureQueriesContext(connection) as one:
        client.get(action.get_absolute_url())
    for i in range(1, 30):
        add(i)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(action.get_absolute_url())

    assert response.content.decode().count('id="update-') == 30
    assert len(thirty) == len(one)
