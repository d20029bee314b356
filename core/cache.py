"""Anonymous pages any cache may hold, named by what they show, purged when it changes.

An anonymous GET of a public page or API read answers the same bytes to
every reader of the URL: no cookie, no per-reader token, `Cache-Control:
public` with `max-age` for browsers and `s-maxage` for shared caches, an
ETag, and no `Vary: Cookie` (the language is in the URL).

Each response names what it shows in `Surrogate-Key` and `xkey` headers:
`announcement-12` for one object, `announcement-list` for a list of them
(views and selectors call `shows(...)`). A response that names nothing
carries `undeclared`, which every change purges. Every change to a watched
model invalidates its keys: their versions move (here), and shared caches
are told to drop them (`core.purge`) once the transaction commits. The app's
own page cache stores each entry with the versions of its keys and serves it
only while they are all unchanged, so approving a comment on one text makes
stale that text's page and its API reads, and nothing else.

A text scheduled for later goes public without any write: its keys are
invalidated when it is due, by the first request after that moment or, with
purge targets configured, by a watcher thread that needs no request.
"""

import datetime
import functools
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

# Keyed by the address every limit trusts, not a forgeable X-Forwarded-For.
from core.api import AnonRateThrottle
from core.purge import purge, purger

logger = logging.getLogger(__name__)

# Every response carries it: purging it purges the whole site.
SITE_KEY = "pressroom"
# Carried by a response that named nothing it shows; every change purges it.
UNDECLARED_KEY = "undeclared"
# Moves with every change of any key: a render it spans may be stale.
GENERATION = "meta.generation"
# When the next scheduled text goes public (nanoseconds; 0: none).
NEXT_SCHEDULED = "meta.schedule"

# Paths that are per-visitor or must always be live.
UNCACHED_PREFIXES = ("/i18n/", "/healthz", "/readyz", "/static/", "/bench/")
# A request with one of these cookies may see something of its own.
PRIVATE_COOKIES = ("messages",)
# Inner middleware vary on these; an anonymous read's bytes do not. (The
# API, which has no language in its paths, answers in the language a client
# asks for with ?lang= or Accept-Language, and keeps varying on the latter.)
NOT_VARYING = {"cookie", "accept-language"}
NOT_VARYING_API = {"cookie"}


# --- Keys -----------------------------------------------------------------


def object_key(model, pk) -> str:
    return f"{model._meta.model_name}-{pk}"


def list_key(model) -> str:
    return f"{model._meta.model_name}-list"


def members_key(model, pk, members) -> str:
    """The key of one object's list of other rows: "topic-3-announcements"."""
    return f"{object_key(model, pk)}-{members._meta.model_name}s"


def keys_for(things: Iterable) -> set[str]:
    """Return the keys of model instances (the object), models (their list) and strings."""
    keys = set()
    for thing in things:
        if isinstance(thing, str):
            keys.add(thing)
        elif isinstance(thing, type) and issubclass(thing, Model):
            keys.add(list_key(thing))
        elif isinstance(thing, Model):
            keys.add(object_key(type(thing), thing.pk))
        else:
            raise TypeError(f"Not a model, an instance or a key: {thing!r}")
    return keys


_shown: ContextVar[set | None] = ContextVar("pressroom_shown_keys", default=None)


def shows(*things) -> None:
    """Name what the response being rendered shows (see `keys_for`).

    Outside an anonymous read nobody collects the keys, and this does nothing.
    """
    collected = _shown.get()
    if collected is not None:
        collected.update(keys_for(things))


