"""Tell shared caches (Varnish, a CDN) which surrogate keys changed.

`PURGE_URLS` lists the targets, comma-separated; none by default:

- `varnish://host:port` sends `PURGE /` with an `xkey-purge` header naming
  the keys (deploy/varnish/pressroom.vcl answers it with the xkey module);
- `cdn+https://host/service/<id>` (or `cdn+http://`) sends a Fastly-style
  `POST <url>/purge/<key>` per key, with `PURGE_CDN_TOKEN` as `Fastly-Key`.

Each purge is tried at once, with a short timeout (`PURGE_INLINE_TIMEOUT_MS`),
so the very next read after a write is fresh; one that fails is handed to a
background thread per process, which retries it with back-off and logs each
failure. A purge that never arrives is bounded by the pages' `s-maxage`.
"""

import atexit
import contextlib
import http.client
import logging
import queue
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# Keys per Varnish request: each is a few bytes, and Varnish refuses request
# headers over 8 KB.
KEYS_PER_REQUEST = 200


class PurgeFailed(Exception):
    pass


def record_failure() -> None:
    """Count a failed attempt in the shared cache, per minute, for /readyz."""
    key = f"purge-failures:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=600)


@dataclass(frozen=True)
class VarnishTarget:
    """A Varnish with the xkey module: `PURGE` with the keys in `xkey-purge`."""

    host: str
    port: int

    def purge(self, keys: list[str], *, timeout: float) -> None:
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            batch = " ".join(keys[start : start + KEYS_PER_REQUEST])
            _send(
                http.client.HTTPConnection(self.host, self.port, timeout=timeout),
                "PURGE",
                "/",
                {"xkey-purge": batch},
            )

    def __str__(self):
        return f"varnish://{self.host}:{self.port}"


@dataclass(frozen=True)
class CdnTarget:
    """A CDN with Fastly's purge API: `POST <service>/purge/<key>` per key."""

    scheme: str
    host: str
    port: int | None
    path: str
    token: str

    def purge(self, keys: list[str], *, timeout: float) -> None:
        connection_class = (
            http.client.HTTPSConnection
            if self.scheme == "https"
            else http.client.HTTPConnection
        )
        headers = {"Fastly-Key": self.token} if self.token else {}
        for key in keys:
            _send(
                connection_class(self.host, self.port, timeout=timeout),
                "POST",
                f"{self.path}/purge/{quote(key, safe='')}",
                headers,
            )

    def __str__(self):
        return f"cdn+{self.scheme}://{self.host}{self.path}"


def _send(connection, method: str, path: str, headers: dict[str, str]) -> None:
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        response.read()
    except OSError as error:
        raise PurgeFailed(f"{method} {path}: {error}") from error
    finally:
        connection.close()
    if response.status >= 300:
        raise PurgeFailed(f"{method} {path}: HTTP {response.status}")


def parse_targets(urls: list[str], *, cdn_token: str = "") -> list:
    """Return the purge targets the URLs name, refusing an unknown kind loudly."""
    targets = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme == "varnish" and parts.hostname:
            targets.append(VarnishTarget(parts.hostname, parts.port or 80))
        elif parts.scheme in {"cdn+http", "cdn+https"} and parts.hostname:
            targets.append(
                CdnTarget(
                    parts.scheme.removeprefix("cdn+"),
                    parts.hostname,
                    parts.port,
                    parts.path.rstrip("/"),
                    cdn_token,
                )
            )
        else:
            raise ImproperlyConfigured(
                f"PURGE_URLS: {url!r} is neither varnish://host:port nor "
                "cdn+https://host/service/<id>."
            )
    return targets


@dataclass
class Job:
    target: object
    keys: list[str]
    attempt: int = 0
    due: float = 0.0


