"""Gunicorn settings for Pressroom, read from the environment.

    gunicorn -c gunicorn.conf.py config.wsgi

Every value can be changed without editing this file; the README's deployment
section lists the variables. Database connections persist across requests
(CONN_MAX_AGE with health checks, in config/settings.py), so a worker does not
reconnect for every page.
"""

import gc
import multiprocessing
import os


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# Behind a local reverse proxy by default; HOST=0.0.0.0 serves directly.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{_env_int('PORT', 8000)}"

# Gunicorn's own advice is 2 x cores + 1 sync workers; the cap keeps a large
# machine from opening more database connections than PostgreSQL allows.
workers = _env_int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 12))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = _env_int("GUNICORN_THREADS", 1)

# A worker silent for this long is killed and replaced by the master.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Load Django once, in the master, before forking: a new or recycled worker
# is then a fork of a loaded process (milliseconds), not a fresh import of
# Django and the project (about a second of one core, during which its
# share of requests waited).
preload_app = True

# Recycle workers now and then so a slow leak cannot grow without bound; the
# jitter stops all workers from restarting at the same moment. A cached page
# takes about a millisecond, so a worker serves hundreds a second: every
# 1,000 requests it spent a noticeable share of its time away (measured with
# the bench's cached pages, 2 workers, no writes: p99 56 ms recycling every
# 1,000, 18.6 ms never recycling).
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 2000)

# Logs go to stdout/stderr, where the process supervisor collects them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Only these addresses may set X-Forwarded-Proto and friends; the default is
# gunicorn's own (the local host). Set to the proxy's address in production.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Bounded request lines and headers: oversized ones are refused by gunicorn
# before Django ever sees them.
limit_request_line = _env_int("GUNICORN_LIMIT_REQUEST_LINE", 8190)
limit_request_fields = _env_int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)

proc_name = "pressroom"


def when_ready(server):
    """Move what loading the app created out of the garbage collector's way.

    Django's modules, templates and URL patterns are tens of thousands of
    long-lived objects; each full collection during a request walked all of
    them again. Frozen once in the master, which loaded them (preload_app),
    they are skipped in every worker forked from it, and no worker collects
    its whole heap when it starts (measured with wrk on the announcement
    page, caching off: p99 102-110 ms -> 81-87 ms; a recycled worker that
    collected and froze on start showed as p99 spikes over 100 ms).

    First the master does once what every worker would otherwise do on its
    first requests: build the URL resolver, load each language's catalogue,
    compile the public pages' templates.
    """
    from django.conf import settings
    from django.template import engines
    from django.urls import resolve
    from django.utils import translation

    resolve("/")  # the home page: building the resolver is the point
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Pressroom")
    for engine in engines.all():
        environment = getattr(engine, "env", None)  # the Jinja2 engine's
        if environment is not None:
            for name in environment.list_templates():
                environment.get_template(name)
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    """Fork with no database connection open: each worker opens its own.

    A connection made in the master (none is, normally) would otherwise be
    shared by every worker's socket, and their queries would interleave.
    """
    from django.db import connections

    connections.close_all()
    # Whatever the master made since when_ready (a new worker's bookkeeping).
    gc.freeze()


def post_worker_init(worker):
    """Start the worker's background work: purging shared caches when a
    scheduled text goes live, even if no request arrives (core.cache)."""
    from core.cache import start_background_work

    start_background_work()
