"""Purges reach Varnish and CDNs after each change, and survive a failing target.

A small HTTP server on loopback stands in for the purge target and records
what it is sent; it can also answer errors, or not be there at all, to
exercise the retries, which are tasks (core.tasks.purge_keys).
"""

import datetime
import http.server
import logging
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from announcements import moderation
from announcements.models import Comment
from core import purge
from core.cache import schedule_watcher, start_background_work
from tests.factories import AnnouncementFactory, CommentFactory
from tests.reliability.servers import free_port

IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
}


class Recorder(http.server.ThreadingHTTPServer):
    """Records each request; answers `failures` errors before succeeding."""

    def __init__(self, failures: int = 0, port: int = 0):
        self.requests: list[tuple[str, str, dict]] = []
        self.failures = failures
        super().__init__(("127.0.0.1", port), RecordingHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def keys_purged(self) -> set[str]:
        keys = set()
        for method, path, headers in self.requests:
            if method == "PURGE":
                keys |= set(headers.get("xkey-purge", "").split())
            elif method == "POST":
                keys.add(path.rsplit("/", 1)[1])
        return keys

    def wait_for(self, condition, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.02)
        return False


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def handle_one(self):
        server = self.server
        server.requests.append(
            (self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
        )
        status = 200
        if server.failures > 0:
            server.failures -= 1
            status = 503
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_POST = handle_one

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = Recorder()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def purging_to(settings):
    """Point PURGE_URLS at a recorder, with quick retries run at once."""

    def configure(*urls: str, retries: int = 3, tasks=IMMEDIATE_TASKS):
        settings.PURGE_URLS = list(urls)
        settings.PURGE_CDN_TOKEN = "cdn-secret"
        settings.PURGE_RETRIES = retries
        settings.PURGE_BACKOFF_SECONDS = 0.05
        settings.TASKS = tasks
        return purge.purger()

    return configure


def test_varnish_gets_one_purge_naming_every_key(recorder, purging_to):
    purging_to(f"varnish://127.0.0.1:{recorder.port}")

    purge.purge(["announcement-7", "announcement-list"])

    assert recorder.requests == [
        (
            "PURGE",
            "/",
            recorder.requests[0][2]
            | {"xkey-purge": "announcement-7 announcement-list"},
        )
    ]


def test_a_cdn_gets_a_fastly_style_purge_per_key_with_its_token(recorder, purging_to):
    purging_to(f"cdn+http://127.0.0.1:{recorder.port}/service/site-42")

    purge.purge(["announcement-7", "topic-3"])

    assert sorted((method, path) for method, path, _ in recorder.requests) == [
        ("POST", "/service/site-42/purge/announcement-7"),
        ("POST", "/service/site-42/purge/topic-3"),
    ]
    assert {headers["fastly-key"] for _, _, headers in recorder.requests} == {
        "cdn-secret"
    }


def test_a_failing_purge_is_retried_until_it_succeeds(recorder, purging_to, caplog):
    recorder.failures = 2
    purger = purging_to(f"varnish://127.0.0.1:{recorder.port}")

    with caplog.at_level(logging.WARNING, logger="core.purge"):
        purge.purge(["announcement-7"])

    assert len(recorder.requests) == 3
    assert "retrying in a task" in caplog.text
    assert caplog.text.count("retrying") == 2
    assert purger.recent_failures() == 2


def test_a_purge_target_that_stays_down_is_given_up_and_logged(purging_to, caplog):
    purger = purging_to("varnish://127.0.0.1:9", retries=1)

    with caplog.at_level(logging.WARNING, logger="core.purge"):
        purge.purge(["announcement-7"])

    assert purger.recent_failures() == 2
    assert "abandoned after 2 attempts" in caplog.text
    assert "s-maxage" in caplog.text


def run_due_tasks():
    """Run every task that is due, as a worker on the database queue would."""
    call_command(
        "db_worker",
        batch=True,
        startup_delay=False,
        reload=False,
        queue_name="*",
        verbosity=0,
    )


# transaction=True: the worker closes the database connection when it is done.
@pytest.mark.django_db(transaction=True)
def test_a_failed_purge_becomes_a_task_that_succeeds_once_the_target_is_back(
    purging_to, client, caplog
):
    port = free_port()
    purging_to(
        f"varnish://127.0.0.1:{port}",
        tasks={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    )

    with caplog.at_level(logging.WARNING, logger="core.purge"):
        purge.purge(["announcement-7", "announcement-list"])

    # Nothing listens: the request's own try failed, and a task waits its turn.
    [waiting] = DBTaskResult.objects.all()
    assert waiting.status == TaskResultStatus.READY
    assert waiting.run_after > waiting.enqueued_at
    assert waiting.args_kwargs["args"] == [
        f"varnish://127.0.0.1:{port}",
        ["announcement-7", "announcement-list"],
        1,
    ]
    assert "retrying in a task" in caplog.text
    readiness = client.get("/readyz").json()["checks"]["purge"]
    assert readiness["status"] == "degraded"
    assert readiness["failures_last_5_minutes"] == 1

    target = Recorder(port=port)
    try:
        deadline = time.monotonic() + 10
        while DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists():
            assert time.monotonic() < deadline, "the purge task never ran"
            time.sleep(0.05)
            run_due_tasks()
    finally:
        target.shutdown()
        target.server_close()

    assert target.keys_purged() == {"announcement-7", "announcement-list"}
    [done] = DBTaskResult.objects.all()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value is True


# transaction=True: the worker closes the database connection when it is done.
@pytest.mark.django_db(transaction=True)
def test_a_purge_task_that_fails_queues_its_next_try_with_a_longer_wait(
    recorder, purging_to
):
    recorder.failures = 2
    purging_to(
        f"varnish://127.0.0.1:{recorder.port}",
        tasks={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    )
    purge.purge(["topic-3"])
    first = DBTaskResult.objects.get()
    first_wait = first.run_after - first.enqueued_at

    deadline = time.monotonic() + 10
    while DBTaskResult.objects.count() < 2:
        assert time.monotonic() < deadline, "the first try never ran"
        time.sleep(0.05)
        run_due_tasks()
    second = DBTaskResult.objects.exclude(pk=first.pk).get()
    second_wait = second.run_after - second.enqueued_at

    assert second.args_kwargs["args"][2] == 2
    assert second_wait > first_wait
    assert len(recorder.requests) == 2


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:6081", "varnish://", "ftp://cdn.example/service/x"]
)
def test_an_unknown_purge_url_is_refused_at_start(url):
    with pytest.raises(ImproperlyConfigured):
        purge.parse_targets([url])


@pytest.mark.django_db
def test_approving_a_comment_purges_its_text_and_no_other(
    recorder, purging_to, moderator, django_capture_on_commit_callbacks
):
    purging_to(f"varnish://127.0.0.1:{recorder.port}")
    commented = AnnouncementFactory(published=True)
    other = AnnouncementFactory(published=True)
    comment = CommentFactory(announcement=commented, status=Comment.Status.PENDING)
    recorder.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_comments(
            Comment.objects.filter(pk=comment.pk), moderator=moderator
        )

    purged = recorder.keys_purged()
    assert f"announcement-{commented.pk}" in purged
    assert f"announcement-{other.pk}" not in purged
    assert "announcement-list" not in purged


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_text_is_purged_when_it_goes_live_without_any_request(
    recorder, purging_to
):
    purging_to(f"varnish://127.0.0.1:{recorder.port}")
    AnnouncementFactory(
        status="published",
        published_at=timezone.now() + datetime.timedelta(seconds=1),
    )
    start_background_work()
    recorder.requests.clear()

    went_live = recorder.wait_for(
        lambda: "announcement-list" in recorder.keys_purged(), timeout=8
    )

    assert schedule_watcher.thread.is_alive()
    assert went_live