def showing(*things):
    """Decorate a view whose every response shows these (see `shows`)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            shows(*things)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- What each change invalidates ------------------------------------------


@dataclass
class Watch:
    also: list[Callable]
    unseen_when_created: Callable | None


WATCHED: dict[type, Watch] = {}


@dataclass(frozen=True)
class Schedule:
    model: type
    next_change: Callable
    due_between: Callable


SCHEDULES: list[Schedule] = []


def watch(model, *, also: Callable | None = None, unseen_when_created=None) -> None:
    """Invalidate the model's keys whenever a row of it changes.

    A change invalidates the row's own key and the model's list key, plus
    the keys `also(instance)` returns (a comment changes its text's page).
    Another app may add its own `also` for the same model (the indicators
    a text states figures for). `unseen_when_created(instance)` says a new
    row changes nothing a reader sees (a comment held for moderation); its
    later changes still count.
    """
    watched = WATCHED.setdefault(model, Watch([], None))
    if also:
        watched.also.append(also)
    if unseen_when_created:
        watched.unseen_when_created = unseen_when_created


def watch_schedule(model, *, next_change: Callable, due_between: Callable) -> None:
    """Register rows that change by themselves: a text scheduled for later.

    `next_change()` says when the next one is due (an aware datetime, or
    None); `due_between(start, end)` returns the rows due in that time, whose
    keys are then invalidated as if they had been saved.
    """
    SCHEDULES.append(Schedule(model, next_change, due_between))


def changed_keys(instance) -> set[str]:
    model = type(instance)
    keys = {object_key(model, instance.pk), list_key(model)}
    for also in WATCHED[model].also:
        keys |= keys_for(also(instance))
    return keys


def invalidate(*things) -> None:
    """Make stale every cached response that shows one of these.

    Versions move now (this process's own next read renders afresh) and again
    once the transaction commits: between the two, another process may still
    read the old rows. Shared caches are purged after the commit.
    """
    keys = keys_for(things) | {UNDECLARED_KEY}
    _bump(keys)

    def after_commit():
        _bump(keys)
        _store_next_scheduled()
        purge(keys)

    transaction.on_commit(after_commit)


def invalidate_all() -> None:
    """Make stale every cached page and API read (after bulk writes)."""
    invalidate(SITE_KEY)


def _on_save_or_delete(sender, instance, **kwargs):
    watched = WATCHED.get(sender)
    if watched is None:
        return
    if (
        kwargs.get("created")
        and watched.unseen_when_created
        and watched.unseen_when_created(instance)
    ):
        return
    invalidate(*changed_keys(instance))
    if any(schedule.model is sender for schedule in SCHEDULES):
        # Now as well as after the commit: reads need not look it up.
        _store_next_scheduled()


def _on_m2m_change(sender, instance, action, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    keys = set()
    if type(instance) in WATCHED:
        keys |= changed_keys(instance)
    if model in WATCHED:
        # The rows on the other side show the link too (a topic's texts).
        keys |= {object_key(model, pk) for pk in pk_set or ()} | {list_key(model)}
    if keys:
        invalidate(*keys)


def connect_signals() -> None:
    post_save.connect(_on_save_or_delete, dispatch_uid="cache-keys-save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="cache-keys-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="cache-keys-m2m")


# --- Versions of keys, shared by every process ------------------------------


class CacheVersions:
    """Versions in the shared cache (Redis), beside the pages.

    Only Redis's own answers count: while it is unreachable these calls raise
    (CacheUnavailable) instead of reading a process's local stand-in, and
    pages are served uncached rather than possibly stale.
    """

    prefix = "version:"

    def __init__(self):
        self.store = cache.shared() if hasattr(cache, "shared") else cache

    def get_many(self, keys) -> dict[str, int]:
        found = self.store.get_many([self.prefix + key for key in keys])
        return {key.removeprefix(self.prefix): value for key, value in found.items()}

    def set_many(self, values: dict[str, int]) -> None:
        self.store.set_many(
            {self.prefix + key: value for key, value in values.items()}, timeout=None
        )

    def claim(self, name: str) -> bool:
        return self.store.add(f"claim:{name}", 1, timeout=60)


class FileVersions:
    """Versions in small files, one per key, for caches local to one process.

    Every worker process of the machine reads the same files.
    """

    def __init__(self, directory):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        name = key if key.replace("-", "").replace(".", "").isalnum() else None
        return self.directory / (name or hashlib.sha256(key.encode()).hexdigest())

    def get_many(self, keys) -> dict[str, int]:
        found = {}
        for key in keys:
            try:
                found[key] = int(self._path(key).read_bytes())
            except (OSError, ValueError):
                continue
        return found

    def set_many(self, values: dict[str, int]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        suffix = f".{os.getpid()}.{threading.get_ident()}.tmp"
        for key, value in values.items():
            path = self._path(key)
            temporary = path.with_name(path.name + suffix)
            temporary.write_text(str(value))
            os.replace(temporary, path)

    def claim(self, name: str) -> bool:
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(self.directory / f"claim.{name}", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return False
        return True


def versions():
    # caches["default"], not `cache`: that is a proxy, of no backend's class.
    if isinstance(caches["default"], RedisCache):
        return CacheVersions()
    return FileVersions(settings.CACHE_VERSIONS_DIR)


def _read(keys) -> dict[str, int | None] | None:
    """Return the keys' versions, or None if the store cannot be read.

    A key never invalidated has version 0; NEXT_SCHEDULED never stored is None.
    """
    try:
        found = versions().get_many(keys)
    except Exception as error:  # noqa: BLE001 - any failure of the store
        logger.warning("Cache versions unreadable, serving uncached: %s", error)
        return None
    return {key: found.get(key, None if key == NEXT_SCHEDULED else 0) for key in keys}


def _bump(keys) -> None:
    now = time.time_ns()
    try:
        versions().set_many(dict.fromkeys([*keys, GENERATION], now))
    except Exception as error:  # noqa: BLE001 - any failure of the store
        logger.error("Cache versions not moved for %s: %s", sorted(keys), error)


# --- Texts that go public by themselves ---------------------------------------


def _next_scheduled() -> int:
    upcoming = [when for schedule in SCHEDULES if (when := schedule.next_change())]
    return int(min(upcoming).timestamp() * 1e9) if upcoming else 0


def _store_next_scheduled() -> int:
    when = _next_scheduled()
    try:
        versions().set_many({NEXT_SCHEDULED: when})
    except Exception as error:  # noqa: BLE001 - any failure of the store
        logger.error("Next scheduled change not stored: %s", error)
    return when


def schedule_due(known: dict[str, int]) -> bool:
    """Return whether a scheduled change is due (applying it if this process may).

    `known` holds the stored NEXT_SCHEDULED: 0 when nothing is scheduled,
    None when it was never stored (it is then looked up, once).
    """
    when = known.get(NEXT_SCHEDULED, 0)
    if when is None:
        when = _store_next_scheduled()
    if not when:
        return False
    if time.time_ns() < when:
        return False
    try:
        mine = versions().claim(f"schedule.{when}")
    except Exception:  # noqa: BLE001 - any failure of the store
        mine = True
    if mine:
        # A millisecond early: nanoseconds through a float lose a microsecond.
        start = datetime.datetime.fromtimestamp(when / 1e9 - 0.001, tz=datetime.UTC)
        end = datetime.datetime.now(tz=datetime.UTC)
        keys = set()
        for schedule in SCHEDULES:
            keys.add(list_key(schedule.model))
            for row in schedule.due_between(start, end):
                keys |= changed_keys(row)
        keys.add(UNDECLARED_KEY)
        _bump(keys)
        _store_next_scheduled()
        purge(keys)
    return True


class ScheduleWatcher:
    """A thread per process that applies scheduled changes when no request comes.

    Needed only where a shared cache must be purged: the app's own cache
    notices a due change on the next request anyway.
    """

    # How often it looks for a newly stored schedule: one read of one key.
    poll_seconds = 1

    def __init__(self):
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._run, name="pressroom-schedule", daemon=True
                )
                self.thread.start()

    def _run(self) -> None:
        while purger().targets:
            try:
                known = _read([NEXT_SCHEDULED]) or {NEXT_SCHEDULED: None}
                if known[NEXT_SCHEDULED] is None:
                    known[NEXT_SCHEDULED] = _store_next_scheduled()
                schedule_due(known)
                when = known[NEXT_SCHEDULED]
            except Exception:  # noqa: BLE001 - the thread must outlive any error
                logger.exception("Scheduled changes not checked")
                when = 0
            finally:
                # This thread's own connection: none is left open between checks.
                connections.close_all()
            wait = self.poll_seconds
            if when:
                wait = min(wait, max(0.05, when / 1e9 - time.time() + 0.01))
            time.sleep(wait)


schedule_watcher = ScheduleWatcher()


def start_background_work() -> None:
    """Start the schedule watcher where shared caches need purging."""
    if purger().targets:
        schedule_watcher.start()


# --- The middleware -------------------------------------------------------------


def caching_enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and not isinstance(
        caches["default"], DummyCache
    )


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
    return settings.SESSION_COOKIE_NAME not in cookies and not any(
        name in cookies for name in PRIVATE_COOKIES
    )


def mark_private(response):
    """Keep a response out of shared caches (a signed-in page, a form's answer)."""
    if "no-store" not in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True)
    return response


class SharedCacheMiddleware:
    """Give anonymous reads shared-cache headers and serve them from the app cache.

    Sits outside SessionMiddleware and LocaleMiddleware (see settings): an
    anonymous read carries no session cookie and its language is in its URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return mark_private(self.get_response(request))
        start_background_work()
        use_app_cache = caching_enabled()
        key = self.cache_key(request)
        if use_app_cache:
            entry = self.cached_entry(key)
            if entry is not None:
                known = _read([*entry["versions"], NEXT_SCHEDULED])
                if (
                    known is not None
                    and not schedule_due(known)
                    and all(known[k] == v for k, v in entry["versions"].items())
                ):
                    throttled = self.throttle_api_read(request)
                    if throttled is not None:
                        return throttled
                    return self.respond(request, entry, state="hit")
        before = _read([GENERATION, NEXT_SCHEDULED])
        due = before is not None and schedule_due(before)
        collecting = _shown.set(set())
        try:
            response = self.get_response(request)
        finally:
            shown = _shown.get()
            _shown.reset(collecting)
        if not self.is_cacheable(response):
            return mark_private(response)
        keys = (shown or {UNDECLARED_KEY}) | {SITE_KEY}
        after = _read([*keys, GENERATION])
        # A change during the render (or a due schedule just applied) may
        # have been half seen: answer this once, but let no cache keep it.
        stable = (
            before is not None
            and after is not None
            and not due
            and before[GENERATION] == after[GENERATION]
        )
        entry = self.to_entry(
            response,
            {k: v for k, v in (after or {}).items() if k in keys} or None,
            not_varying=NOT_VARYING_API
            if request.path.startswith("/api/")
            else NOT_VARYING,
        )
        if use_app_cache and stable:
            try:
                cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception as error:  # noqa: BLE001 - any failure of the cache
                logger.warning("Page not cached: %s", error)
        return self.respond(request, entry, state="miss" if stable else "pass")

    @staticmethod
    def cache_key(request) -> str:
        parts = [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            # The API negotiates its format (JSON, CSV, the browsable page)
            # and its language.
            *(
                [
                    request.headers.get("Accept", "")[:200],
                    request.headers.get("Accept-Language", "")[:100],
                ]
                if request.path.startswith("/api/")
                else []
            ),
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def cached_entry(key):
        try:
            return cache.get(key)
        except Exception as error:  # noqa: BLE001 - any failure of the cache
            logger.warning("Page cache unreadable, serving uncached: %s", error)
            return None

    @staticmethod
    def is_cacheable(response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if response.has_header("Cache-Control") and (
            "no-store" in response["Cache-Control"]
            or "private" in response["Cache-Control"]
            or "no-cache" in response["Cache-Control"]
        ):
            return False
        # A page that set a cookie (asked for a CSRF token, say) is its reader's.
        return not response.cookies

    @staticmethod
    def to_entry(
        response, key_versions: dict[str, int] | None, *, not_varying=NOT_VARYING
    ) -> dict:
        content = response.content
        headers = {
            name: value
            for name, value in response.items()
            if name.lower()
            not in {
                "set-cookie",
                "content-length",
                "etag",
                "last-modified",
                "cache-control",
                "vary",
            }
        }
        vary = [
            header.strip()
            for header in response.get("Vary", "").split(",")
            if header.strip() and header.strip().lower() not in not_varying
        ]
        if vary:
            headers["Vary"] = ", ".join(vary)
        return {
            "content": content,
            "headers": headers,
            "etag": quote_etag(hashlib.sha256(content).hexdigest()[:32]),
            "versions": key_versions or {},
        }

    @staticmethod
    def respond(request, entry: dict, *, state: str):
        """Return the entry as this reader's response, or a 304."""
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = entry["etag"]
        changed = max(entry["versions"].values(), default=0)
        if changed:
            response["Last-Modified"] = http_date(changed / 1e9)
        keys = " ".join(sorted(entry["versions"]))
        response["Surrogate-Key"] = keys
        response["xkey"] = keys
        response["X-Pressroom-Cache"] = state
        if state == "pass":
            response["Cache-Control"] = "no-cache"
        else:
            response["Cache-Control"] = (
                f"public, max-age={settings.CACHE_MAX_AGE}, "
                f"s-maxage={settings.CACHE_S_MAXAGE}"
            )
        # Only the ETag decides a 304: Last-Modified has one-second granularity,
        # and two changes within a second must not look like none.
        return get_conditional_response(request, etag=entry["etag"], response=response)

    @staticmethod
    def throttle_api_read(request):
        """Count a cached API read against the anonymous rate, as DRF would."""
        if not request.path.startswith("/api/"):
            return None
        # Authentication has not run (the request has no session cookie nor
        # token): the reader is anonymous, which the throttle asks.
        request.user = AnonymousUser()
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
        response["Cache-Control"] = "no-store"
        return response
