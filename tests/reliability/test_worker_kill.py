"""A worker killed with SIGKILL mid-load: replaced, and no acknowledged comment lost."""

import os
import signal
import threading
import time
import uuid

import pytest

from indicators.demo import ANNOUNCEMENT, INDICATORS

from .load import get, run_load
from .servers import Gunicorn, child_env, stored_comments
from .site_client import (
    API_ACCEPTED,
    FORM_ACCEPTED,
    post_api_comment,
    post_form_comment,
)

pytestmark = pytest.mark.slow

SECONDS = 15
KILL_AFTER = 5
CONNECTIONS = 16
REPLACEMENT_TIMEOUT = 30
SLUG = ANNOUNCEMENT["slug"]


@pytest.fixture
def server(demo_database, redis_cache):
    env = child_env(
        demo_database.url,
        **redis_cache,
        COMMENT_RATE_LIMIT_ENABLED="0",
        COMMENT_MIN_SECONDS="0",
        API_COMMENT_RATE="1000000/minute",
        API_ANON_RATE="1000000/minute",
    )
    server = Gunicorn(env, workers=4).start()
    yield server
    server.close()


class Commenter:
    """Sends uniquely numbered comments and remembers those acknowledged."""

    def __init__(self):
        self.run = uuid.uuid4().hex[:8]
        self.numbers = iter(range(10**9))
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []

    def body(self) -> str:
        with self.lock:
            number = next(self.numbers)
        return f"Comment {number} of run {self.run}: is the target on track?"

    def send(self, post, accepted):
        def action(port):
            body = self.body()
            reply = post(
                port, SLUG, name="Reader", email="reader@example.org", body=body
            )
            if reply.status in accepted:
                with self.lock:
                    self.acknowledged.append(body)
            return post.__name__, reply

        action.__name__ = post.__name__
        return action


def test_a_killed_worker_is_replaced_and_no_acknowledged_comment_is_lost(server):
    commenter = Commenter()
    actions = [
        get("/"),
        get(f"/announcements/{SLUG}/"),
        commenter.send(post_api_comment, API_ACCEPTED),
        get("/api/v1/announcements/"),
        get(f"/indicators/{INDICATORS[0]['slug']}/"),
        commenter.send(post_form_comment, FORM_ACCEPTED),
    ]
    workers_before = server.worker_pids()
    moments = {}

    def kill_one_worker():
        time.sleep(KILL_AFTER)
        victim = workers_before[0]
        moments["killed"] = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + REPLACEMENT_TIMEOUT
        while time.monotonic() < deadline:
            workers = server.worker_pids()
            if victim not in workers and len(workers) == len(workers_before):
                moments["replaced"] = time.monotonic()
                moments["workers"] = workers
                return
            time.sleep(0.05)

    result = run_load(
        server.port,
        actions,
        seconds=SECONDS,
        connections=CONNECTIONS,
        during=kill_one_worker,
    )

    assert "replaced" in moments, "the master did not replace the killed worker"
    assert workers_before[0] not in moments["workers"]
    # Only requests in flight in the killed worker may fail, and only then.
    assert all(
        moments["killed"] - 1 <= error.at <= moments["replaced"] + 2
        for error in result.errors
    ), result.errors
    assert len(result.errors) <= 2 * CONNECTIONS
    answered_after = [o for o in result.outcomes if o.at > moments["replaced"] + 2]
    assert answered_after, "the load had ended before the worker was replaced"
    assert all(o.status in {200, 201, 302} for o in answered_after)
    assert not [o for o in result.outcomes if o.status and o.status >= 500]
    for _ in range(10):
        assert server.get("/").status == 200
    assert commenter.acknowledged
    stored = {row["body"] for row in stored_comments(server.env, commenter.run)}
    assert set(commenter.acknowledged) <= stored
