"""Two application nodes, one database, one Redis, Varnish in front of both.

What one node writes, the other node and Varnish show on the very next
request; the comment rate limit counts a reader's posts on either node.
"""

import json
import uuid

import pytest

from indicators.demo import ANNOUNCEMENT

from .servers import Gunicorn, child_env, request
from .site_client import post_api_comment
from .test_varnish import api, token_for
from .varnish import Varnish

pytestmark = pytest.mark.slow

SLUG = ANNOUNCEMENT["slug"]
TEXT = f"/announcements/{SLUG}/"


@pytest.fixture
def nodes(demo_database, redis_cache):
    env = child_env(
        demo_database.url,
        **redis_cache,
        COMMENT_MIN_SECONDS="0",
        COMMENT_RATE_LIMIT="3",
    )
    first, second = Gunicorn(env, workers=2), Gunicorn(env, workers=2)
    varnish = Varnish([first.port, second.port])
    env["PURGE_URLS"] = f"varnish://127.0.0.1:{varnish.port}"
    for node in (first, second):
        node.env["PURGE_URLS"] = env["PURGE_URLS"]
        node.start()
    varnish.start()
    yield first, second, varnish, env
    varnish.stop()
    first.close()
    second.close()


def test_a_write_on_one_node_shows_on_the_other_and_through_varnish_at_once(nodes):
    first, second, varnish, env = nodes
    token = token_for(env, "Editors")
    readers = [
        lambda: second.get(TEXT),
        lambda: first.get(TEXT),
        lambda: varnish.get(TEXT),
        lambda: second.get(f"/api/v1/announcements/{SLUG}/"),
    ]
    for read in readers:
        read()
        read()
    summaries = []

    for _ in range(3):
        summary = f"Summary from the first node {uuid.uuid4().hex[:8]}."
        api(
            first.port,
            "PATCH",
            f"/api/v1/announcements/{SLUG}/",
            token,
            {"summary": summary},
        )
        summaries.append((summary, [summary in read().text for read in readers]))

    assert summaries == [(summary, [True] * len(readers)) for summary, _ in summaries]


def test_an_approval_on_one_node_shows_through_varnish_on_the_next_request(nodes):
    first, second, varnish, env = nodes
    marker = f"two-nodes-{uuid.uuid4().hex[:8]}"
    posted = post_api_comment(
        second.port,
        SLUG,
        name="Wang Fang",
        email=f"{marker}@example.org",
        body=f"Which regions come next? {marker}",
    )
    comment_id = json.loads(posted.body)["id"]
    varnish.get(TEXT)
    assert varnish.get(TEXT).headers["x-cache"] == "hit"

    api(
        second.port,
        "PATCH",
        f"/api/v1/comments/{comment_id}/",
        token_for(env, "Moderators"),
        {"status": "approved"},
    )
    through_varnish = varnish.get(TEXT)
    on_the_other_node = first.get(f"/api/v1/announcements/{SLUG}/comments/")

    assert marker in through_varnish.text
    assert marker in on_the_other_node.text


def test_the_comment_rate_limit_counts_posts_on_both_nodes(nodes):
    first, second, _, _ = nodes
    run = uuid.uuid4().hex[:8]

    statuses = [
        post_api_comment(
            node.port,
            SLUG,
            name=f"Reader {number}",
            email=f"reader{number}.{run}@example.org",
            body=f"Comment {number} of {run}.",
        ).status
        for number, node in enumerate([first, second, first, second])
    ]

    assert statuses == [201, 201, 201, 429]
    assert request(second.port, "GET", "/healthz").status == 200
