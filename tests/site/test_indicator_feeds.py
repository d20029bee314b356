"""RSS feeds per indicator (new and revised figures) and per action (updates)."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
    hidden_announcements,
)

pytestmark = pytest.mark.django_db


def rss_items(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return [
        {child.tag: (child.text or "") for child in item}
        for item in channel.findall("item")
    ]


def test_indicator_feed_lists_each_figure_with_qualifier_period_and_source(client):
    indicator = IndicatorFactory(unit="trillion yuan", decimals=0)
    observation = ObservationFactory(
        indicator=indicator,
        value=Decimal("10"),
        qualifier="more_than",
        period_label="2022 H1",
        quote="Revenue exceeded 10 trillion yuan.",
    )

    (item,) = rss_items(client.get(reverse("indicator_feed", args=[indicator.slug])))

    assert item["title"] == "2022 H1: > 10 trillion yuan"
    assert item["link"].endswith(
        f"{indicator.get_absolute_url()}#observation-{observation.pk}"
    )
    assert observation.announcement.title in item["description"]
    assert observation.announcement.get_absolute_url() in item["description"]
    assert "Revenue exceeded 10 trillion yuan." in item["description"]
    assert item["pubDate"]


def test_indicator_feed_marks_a_revised_figure_newest_first(client):
    indicator = IndicatorFactory(unit="%")
    first = AnnouncementFactory(
        published=True,
        held_on=datetime.date(2024, 4, 1),
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    later = AnnouncementFactory(
        published=True,
        held_on=datetime.date(2024, 7, 1),
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    ObservationFactory(indicator=indicator, announcement=first, value=Decimal("5.5"))
    ObservationFactory(indicator=indicator, announcement=later, value=Decimal("5.3"))

    items = rss_items(client.get(reverse("indicator_feed", args=[indicator.slug])))

    assert [item["title"] for item in items] == [
        "2024 Q1: 5.3% (revised)",
        "2024 Q1: 5.5%",
    ]


def test_indicator_feed_never_carries_figures_the_public_cannot_read(client):
    indicator = IndicatorFactory(unit="%")
    ObservationFactory(indicator=indicator, value=Decimal("1.5"))
    for announcement in hidden_announcements():
        ObservationFactory(
            indicator=indicator, announcement=announcement, value=Decimal("9.9")
        )

    response = client.get(reverse("indicator_feed", args=[indicator.slug]))

    assert [item["title"] for item in rss_items(response)] == ["2024 Q1: 1.5%"]
    assert b"never shown" not in response.content
    assert b"9.9" not in response.content


def test_indicator_feed_escapes_a_less_than_qualifier_as_text(client):
    indicator = IndicatorFactory(unit="%")
    ObservationFactory(indicator=indicator, qualifier="less_than", quote="<b>x</b>")

    (item,) = rss_items(client.get(reverse("indicator_feed", args=[indicator.slug])))

    assert item["title"].startswith("2024 Q1: < 5.5%")
    assert "&lt;b&gt;x&lt;/b&gt;" in item["description"]


def test_indicator_feed_of_unknown_or_hidden_indicator_is_404(client):
    hidden = IndicatorFactory()
    ObservationFactory(indicator=hidden, announcement=hidden_announcements()[0])

    assert client.get("/feeds/indicators/no-such-indicator/").status_code == 404
    assert client.get(reverse("indicator_feed", args=[hidden.slug])).status_code == 404


def test_action_feed_lists_status_updates_newest_first(client):
    action = PolicyActionFactory(title="Connect every county")
    evidence = AnnouncementFactory(published=True, title="Progress briefing")
    older = PolicyActionUpdateFactory(
        action=action,
        date=datetime.date(2024, 3, 1),
        status="in_progress",
        note="Work began.",
        evidence_announcement=evidence,
    )
    PolicyActionUpdateFactory(
        action=action,
        date=datetime.date(2024, 9, 1),
        status="completed",
        note="All counties connected.",
        evidence_url="https://example.org/report",
    )

    response = client.get(reverse("action_feed", args=[action.slug]))

    items = rss_items(response)
    assert [item["title"] for item in items] == [
        "2024-09-01: Completed",
        "2024-03-01: In progress",
    ]
    assert "https://example.org/report" in items[0]["description"]
    assert "Progress briefing" in items[1]["description"]
    assert items[1]["link"].endswith(f"{action.get_absolute_url()}#update-{older.pk}")
    assert b"Connect every county" in response.content


def test_action_feed_does_not_reveal_evidence_from_an_unpublished_text(client):
    action = PolicyActionFactory()
    PolicyActionUpdateFactory(
        action=action, evidence_announcement=hidden_announcements()[0]
    )

    response = client.get(reverse("action_feed", args=[action.slug]))

    (item,) = rss_items(response)
    assert "Work has started" in item["description"]
    assert b"never shown" not in response.content


def test_action_feed_of_unknown_or_hidden_action_is_404(client):
    assert client.get("/feeds/actions/no-such-action/").status_code == 404
    for announcement in hidden_announcements():
        action = PolicyActionFactory(announcement=announcement)

        assert client.get(reverse("action_feed", args=[action.slug])).status_code == 404
