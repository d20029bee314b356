"""500 comments at once, half by the form and half by the API: none lost (issue 7)."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from indicators.demo import ANNOUNCEMENT

from .servers import Gunicorn, child_env, stored_comments
from .site_client import (
    API_ACCEPTED,
    FORM_ACCEPTED,
    post_api_comment,
    post_form_comment,
)

pytestmark = pytest.mark.slow

SUBMISSIONS = 500
CLIENTS = 32
SLUG = ANNOUNCEMENT["slug"]


@pytest.fixture
def server(demo_database, tmp_path):
    env = child_env(
        demo_database.url,
        # Only for this test: every submission comes from 127.0.0.1 at once.
        COMMENT_RATE_LIMIT_ENABLED="0",
        COMMENT_MIN_SECONDS="0",
        API_COMMENT_RATE="100000/minute",
        API_ANON_RATE="100000/minute",
        CACHE_VERSIONS_DIR=str(tmp_path / "cache-versions"),
    )
    server = Gunicorn(env, workers=4).start()
    yield server
    server.close()


def test_500_concurrent_comments_through_form_and_api_are_all_stored_exactly_once(
    server,
):
    run = uuid.uuid4().hex[:8]

    def submit(number: int):
        by_form = number % 2 == 0
        body = f"Comment {number} of run {run}: when will the next figures come?"
        post = post_form_comment if by_form else post_api_comment
        reply = post(
            server.port,
            SLUG,
            name=f"Reader {number}",
            email=f"reader{number}.{run}@example.org",
            body=body,
        )
        accepted = FORM_ACCEPTED if by_form else API_ACCEPTED
        return body, reply.status in accepted, reply.status, reply.text[:200]

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(submit, range(SUBMISSIONS)))

    refused = [(status, text) for _, ok, status, text in results if not ok]
    assert refused == []
    stored = stored_comments(server.env, f"of run {run}:")
    bodies = [row["body"] for row in stored]
    assert len(bodies) == SUBMISSIONS
    assert sorted(bodies) == sorted(body for body, *_ in results)
    assert {row["status"] for row in stored} <= {"pending", "approved"}
    log = server.log()
    assert "database is locked" not in log
    assert "Traceback" not in log
