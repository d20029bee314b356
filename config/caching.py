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
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

VERSION_KEY = "content:version"
CONTENT_APPS = {"announcements", "indicators"}
CSRF_PLACEHOLDER = "__PRESSROOM_CSRF_TOKEN__"
TIMESTAMP_PLACEHOLDER = "__PRESSROOM_FORM_TIMESTAMP__"
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
TIMESTAMP_VALUE = re.compile(rb'(name="timestamp" value=")([^"]+)(")')
# Paths that are per-visitor or must always be live.
UNCACHED_PREFIXES = ("/i18n/", "/healthz", "/static/", "/bench/")


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
    _write_version((version, _next_scheduled_publication() or 0.0))
    return version


def _next_scheduled_publication() -> float | None:
    Announcement = apps.get_model("announcements", "Announcement")
    upcoming = (
        Announcement.objects.filter(
            status=Announcement.Status.PUBLISHED, published_at__gt=timezone.now()
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else None


def content_changed(**kwargs) -> None:
    """Bump the version now and again once the current transaction commits.

    The second bump matters: between the first and the commit, another worker
    may still read the old rows and cache them under the new version.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)


def _on_model_change(sender, **kwargs):
    if sender._meta.app_label not in CONTENT_APPS:
        return
    if kwargs.get("created") and _invisible_new_comment(sender, kwargs["instance"]):
        return
    content_changed()


def _invisible_new_comment(sender, instance) -> bool:
    # A new comment held for moderation (or caught as spam) changes no page a
    # reader can see; approving it later bumps the version like any change.
    return sender._meta.label == "announcements.Comment" and (
        instance.status != instance.Status.APPROVED
    )


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
        content = CSRF_VALUE.sub(
            rb"\1" + CSRF_PLACEHOLDER.encode() + rb"\3", response.content
        )
        content = TIMESTAMP_VALUE.sub(
            rb"\1" + TIMESTAMP_PLACEHOLDER.encode() + rb"\3", content
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
        from announcements.moderation import sign_timestamp

        content = entry["content"]
        if CSRF_PLACEHOLDER.encode() in content:
            content = content.replace(
                CSRF_PLACEHOLDER.encode(), get_token(request).encode()
            )
        if TIMESTAMP_PLACEHOLDER.encode() in content:
            content = content.replace(
                TIMESTAMP_PLACEHOLDER.encode(), sign_timestamp().encode()
            )
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
        # The project's throttle keys clients by the address moderation trusts,
        # not by a forgeable X-Forwarded-For header.
        from config.api import AnonRateThrottle

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
