"""The task queue in Redis (TASKS_BACKEND=rq): a real RQ worker sends the mail
and retries the purges, as a deployment of several nodes runs them.

gunicorn and `manage.py run_worker` run as separate processes on the test's
own database, sharing nothing but it and a Redis database number of the
test's own; mail goes to a real SMTP server on loopback (aiosmtpd). A reader
subscribes through the API, confirms from the link mailed to them, gets one
alert when a text on their topic is published, and leaves in one click: the
next text mails them nothing. A purge that fails while its target is down
is retried by the worker, deferred by RQ's scheduler, and arrives once the
target is back.
"""

import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import redis

from indicators.demo import ANNOUNCEMENT
from tests.notices.smtp import SmtpServer
from tests.unit.test_purge import Recorder

from .servers import ROOT, Gunicorn, child_env, django_eval, free_port, request
from .site_client import forms_in

pytestmark = pytest.mark.slow

# No other test uses these Redis database numbers (the others use 0). Each
# test takes one under a lock, so parallel test processes (and a second test
# run) never share a queue, and flushes only its own.
REDIS_DATABASES = range(12, 16)
DEADLINE_SECONDS = 60
TOPIC = "digital-economy"
ADDRESS = f"rq-reader-{uuid.uuid4().hex[:8]}@example.org"
LINK = re.compile(r"https://press\.example\.org(/\S+)")

SETUP = """
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from notices.models import Event, Mail, Subscription

# The demo's own events were queued to the database's queue when it was
# loaded; none of them is ours to send.
Event.objects.update(fanned_out_at=timezone.now())
DBTaskResult.objects.all().delete()
Mail.objects.all().delete()
Subscription.objects.all().delete()
"""

DRAFT = """
from django.utils import timezone
from announcements.models import Announcement, Topic
text = Announcement.objects.create(
    title={title!r}, slug={slug!r}, body="Figures.", status="draft",
    held_on=timezone.localdate(),
)
text.topics.add(Topic.objects.get(slug={topic!r}))
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from notices.models import Event, Mail, Subscription
print(json.dumps({{
    "subscriptions": Subscription.objects.filter(email__iexact={address!r}).count(),
    "unfinished": Event.objects.filter(fanned_out_at__isnull=True).count(),
    "mails": sorted(Mail.objects.filter(to__iexact={address!r}).values_list("kind", "status")),
    "database_tasks": DBTaskResult.objects.count(),
}}))
"""

TOKEN = """
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user, _ = User.objects.get_or_create(username="rq-editor", defaults={"is_staff": True})
user.groups.add(Group.objects.get(name="Editors"))
print(Token.objects.get_or_create(user=user)[0].key)
"""


@pytest.fixture
def task_redis():
    """A Redis database number no other test uses, empty, emptied afterwards."""
    base = urlsplit(os.environ.get("RELIABILITY_REDIS_URL", "redis://127.0.0.1:6379/0"))
    for number in REDIS_DATABASES:
        lock_path = Path(tempfile.gettempdir()) / f"pressroom-test-redis-{number}.lock"
        with lock_path.open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            url = base._replace(path=f"/{number}").geturl()
            client = redis.Redis.from_url(url)
            try:
                client.ping()
            except redis.RedisError as error:
                pytest.fail(
                    f"These tests need Redis at {url} (.ci/run starts it): {error}"
                )
            client.flushdb()
            try:
                yield url, client
            finally:
                client.flushdb()
                client.close()
            return
    pytest.fail(f"Every Redis database of {list(REDIS_DATABASES)} is taken")


class Worker:
    """`manage.py run_worker` as production runs it, logging to a file."""

    def __init__(self, env):
        self.log = Path(tempfile.mkstemp(prefix="rely-rq-worker-", suffix=".log")[1])
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--no-reload",
                    "--queue-name=*",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def close(self) -> str:
        if self.process.poll() is None:
            # RQ's warm shutdown: the worker, its work horse and its scheduler.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        text = self.text()
        self.log.unlink(missing_ok=True)
        return text


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def rq_site(demo_database, task_redis, smtp):
    """Start gunicorn and an RQ worker on one database, Redis queue and SMTP server."""
    redis_url, client = task_redis
    started = []

    def start(**overrides: str) -> "Site":
        env = child_env(
            demo_database.url,
            TASKS_BACKEND="rq",
            TASKS_REDIS_URL=redis_url,
            EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
            DEFAULT_FROM_EMAIL="Pressroom <noreply@press.example.org>",
            SITE_URL="https://press.example.org",
            NOTICES_TICK_SECONDS="1",
            MAIL_RETRY_SECONDS="1",
            **overrides,
        )
        django_eval(env, SETUP)
        server = Gunicorn(env, workers=1)
        started.append(server)
        server.start()
        worker = Worker(env)
        started.append(worker)
        return Site(env, server, worker, smtp, client)

    yield start
    logs = [part.close() for part in reversed(started)]
    # A task that failed in the worker would otherwise pass unnoticed.
    failed = client.zrange("rq:failed:default", 0, -1)
    assert not failed, f"RQ tasks failed: {failed}\n{logs[0][-3000:]}"