class Purger:
    """One background thread per process that sends purges and retries them."""

    def __init__(
        self,
        targets,
        *,
        timeout: float,
        retries: int,
        backoff: float,
        inline_timeout: float = 0.0,
    ):
        self.targets = targets
        self.timeout = timeout
        self.inline_timeout = inline_timeout
        self.retries = retries
        self.backoff = backoff
        self.jobs: queue.Queue[Job] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.sent = 0
        # Jobs submitted and not yet sent or abandoned.
        self.pending = 0
        self.settled = threading.Condition()

    def submit(self, keys) -> None:
        keys = sorted(set(keys))
        if not keys or not self.targets:
            return
        for target in self.targets:
            if self.inline_timeout > 0:
                try:
                    target.purge(keys, timeout=self.inline_timeout)
                except PurgeFailed as error:
                    record_failure()
                    logger.warning(
                        "Purge of %d keys at %s failed (%s); retrying in the "
                        "background.",
                        len(keys),
                        target,
                        error,
                    )
                else:
                    self.sent += 1
                    continue
            self._ensure_thread()
            with self.settled:
                self.pending += 1
            if self.inline_timeout > 0:
                job = Job(target, keys, 1, time.monotonic() + self.backoff)
            else:
                job = Job(target, keys)
            self.jobs.put(job)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every submitted purge was sent or abandoned; return whether."""
        with self.settled:
            return self.settled.wait_for(lambda: self.pending == 0, timeout=timeout)

    def _ensure_thread(self) -> None:
        # Started on first use, not at import: gunicorn forks after loading
        # the app, and a thread does not survive a fork.
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._run, name="pressroom-purger", daemon=True
                )
                self.thread.start()
                # A command (an import, the demo loader) ends right after its
                # writes: send their purges before the process exits.
                atexit.register(self.flush)

    def _run(self) -> None:
        waiting: list[Job] = []
        while True:
            timeout = None
            if waiting:
                timeout = max(0.0, min(job.due for job in waiting) - time.monotonic())
            with contextlib.suppress(queue.Empty):
                waiting.append(self.jobs.get(timeout=timeout))
            now = time.monotonic()
            due = [job for job in waiting if job.due <= now]
            waiting = [job for job in waiting if job.due > now]
            for job in due:
                retry = self._attempt(job)
                if retry is not None:
                    waiting.append(retry)
                    continue
                with self.settled:
                    self.pending -= 1
                    self.settled.notify_all()

    def _attempt(self, job: Job) -> Job | None:
        try:
            job.target.purge(job.keys, timeout=self.timeout)
        except PurgeFailed as error:
            record_failure()
            if job.attempt >= self.retries:
                logger.error(
                    "Purge of %d keys at %s abandoned after %d attempts: %s; "
                    "the pages expire by s-maxage instead.",
                    len(job.keys),
                    job.target,
                    job.attempt + 1,
                    error,
                )
                return None
            delay = self.backoff * 2**job.attempt
            logger.warning(
                "Purge of %d keys at %s failed (%s); retrying in %.1f s.",
                len(job.keys),
                job.target,
                error,
                delay,
            )
            return Job(job.target, job.keys, job.attempt + 1, time.monotonic() + delay)
        self.sent += 1
        return None

    @staticmethod
    def recent_failures(seconds: float = 300) -> int:
        """Return the failed attempts of the last `seconds`, in every process."""
        now = int(time.time() // 60)
        minutes = [
            f"purge-failures:{m}" for m in range(now - int(seconds // 60), now + 1)
        ]
        return sum(cache.get_many(minutes).values())


_purger: Purger | None = None
_purger_config: tuple | None = None


def purger() -> Purger:
    """Return this process's purger for the current settings."""
    global _purger, _purger_config
    config = (
        tuple(settings.PURGE_URLS),
        settings.PURGE_CDN_TOKEN,
        settings.PURGE_TIMEOUT_SECONDS,
        settings.PURGE_RETRIES,
        settings.PURGE_BACKOFF_SECONDS,
        settings.PURGE_INLINE_TIMEOUT_MS / 1000,
    )
    if _purger is None or config != _purger_config:
        _purger = Purger(
            parse_targets(list(config[0]), cdn_token=config[1]),
            timeout=config[2],
            retries=config[3],
            backoff=config[4],
            inline_timeout=config[5],
        )
        _purger_config = config
    return _purger


def purge(keys) -> None:
    """Ask every configured shared cache to drop what carries these keys."""
    purger().submit(keys)
