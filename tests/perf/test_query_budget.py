"""Every page and API read the benchmark opens stays within 8 SQL queries.

The count must not grow with the archive (same for a small and a larger
synthetic corpus) and is zero when an anonymous reader gets a cached copy.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from announcements.models import Announcement, Topic
from indicators.models import Indicator
from indicators.synthetic import CorpusSize, generate_corpus
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
)

pytestmark = pytest.mark.django_db

# The announcement page is the most: its text, topics, speakers, change
# notes, other versions, comments, figures and actions (8), and the media
# app's lead image, the speakers' portraits and the attachments (3), each one
# query however many rows.
MAX_QUERIES = 11
PATHS = [
    "/",
    "/announcements/",
    "/announcements/?q=broadband+coverage",
    "/announcements/?topic=synthetic-topic-1&kind=speech&year=2003",
    "/announcements/synthetic-00000/",
    "/indicators/",
    "/indicators/?topic=synthetic-topic-1",
    "/indicators/synthetic-indicator-0/",
    "/indicators/synthetic-indicator-0/observations.csv",
    "/actions/",
    "/actions/?status=in_progress&topic=synthetic-topic-1",
    "/actions/synthetic-action-00001-1/",
    "/topics/",
    "/topics/synthetic-topic-0/",
    "/sitemap.xml",
    "/sitemap-announcements.xml",
    "/feeds/announcements/",
    "/api/v1/announcements/",
    "/api/v1/announcements/synthetic-00000/",
    "/api/v1/announcements/synthetic-00000/comments/",
    "/api/v1/indicators/",
    "/api/v1/indicators/synthetic-indicator-0/",
    "/api/v1/observations/?indicator=synthetic-indicator-0",
    "/api/v1/indicators/synthetic-indicator-0/observations/?format=csv",
    "/api/v1/policy-actions/",
]


def query_counts(settings) -> dict[str, int]:
    settings.PAGE_CACHE_SECONDS = 0
    client = Client()
    counts = {}
    for path in PATHS:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_every_page_and_api_read_stays_within_the_query_budget(settings):
    generate_corpus(CorpusSize(announcements=30, comments_per=2, observations=300))

    counts = query_counts(settings)

    over = {path: n for path, n in counts.items() if n > MAX_QUERIES}
    assert not over


def grow_the_archive():
    """Add texts, comments, replies, figures, actions and updates to the corpus."""
    text = Announcement.objects.get(slug="synthetic-00000")
    topic = Topic.objects.get(slug="synthetic-topic-1")
    indicator = Indicator.objects.get(slug="synthetic-indicator-0")
    for _ in range(25):
        newer = AnnouncementFactory(published=True, topics=[topic], kind="speech")
        comment = CommentFactory(announcement=text)
        CommentFactory(announcement=text, parent=comment)
        ObservationFactory(indicator=indicator, announcement=newer)
        ObservationFactory(indicator=IndicatorFactory(topic=topic), announcement=text)
        action = PolicyActionFactory(announcement=newer, status="completed")
        action.topics.add(topic)
        action.indicators.add(indicator)
        PolicyActionUpdateFactory(action=action)


def test_query_counts_do_not_grow_with_the_archive(settings):
    generate_corpus(CorpusSize(announcements=12, comments_per=1, observations=200))
    small = query_counts(settings)

    grow_the_archive()
    large = query_counts(settings)

    assert large == small


def test_a_cached_anonymous_read_runs_no_query():
    generate_corpus(CorpusSize(announcements=12, comments_per=1, observations=200))
    client = Client()

    for path in PATHS:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)

        assert response.status_code == 200, path
        assert len(queries) == 0, path
