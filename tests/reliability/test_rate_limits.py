"""Rate limits hold across gunicorn workers, keyed by the address we trust (issue 7)."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from indicators.demo import ANNOUNCEMENT

from .servers import Gunicorn, child_env, copy_database, request
from .site_client import (
    API_ACCEPTED,
    FORM_ACCEPTED,
    post_api_comment,
    post_form_comment,
)

pytestmark = pytest.mark.slow

SLUG = ANNOUNCEMENT["slug"]
COMMENT_LIMIT = 5
ANON_READS_PER_MINUTE = 10


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    """One server for the module: each test speaks from its own client address."""
    from .conftest import redis_environment

    database = copy_database(demo_template)
    with redis_environment() as redis_env:
        env = child_env(
            database.url,
            **redis_env,
            TRUSTED_PROXY_COUNT="1",
            COMMENT_RATE_LIMIT=str(COMMENT_LIMIT),
            COMMENT_MIN_SECONDS="0",
            API_ANON_RATE=f"{ANON_READS_PER_MINUTE}/minute",
        )
        server = Gunicorn(env, workers=4).start()
        yield server
        server.close()
    database.drop()


def from_client(address: str, forged: str = "") -> dict[str, str]:
    """Headers of a request relayed by our one trusted proxy for `address`."""
    chain = f"{forged}, {address}" if forged else address
    return {"X-Forwarded-For": chain}


def test_comments_beyond_the_limit_are_refused_with_429_across_all_workers(server):
    headers = from_client("203.0.113.10")

    def submit(number):
        post = post_form_comment if number % 2 else post_api_comment
        reply = post(
            server.port,
            SLUG,
            name="Eager reader",
            email="eager@example.org",
            body=f"Eager comment number {number}.",
            headers=headers,
        )
        return post, reply

    # Twenty at once: every worker takes some, and the count must still hold.
    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(submit, range(20)))

    accepted = [
        reply
        for post, reply in replies
        if reply.status
        in (FORM_ACCEPTED if post is post_form_comment else API_ACCEPTED)
    ]
    refused = [reply for _, reply in replies if reply.status == 429]
    assert len(accepted) == COMMENT_LIMIT
    assert len(refused) == 20 - COMMENT_LIMIT
    for reply in refused:
        assert int(reply.headers["retry-after"]) > 0
        if reply.headers["content-type"].startswith("application/json"):
            assert "throttled" in json.loads(reply.body)["detail"].lower()
        else:
            assert "Too many comments" in reply.text


def test_the_comment_limit_is_per_client_and_a_forged_forwarded_for_does_not_reset_it(
    server,
):
    for number in range(COMMENT_LIMIT):
        reply = post_api_comment(
            server.port,
            SLUG,
            name="Reader",
            email="reader@example.org",
            body=f"Question {number}.",
            headers=from_client("203.0.113.11"),
        )
        assert reply.status == 201

    forged = post_api_comment(
        server.port,
        SLUG,
        name="Reader",
        email="reader@example.org",
        body="One more, pretending to be someone else.",
        headers=from_client("203.0.113.11", forged="198.51.100.77"),
    )
    neighbour = post_api_comment(
        server.port,
        SLUG,
        name="Neighbour",
        email="neighbour@example.org",
        body="A different reader entirely.",
        headers=from_client("203.0.113.12"),
    )

    assert forged.status == 429
    assert neighbour.status == 201


def read_api(server, headers):
    return request(server.port, "GET", "/api/v1/topics/", headers=headers)


def test_anonymous_api_reads_are_throttled_across_workers_with_retry_after(server):
    replies = [read_api(server, from_client("203.0.113.20")) for _ in range(25)]

    statuses = [reply.status for reply in replies]
    assert statuses == [200] * ANON_READS_PER_MINUTE + [429] * 15
    throttled = replies[-1]
    assert int(throttled.headers["retry-after"]) > 0
    assert "throttled" in json.loads(throttled.body)["detail"].lower()


def test_a_forged_forwarded_for_does_not_escape_the_api_throttle(server):
    statuses = [
        read_api(server, from_client("203.0.113.30", forged=f"10.9.8.{number}")).status
        for number in range(ANON_READS_PER_MINUTE + 5)
    ]

    assert statuses.count(200) == ANON_READS_PER_MINUTE
    assert statuses[-5:] == [429] * 5
