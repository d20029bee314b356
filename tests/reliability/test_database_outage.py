"""The database goes away and comes back: 503s meanwhile, no restart needed."""

import json
import time

import pytest

from indicators.demo import ANNOUNCEMENT, INDICATORS

from .forwarder import TcpForwarder
from .servers import Gunicorn, child_env, postgres_target

pytestmark = pytest.mark.slow

PAGES = [
    "/",
    "/announcements/",
    f"/announcements/{ANNOUNCEMENT['slug']}/",
    "/indicators/",
    f"/indicators/{INDICATORS[0]['slug']}/",
]
API = ["/api/v1/announcements/", f"/api/v1/announcements/{ANNOUNCEMENT['slug']}/"]
# Enough rounds that every worker meets the outage with its own connection.
ROUNDS = 3


class Outage:
    """Cut and restore the server's database, whatever the engine."""

    def __init__(self, database):
        self.database = database
        self.forwarder = None
        if database.engine == "postgresql":
            self.forwarder = TcpForwarder(*postgres_target()).start()

    def server_url(self) -> str:
        if self.forwarder is None:
            return self.database.url
        return self.database.url_via(self.forwarder.port)

    def begin(self):
        if self.forwarder is not None:
            self.forwarder.stop()
        else:
            # The directory goes away, so SQLite cannot even create a new file.
            directory = self.database.directory
            directory.rename(directory.with_name("away"))

    def end(self):
        if self.forwarder is not None:
            self.forwarder.start()
        else:
            directory = self.database.directory
            directory.with_name("away").rename(directory)

    def close(self):
        if self.forwarder is not None:
            self.forwarder.stop()


@pytest.fixture
def outage(demo_database):
    outage = Outage(demo_database)
    yield outage
    outage.close()


@pytest.fixture
def server(outage, tmp_path):
    server = Gunicorn(
        child_env(
            outage.server_url(),
            # Every request must reach the database for this test to mean anything.
            CACHE_URL="dummy://",
            PAGE_CACHE_SECONDS="0",
            CACHE_VERSIONS_DIR=str(tmp_path / "cache-versions"),
            # An open SQLite connection keeps reading its file after the
            # directory moves away: only a new connection meets the outage,
            # so here every request opens one. (PostgreSQL's connections do
            # break when the server goes, and stay persistent.)
            **({"CONN_MAX_AGE": "0"} if outage.forwarder is None else {}),
        ),
        workers=2,
    ).start()
    yield server
    server.close()


def statuses(server):
    return {
        path: server.get(path).status for path in [*PAGES, *API, "/healthz", "/readyz"]
    }


def test_pages_api_and_readiness_answer_503_while_the_database_is_down_then_recover(
    server, outage
):
    assert set(statuses(server).values()) == {200}, statuses(server)

    outage.begin()
    try:
        for _ in range(ROUNDS):
            for path in PAGES:
                page = server.get(path)
                assert page.status == 503, (path, page.status, page.text[:300])
                assert "Temporarily unavailable" in page.text
                assert page.headers["content-type"].startswith("text/html")
                assert int(page.headers["retry-after"]) > 0
            for path in API:
                reply = server.get(path)
                assert reply.status == 503, (path, reply.status, reply.text[:300])
                assert reply.headers["content-type"].startswith("application/json")
                assert "temporarily unavailable" in json.loads(reply.body)["detail"]
            ready = server.get("/readyz")
            assert ready.status == 503
            assert int(ready.headers["retry-after"]) > 0
            assert json.loads(ready.body)["checks"]["database"]["status"] == "down"
            # Liveness: the process answers; restarting it would not help.
            assert server.get("/healthz").status == 200
    finally:
        outage.end()

    time.sleep(0.2)
    for _ in range(ROUNDS):
        assert set(statuses(server).values()) == {200}, statuses(server)
    assert "Traceback" not in server.log()