class Site:
    def __init__(self, env, server, worker, smtp, client):
        self.env = env
        self.server = server
        self.worker = worker
        self.smtp = smtp
        self.redis = client
        self.token = django_eval(env, TOKEN).strip().splitlines()[-1]

    def api(self, method: str, path: str, payload=None, *, token=True):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Token {self.token}"
        reply = request(
            self.server.port,
            method,
            path,
            body=json.dumps(payload).encode() if payload is not None else None,
            headers=headers,
        )
        assert reply.status < 300, (reply.status, reply.text[:300])
        return reply

    def state(self) -> dict:
        code = STATE.format(address=ADDRESS)
        return json.loads(django_eval(self.env, code).strip().splitlines()[-1])

    def wait_for(self, condition, what: str):
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not (found := condition()):
            assert self.worker.process.poll() is None, self.worker.text()[-3000:]
            assert time.monotonic() < deadline, f"{what}:\n{self.worker.text()[-3000:]}"
            time.sleep(0.2)
        return found

    def inbox(self) -> list:
        return self.smtp.inbox.to(ADDRESS)

    def publish(self, slug: str, title: str) -> None:
        django_eval(self.env, DRAFT.format(title=title, slug=slug, topic=TOPIC))
        self.api("PATCH", f"/api/v1/announcements/{slug}/", {"status": "published"})

    def settled(self) -> dict:
        """Wait until every event is fanned out and no mail waits; return the state."""

        def quiet():
            now = self.state()
            waiting = [s for _kind, s in now["mails"] if s != "sent"]
            return now if now["unfinished"] == 0 and not waiting else None

        return self.wait_for(quiet, "events or mail still waiting")


def path_in(message) -> str:
    return LINK.search(message.get_content()).group(1)


def test_a_reader_subscribes_confirms_gets_one_alert_and_leaves_over_rq(rq_site):
    site = rq_site()

    answer = site.api(
        "POST",
        "/api/v1/subscriptions/",
        {"email": ADDRESS, "kind": "topic", "target": TOPIC},
        token=False,
    )
    assert answer.status == 202
    [confirmation] = site.wait_for(site.inbox, "no confirmation mail")
    confirm_path = path_in(confirmation)
    page = request(site.server.port, "GET", confirm_path)
    assert page.status == 200
    form = next(f for f in forms_in(page.text) if "subscription" in f.fields)
    confirmed = request(
        site.server.port,
        "POST",
        confirm_path,
        body=urlencode(form.fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert confirmed.status == 200, confirmed.text[:300]

    site.publish("rq-first-alert", "Output over RQ in the first quarter")
    site.wait_for(lambda: len(site.inbox()) >= 2, "no alert")
    # A few clock ticks more: a second copy would have been sent by now.
    time.sleep(3)
    state = site.settled()

    [_confirmation, alert] = site.inbox()
    assert alert["Subject"] == "New: Output over RQ in the first quarter"
    assert "/announcements/rq-first-alert/" in alert.get_content()
    assert sorted(state["mails"]) == [["alert", "sent"], ["confirmation", "sent"]]

    unsubscribe_url = re.search(r"<([^>]+)>", str(alert["List-Unsubscribe"]))[1]
    gone = request(
        site.server.port,
        "POST",
        urlsplit(unsubscribe_url).path,
        body=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert gone.status == 200
    site.publish("rq-second-alert", "Output over RQ in the second quarter")
    time.sleep(2)
    state = site.settled()

    assert len(site.inbox()) == 2
    assert state["subscriptions"] == 0
    # Every task went through Redis, none through the database's queue.
    assert state["database_tasks"] == 0
    assert site.redis.zcard("rq:finished:default") >= 3


def test_a_purge_failing_while_the_target_is_down_is_sent_when_it_is_back(rq_site):
    purge_port = free_port()
    # Nothing listens there until the test starts the target.
    site = rq_site(
        PURGE_URLS=f"varnish://127.0.0.1:{purge_port}",
        PURGE_BACKOFF_SECONDS="1",
        PURGE_RETRIES="6",
    )
    summary = f"Revised while the cache was down {uuid.uuid4().hex[:8]}."

    started = time.monotonic()
    site.api(
        "PATCH",
        f"/api/v1/announcements/{ANNOUNCEMENT['slug']}/",
        {"summary": summary},
    )
    took = time.monotonic() - started
    ready = json.loads(site.server.get("/readyz").body)
    # The worker's first try fails too, and puts off the next one.
    site.wait_for(lambda: "retrying in 2.0 s" in site.worker.text(), "no retry")
    target = Recorder(port=purge_port)
    try:
        site.wait_for(target.keys_purged, "the purge never arrived")
    finally:
        target.shutdown()
        target.server_close()

    assert took < 1.0
    assert ready["checks"]["purge"]["status"] == "degraded"
    assert "announcement-list" in target.keys_purged()
    assert "abandoned" not in site.worker.text()
