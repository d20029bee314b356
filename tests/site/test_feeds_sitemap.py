"""The announcement feeds (RSS and Atom) and the sitemap: public texts only."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement
from announcements.sitemaps import AnnouncementSitemap
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


def read_sitemap(client) -> str:
    """Return every section of the sitemap that /sitemap.xml indexes, joined."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(
        r"<loc>http://testserver([^<]+)</loc>", index.content.decode()
    )
    assert sections
    pages = [client.get(section) for section in sections]
    assert all(page.status_code == 200 for page in pages)
    return "".join(page.content.decode() for page in pages)


def test_sitemap_is_an_index_of_bounded_sections(client, texts):
    index = client.get("/sitemap.xml").content.decode()

    assert "<sitemapindex" in index
    for section in ["announcements", "topics", "indicators", "actions"]:
        assert f"/sitemap-{section}.xml</loc>" in index


def test_sitemap_section_pages_through_texts_beyond_its_limit(client, monkeypatch):
    monkeypatch.setattr(AnnouncementSitemap, "limit", 2)
    texts = AnnouncementFactory.create_batch(3, published=True)

    index = client.get("/sitemap.xml").content.decode()
    first = client.get("/sitemap-announcements.xml").content.decode()
    second = client.get("/sitemap-announcements.xml?p=2").content.decode()
    beyond = client.get("/sitemap-announcements.xml?p=3")

    assert "/sitemap-announcements.xml?p=2</loc>" in index
    assert sum(text.get_absolute_url() in first for text in texts) == 2
    assert sum(text.get_absolute_url() in second for text in texts) == 1
    assert beyond.status_code == 404


def test_sitemap_lists_public_texts_and_topics_only(client, texts):
    public, hidden = texts

    body = read_sitemap(client)

    assert public.get_absolute_url() in body
    assert "/topics/" in body
    for text in hidden:
        assert text.get_absolute_url() not in body
