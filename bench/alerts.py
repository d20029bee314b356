"""How long an alert to N confirmed subscribers takes through the task queue.

Creates a database of its own (never the demo's or the main bench's) with N
confirmed subscribers of one topic, starts `manage.py run_worker` with the
console email backend (its output thrown away), publishes a text in that
topic and waits until the fan-out has queued every alert and the outbox has
sent them all. Meanwhile, every --probe-seconds, it posts a comment and
publishes a text (in no topic, so no further alerts) from this process, and
times each: the fan-out and the sending must never hold a lock that keeps
publishing or commenting waiting.

    python bench/alerts.py --subscribers 100000
    make bench BENCH_ARGS="--alert-subscribers 100000"
"""

import argparse
import datetime
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
PYTHON = sys.executable
TIMEOUT_SECONDS = 3600


def database_url(engine: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{WORK / 'bench-alerts.sqlite3'}"
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("PostgreSQL bench needs DATABASE_URL=postgres://...")
    return urlunsplit(urlsplit(base)._replace(path="/pressroom_bench_alerts"))


def fresh_database(engine: str, url: str, env: dict) -> None:
    """Create an empty, migrated database (a new one on every run)."""
    if engine == "sqlite":
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        import psycopg

        admin = urlsplit(url)._replace(path="/postgres").geturl()
        name = Path(urlsplit(url).path).name
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )


def bench_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_HTTPS": "0",
        "CACHE_URL": "locmem://",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "console://",
        "SITE_URL": "https://press.example.org",
        "NOTICES_TICK_SECONDS": "1",
        "CACHE_VERSIONS_DIR": str(WORK / "cache-versions-alerts"),
    }


def text(title: str, **fields):
    from announcements.models import Announcement

    slug = f"bench-alert-{uuid.uuid4().hex[:12]}"
    return Announcement(
        title=title,
        slug=slug,
        kind=Announcement.Kind.PRESS_RELEASE,
        held_on=datetime.date.today(),
        summary="A benchmark text.",
        body="Benchmark text.",
        **fields,
    )


def seed(subscribers: int):
    """Create the subscribers and the text to alert them of; return the text."""
    from django.utils import timezone

    from announcements.models import Announcement, Topic
    from notices.models import Subscription

    topic = Topic.objects.create(name="Bench alerts", slug="bench-alerts")
    now = timezone.now()
    for start in range(0, subscribers, 5000):
        Subscription.objects.bulk_create(
            Subscription(
                email=f"reader{n:07d}@example.org",
                kind=Subscription.Kind.TOPIC,
                topic=topic,
                target_key=f"topic:{topic.pk}",
                confirmed_at=now,
            )
            for n in range(start, min(start + 5000, subscribers))
        )
    alert = text("Bench alert", status=Announcement.Status.DRAFT)
    alert.save()
    alert.topics.set([topic])
    # A public text to comment on, in no topic (no alert).
    commented = text(
        "Bench comments",
        status=Announcement.Status.PUBLISHED,
        published_at=now - datetime.timedelta(hours=1),
    )
    commented.save()
    return alert, commented


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def probe(commented, number: int) -> tuple[float, float]:
    """Post a comment and publish a text; return each one's milliseconds."""
    from django.db import close_old_connections
    from django.utils import timezone

    from announcements.models import Announcement, Comment

    close_old_connections()
    comment_ms = timed(
        lambda: Comment.objects.create(
            announcement=commented,
            author_name=f"Bench {number}",
            author_email=f"bench{number}@example.org",
            body=f"Benchmark comment {number}.",
            status=Comment.Status.PENDING,
        )
    )
    publish_ms = timed(
        lambda: text(
            f"Bench text {number}",
            status=Announcement.Status.PUBLISHED,
            published_at=timezone.now(),
        ).save()
    )
    return comment_ms, publish_ms


def progress(alert) -> dict:
    from django.db.models import Count

    from notices.models import Event, Mail

    event = Event.objects.filter(announcement=alert, kind="text_public").first()
    mails = dict(
        Mail.objects.filter(kind=Mail.Kind.ALERT)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {
        "fanned_out": bool(event and event.fanned_out_at),
        "mails": mails,
    }


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {
        "n": len(values),
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def run_alerts(subscribers: int, engine: str, workers: int, probe_seconds: float):
    """Run the alert bench; print and return its figures."""
    WORK.mkdir(parents=True, exist_ok=True)
    url = database_url(engine)
    env = bench_env(url)
    print(f"== alerts ({engine}): {subscribers:,} confirmed subscribers")
    fresh_database(engine, url, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from announcements.models import Announcement

    started = time.perf_counter()
    alert, commented = seed(subscribers)
    print(f"  subscribers created in {time.perf_counter() - started:.1f} s")
    connection.close()

    processes = [
        subprocess.Popen(
            [PYTHON, "manage.py", "run_worker", "--no-startup-delay", "--no-reload"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            # The console backend prints every mail: thrown away.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    comment_ms, publish_ms = [], []
    try:
        time.sleep(2)  # the workers start up
        started = time.perf_counter()
        alert.status = Announcement.Status.PUBLISHED
        alert.published_at = timezone.now()
        alert.save()
        fanned_out_after = None
        number = 0
        while True:
            number += 1
            comment, publish = probe(commented, number)
            comment_ms.append(comment)
            publish_ms.append(publish)
            state = progress(alert)
            elapsed = time.perf_counter() - started
            if state["fanned_out"] and fanned_out_after is None:
                fanned_out_after = elapsed
            sent = state["mails"].get("sent", 0)
            if state["fanned_out"] and sent >= subscribers:
                break
            for process in processes:
                if process.poll() is not None:
                    raise SystemExit(f"a worker exited:\n{process.stderr.read()}")
            if elapsed > TIMEOUT_SECONDS:
                raise SystemExit(f"not done after {TIMEOUT_SECONDS} s: {state}")
            time.sleep(probe_seconds)
        seconds = time.perf_counter() - started
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
    figures = {
        "engine": engine,
        "workers": workers,
        "subscribers": subscribers,
        "mails": state["mails"],
        "seconds": round(seconds, 1),
        "fan_out_seconds": round(fanned_out_after, 1),
        "mails_per_second": round(sent / seconds, 1),
        "comment_latency": summary(comment_ms),
        "publish_latency": summary(publish_ms),
    }
    print(
        f"  {sent:,} alerts sent to {subscribers:,} subscribers in "
        f"{seconds:.1f} s ({sent / seconds:,.0f} mails/s; fan-out done after "
        f"{fanned_out_after:.1f} s), {workers} worker(s), console backend"
    )
    for name in ("comment_latency", "publish_latency"):
        row = figures[name]
        print(
            f"  meanwhile {name.split('_')[0]}: {row['n']} tries, median "
            f"{row['median_ms']} ms, p95 {row['p95_ms']} ms, max {row['max_ms']} ms"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100000)
    parser.add_argument(
        "--engine",
        choices=["sqlite", "postgresql"],
        default="postgresql"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite",
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--probe-seconds",
        type=float,
        default=0.5,
        help="how often to post a comment and publish a text meanwhile",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.path.insert(0, str(ROOT))
    run_alerts(args.subscribers, args.engine, args.workers, args.probe_seconds)


if __name__ == "__main__":
    main()
