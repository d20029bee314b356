"""A commenter's email appears nowhere the public can look (issue 7).

The test crawls the site the way a scraper would, from the home page, the
sitemap, the feeds and the API root, following every link it finds, so
pages and endpoints added later are scanned without editing this file.
"""

import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from announcements.models import Comment
from indicators.demo import load_demo

pytestmark = pytest.mark.django_db

CANARY_EMAIL = "Canary.Leak-7f3q@Example.org"
CANARY_PATTERN = re.compile(r"canary\.leak-7f3q", re.IGNORECASE)
SEEDS = [
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/announcements/",
    "/feeds/announcements/atom/",
    "/api/v1/",
]
NOT_PUBLIC = ("/admin/", "/static/", "/i18n/", "/api/v1/docs/")
MAX_PAGES = 600
LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
XML_LINK = re.compile(r"<(?:loc|link|id)>([^<]+)</")
JSON_URL = re.compile(r"""^(?:https?://testserver)?/[^\s]*$""")


@pytest.fixture
def canary_comments():
    announcement = load_demo()
    approved = Comment.objects.create(
        announcement=announcement,
        author_name="Canary Reader",
        author_email=CANARY_EMAIL,
        author_url="https://canary.example.net/",
        body="A question from the canary about the 5G projects.",
        status=Comment.Status.APPROVED,
        ip="203.0.113.99",
        user_agent="CanaryBrowser/1.0",
    )
    Comment.objects.create(
        announcement=announcement,
        parent=approved,
        author_name="Canary Reader",
        author_email=CANARY_EMAIL.lower(),
        body="And a follow-up from the canary.",
        status=Comment.Status.APPROVED,
    )
    Comment.objects.create(
        announcement=announcement,
        author_name="Canary Reader",
        author_email=CANARY_EMAIL,
        body="A held comment from the canary.",
        status=Comment.Status.PENDING,
    )
    return announcement, approved


def links_in(path: str, response) -> set[str]:
    content_type = response.get("Content-Type", "")
    text = response.content.decode("utf-8", "replace")
    found: set[str] = set()
    if "json" in content_type:
        found.update(_json_urls(json.loads(text)))
    elif "xml" in content_type:
        found.update(XML_LINK.findall(text))
    else:
        found.update(LINK.findall(text))
    paths = set()
    for link in found:
        absolute = urljoin(f"http://testserver{path}", link.strip())
        parts = urlsplit(absolute)
        if parts.netloc not in {"testserver", "example.com"}:
            continue
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if not target.startswith(NOT_PUBLIC):
            paths.add(target)
    return paths


def _json_urls(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_urls(item)
    elif isinstance(value, str) and JSON_URL.match(value):
        yield value


def crawl(client) -> dict[str, object]:
    seen: dict[str, object] = {}
    queue = deque(SEEDS)
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code == 200:
            queue.extend(links_in(path, response) - seen.keys())
    return seen


def test_no_public_page_feed_sitemap_api_or_export_carries_a_commenters_email(
    client, canary_comments
):
    announcement, approved = canary_comments

    responses = crawl(client)

    # The scan reached what it must: the comment's page, its API, feeds, CSV.
    reached = set(responses)
    assert announcement.get_absolute_url() in reached
    assert any(path.endswith(".csv") for path in reached)
    assert any(path.startswith("/api/v1/announcements/") for path in reached)
    assert any(path.startswith("/feeds/") for path in reached)
    assert approved.body in responses[announcement.get_absolute_url()].content.decode()
    api_comments = f"/api/v1/announcements/{announcement.slug}/comments/"
    assert approved.body in client.get(api_comments).content.decode()

    leaks = [
        path
        for path, response in responses.items()
        if CANARY_PATTERN.search(response.content.decode("utf-8", "replace"))
    ]
    assert leaks == []
    server_errors = [p for p, r in responses.items() if r.status_code >= 500]
    assert server_errors == []


def test_api_csv_exports_carry_no_commenter_email(client, canary_comments):
    for path in ["/api/v1/observations/", "/api/v1/indicators/"]:
        response = client.get(path, HTTP_ACCEPT="text/csv")

        assert response.status_code < 500
        assert not CANARY_PATTERN.search(response.content.decode("utf-8", "replace"))
