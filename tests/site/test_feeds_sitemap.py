"""The announcement feeds (RSS and Atom) and the sitemap: public texts only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement
from tests.factories import AnnouncementFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def texts():
    """Return a public text and three the public must not find anywhere."""
    public = AnnouncementFactory(
        published=True,
        title="Public briefing on exports",
        summary="Exports rose <quickly> & steadily.",
        speakers=[SpeakerFactory(name="Wang Peng")],
        topics=[TopicFactory(name="Trade")],
    )
    hidden = [
        AnnouncementFactory(title="Draft briefing", slug="draft-briefing"),
        AnnouncementFactory(
            title="Scheduled briefing",
            slug="scheduled-briefing",
            status=Announcement.Status.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
        AnnouncementFactory(
            title="Withdrawn briefing",
            slug="withdrawn-briefing",
            status=Announcement.Status.WITHDRAWN,
            published_at=timezone.now() - datetime.timedelta(days=1),
            withdrawn_reason="Wrong.",
        ),
    ]
    return public, hidden


def test_rss_feed_lists_public_texts_only(client, texts):
    public, hidden = texts

    response = client.get(reverse("announcements_feed"))

    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in items] == ["Public briefing on exports"]
    assert items[0].findtext("link").endswith(public.get_absolute_url())
    assert items[0].findtext("description") == "Exports rose <quickly> & steadily."
    assert items[0].findtext("category") == "Trade"
    for text in hidden:
        assert text.slug.encode() not in response.content


def test_atom_feed_lists_public_texts_only(client, texts):
    public, hidden = texts

    response = client.get(reverse("announcements_atom"))

    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Public briefing on exports"
    ]
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text == "Wang Peng"
    for text in hidden:
        assert text.slug.encode() not in response.content


def test_sitemap_lists_public_texts_and_topics_only(client, texts):
    public, hidden = texts

    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    assert public.get_absolute_url() in body
    assert "/topics/" in body
    for text in hidden:
        assert text.get_absolute_url() not in body
