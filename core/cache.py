"""A cache for anonymous pages and API reads whose keys change with the content.

Every write to a content model (a save, a delete, an M2M change, or a bulk
moderation update) sets a new *content version*; cache keys include it, so
the very next request after a change renders afresh and old entries simply
age out. A text scheduled for later publication also moves the version when
its time comes, without any write. Logged-in users, requests carrying flash
messages and anything but GET/HEAD bypass the cache entirely.

Per-visitor values in a cached page (the CSRF token and the comment form's
signed timestamp) are stored as placeholders and filled in for each reader.
"""

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

# Keyed by the address every limit trusts, not a forgeable X-Forwarded-For.
from core.api import AnonRateThrottle

VERSION_KEY = "content:version"
# Paths that are per-visitor or must always be live.
UNCACHED_PREFIXES = ("/i18n/", "/healthz", "/static/", "/bench/")

# What the content apps register when they load (their AppConfig.ready), so
# this module knows them without importing them.
CONTENT_APPS: dict[str, Callable | None] = {}
SCHEDULES: list[Callable] = []
# Hidden form fields whose value is the reader's own: name -> value(request).
PER_READER_FIELDS: dict[str, Callable] = {"csrfmiddlewaretoken": get_token}


def watch_content(app_label: str, *, unseen_when_created: Callable | None = None):
    """Make every change to the app's models start a new content version.

    `unseen_when_created(instance)` says a new row changes no page a reader
    can see (a comment held for moderation); its later change still counts.
    """
    CONTENT_APPS[app_label] = unseen_when_created


def watch_schedule(next_change: Callable) -> None:
    """Register `next_change()`: when content changes by itself (an aware datetime)."""
    SCHEDULES.append(next_change)


def fill_per_reader(field_name: str, value: Callable) -> None:
    """Store the hidden field `field_name` as a placeholder, filled per reader."""
    PER_READER_FIELDS[field_name] = value


def _placeholder(field_name: str) -> bytes:
    return f"__PRESSROOM_READER_{field_name}__".encode()


def caching_enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and not isinstance(cache, DummyCache)


def _shared_cache() -> bool:
    # Local-memory caches live inside one worker process; the version must be
    # seen by every worker, so with them it is kept in a small file instead.
    return isinstance(cache, RedisCache)


def _read_version() -> tuple[int, float] | None:
    if _shared_cache():
        return cache.get(VERSION_KEY)
    try:
        raw = Path(settings.CONTENT_VERSION_FILE).read_text().split()
        return int(raw[0]), float(raw[1])
    except (OSError, ValueError, IndexError):
        return None


