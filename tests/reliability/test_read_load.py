"""Thirty seconds of mixed reading at 32 connections: no errors, no 5xx (issue 7)."""

import pytest

from indicators.demo import ACTIONS, ANNOUNCEMENT, INDICATORS

from .load import get, run_load
from .servers import Gunicorn, child_env

pytestmark = pytest.mark.slow

SECONDS = 30
CONNECTIONS = 32
SLUG = ANNOUNCEMENT["slug"]
INDICATOR = INDICATORS[0]["slug"]
ACTION = ACTIONS[0][1]

# What readers and scrapers read: pages, search, figures and the API.
READS = [
    "/",
    "/announcements/",
    f"/announcements/{SLUG}/",
    "/announcements/?q=industrial+internet",
    "/announcements/?q=5G&year=2022",
    "/indicators/",
    f"/indicators/{INDICATOR}/",
    f"/indicators/{INDICATOR}/observations.csv",
    "/actions/",
    f"/actions/{ACTION}/",
    "/api/v1/announcements/",
    f"/api/v1/announcements/{SLUG}/",
    f"/api/v1/announcements/{SLUG}/comments/",
    "/api/v1/indicators/",
    f"/api/v1/indicators/{INDICATOR}/observations/",
    "/api/v1/policy-actions/",
]


@pytest.fixture
def server(demo_database, redis_cache, tmp_path):
    env = child_env(
        demo_database.url,
        **redis_cache,
        # Capacity, not throttling, is tested here: all clients share one address.
        API_ANON_RATE="1000000/minute",
    )
    server = Gunicorn(env, workers=4).start()
    yield server
    server.close()


def test_mixed_reads_for_30_seconds_at_32_connections_all_succeed(server):
    for path in READS:
        assert server.get(path).status == 200, path

    result = run_load(
        server.port,
        [get(path) for path in READS],
        seconds=SECONDS,
        connections=CONNECTIONS,
    )

    assert result.errors == []
    assert result.failures() == []
    assert len(result.outcomes) > len(READS) * CONNECTIONS
    assert "Traceback" not in server.log()
