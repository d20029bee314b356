"""A mail worker killed with SIGKILL mid-batch: no subscriber gets a duplicate,
none is skipped.

A real `manage.py run_worker` sends an alert to 300 confirmed subscribers
through a real SMTP server on loopback (aiosmtpd, answering slowly enough
that the worker is always mid-batch). It is killed once some but not all
mails were accepted; a second worker takes over the dead one's claims when
they expire. A mail the server accepted just before the kill may be sent
again only under the same Message-ID, which a receiver discards as a
resend: each recipient must hold exactly one unique Message-ID.
"""

import asyncio
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.notices.smtp import Inbox, SmtpServer

from .servers import ROOT, child_env, django_eval

pytestmark = pytest.mark.slow

SUBSCRIBERS = 300
BATCH = 25
# Killed on the 10th mail of the 5th batch: the rest of that batch is claimed.
KILL_AT = 4 * BATCH + 10
CLAIM_SECONDS = 3
DEADLINE_SECONDS = 120

SETUP = f"""
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from announcements.models import Announcement
from notices import events
from notices.models import Event, Mail, Subscription

# The demo's own events were handled when it was loaded; only ours counts.
Event.objects.update(fanned_out_at=timezone.now())
DBTaskResult.objects.all().delete()
Mail.objects.all().delete()
Subscription.objects.all().delete()
now = timezone.now()
Subscription.objects.bulk_create(
    Subscription(
        email=f"reader{{n:03d}}@example.org",
        kind="all",
        target_key="all",
        confirmed_at=now,
    )
    for n in range({SUBSCRIBERS})
)
text = Announcement.objects.public().order_by("pk").first()
Event.objects.filter(announcement=text, kind="text_public").delete()
events.text_went_public(text)
print(Event.objects.get(announcement=text, kind="text_public").key)
"""

STATE = """
import json
from django.db.models import Count
from notices.models import Event, Mail
print(json.dumps({
    "mails": dict(Mail.objects.values_list("status").annotate(n=Count("pk"))),
    "unfinished": Event.objects.filter(fanned_out_at__isnull=True).count(),
}))
"""


class SlowInbox(Inbox):
    """Take a little while over each mail, as a real server does."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


class Worker:
    def __init__(self, env):
        self.log = Path(tempfile.mkstemp(prefix="rely-worker-", suffix=".log")[1])
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--no-startup-delay",
                    "--no-reload",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.kill()
        text = self.log.read_text(errors="replace")
        self.log.unlink(missing_ok=True)
        return text


@pytest.fixture
def smtp():
    server = SmtpServer(SlowInbox()).start()
    yield server
    server.stop()


def state(env) -> dict:
    return json.loads(django_eval(env, STATE).strip().splitlines()[-1])


def test_a_worker_killed_mid_batch_sends_every_alert_exactly_once(demo_database, smtp):
    env = child_env(
        demo_database.url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        MAIL_BATCH_SIZE=str(BATCH),
        MAIL_CLAIM_SECONDS=str(CLAIM_SECONDS),
        MAIL_RETRY_SECONDS="1",
        NOTICES_TICK_SECONDS="1",
        DEFAULT_FROM_EMAIL="Pressroom <noreply@press.example.org>",
        SITE_URL="https://press.example.org",
    )
    event_key = django_eval(env, SETUP).strip().splitlines()[-1]
    assert event_key.startswith("text-public:")

    first = Worker(env)
    logs = []
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while len(smtp.inbox.messages) < KILL_AT:
            assert first.process.poll() is None, first.stop()
            assert time.monotonic() < deadline, "the first worker sent too little"
            time.sleep(0.005)
        first.kill()
    finally:
        logs.append(first.stop())

    sent_before = len(smtp.inbox.messages)
    assert KILL_AT <= sent_before < SUBSCRIBERS
    killed = state(env)
    # Killed mid-batch: the dead worker's claim holds mails it never sent.
    assert killed["mails"].get("sending", 0) > 0, killed

    second = Worker(env)
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while True:
            now = state(env)
            if now["unfinished"] == 0 and set(now["mails"]) == {"sent"}:
                break
            assert second.process.poll() is None, second.stop()
            assert time.monotonic() < deadline, f"outbox not emptied: {now}"
            time.sleep(1)
    finally:
        logs.append(second.stop())

    assert now["mails"] == {"sent": SUBSCRIBERS}, logs
    ids = collections.defaultdict(set)
    for message in smtp.inbox.messages:
        ids[message["To"].lower()].add(message["Message-ID"])
    expected = {f"reader{n:03d}@example.org" for n in range(SUBSCRIBERS)}
    assert set(ids) == expected, f"missing: {sorted(expected - set(ids))[:10]}"
    twice = {to: found for to, found in ids.items() if len(found) != 1}
    assert not twice, f"different Message-IDs to one recipient: {twice}"
    # Resent at most the one mail in flight when the worker died.
    assert len(smtp.inbox.messages) <= SUBSCRIBERS + 1