def _write_version(value: tuple[int, float]) -> None:
    if _shared_cache():
        cache.set(VERSION_KEY, value, timeout=None)
        return
    path = Path(settings.CONTENT_VERSION_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as handle:
        handle.write(f"{value[0]} {value[1]}")
    os.replace(handle.name, path)


def content_version() -> int:
    """Return the current content version (nanoseconds of the last change).

    A text scheduled for later publication moves the version when it is due.
    """
    stored = _read_version()
    if stored is None:
        return bump_content_version()
    version, next_publication = stored
    if next_publication and time.time() >= next_publication:
        return bump_content_version()
    return version


def bump_content_version() -> int:
    """Start a new content version: every cached page and API read is stale."""
    version = time.time_ns()
    _write_version((version, _next_scheduled_change()))
    return version


def _next_scheduled_change() -> float:
    upcoming = [when for next_change in SCHEDULES if (when := next_change())]
    return min(upcoming).timestamp() if upcoming else 0.0


def content_changed(**kwargs) -> None:
    """Bump the version now and again once the current transaction commits.

    The second bump matters: between the first and the commit, another worker
    may still read the old rows and cache them under the new version.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)


def _on_model_change(sender, **kwargs):
    app_label = sender._meta.app_label
    if app_label not in CONTENT_APPS:
        return
    unseen_when_created = CONTENT_APPS[app_label]
    if (
        kwargs.get("created")
        and unseen_when_created
        and unseen_when_created(kwargs["instance"])
    ):
        return
    content_changed()


def connect_signals() -> None:
    post_save.connect(_on_model_change, dispatch_uid="content-version-save")
    post_delete.connect(_on_model_change, dispatch_uid="content-version-delete")
    m2m_changed.connect(_on_model_change, dispatch_uid="content-version-m2m")


def is_anonymous_read(request) -> bool:
    if request.method not in {"GET", "HEAD"}:
        return False
    if request.path.startswith(UNCACHED_PREFIXES) or request.path.startswith(
        "/" + settings.ADMIN_URL
    ):
        return False
    # Without a session cookie nobody is logged in and no message is waiting,
    # and we learn it without a database query.
    # A token-authenticated API client is an editor: never anonymous.
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


class AnonymousCacheMiddleware:
    """Serve anonymous reads from the cache; answer 304 when nothing changed.

    Sits after LocaleMiddleware (the language is part of the key) and after
    CsrfViewMiddleware in the chain, so a cached page still gets a CSRF cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        if not caching_enabled():
            response = self.get_response(request)
            if self.is_cacheable(response):
                return self.from_entry(request, self.to_entry(response), None)
            return response
        version = content_version()
        key = self.cache_key(request, version)
        entry = cache.get(key)
        if entry is not None:
            throttled = self.throttle_api_read(request)
            if throttled is not None:
                return throttled
            return self.from_entry(request, entry, version)
        response = self.get_response(request)
        if self.is_cacheable(response):
            entry = self.to_entry(response)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            return self.from_entry(request, entry, version)
        return response

    @staticmethod
    def cache_key(request, version: int) -> str:
        parts = [
            str(version),
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.headers.get("Accept", "")[:200],
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def is_cacheable(response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if response.has_header("Cache-Control") and (
            "no-store" in response["Cache-Control"]
            or "private" in response["Cache-Control"]
        ):
            return False
        other_cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        return not other_cookies

    @staticmethod
    def to_entry(response) -> dict:
        content = response.content
        for name in PER_READER_FIELDS:
            content = re.sub(
                rb'(name="' + name.encode() + rb'" value=")[^"]+(")',
                rb"\1" + _placeholder(name) + rb"\2",
                content,
            )
        headers = {
            name: value
            for name, value in response.items()
            if name.lower()
            not in {"set-cookie", "content-length", "etag", "last-modified"}
        }
        return {
            "content": content,
            "headers": headers,
            "etag": quote_etag(hashlib.sha256(content).hexdigest()[:32]),
        }

    @staticmethod
    def from_entry(request, entry: dict, version: int | None):
        """Return the entry as a response for this reader, or a 304."""
        content = entry["content"]
        for name, value in PER_READER_FIELDS.items():
            if _placeholder(name) in content:
                content = content.replace(_placeholder(name), value(request).encode())
        response = HttpResponse(content)
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = entry["etag"]
        if version is not None:
            response["Last-Modified"] = http_date(version / 1e9)
        # Only the ETag decides a 304: Last-Modified has one-second granularity,
        # and two changes within a second must not look like none.
        response = get_conditional_response(
            request, etag=entry["etag"], response=response
        )
        # Shared caches must not keep a page: it may carry a reader's token.
        response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ["Accept-Language", "Cookie", "Accept"])
        return response

    @staticmethod
    def throttle_api_read(request):
        """Count a cached API read against the anonymous rate, as DRF would."""
        if not request.path.startswith("/api/"):
            return None
        throttle = AnonRateThrottle()
        if throttle.allow_request(request, None):
            return None
        wait = int(throttle.wait() or 1) + 1
        response = JsonResponse(
            {
                "detail": f"Request was throttled. Expected available in {wait} seconds.",
                "errors": {},
            },
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
