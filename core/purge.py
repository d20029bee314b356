"""Tell shared caches (Varnish, a CDN) which surrogate keys changed.

`PURGE_URLS` lists the targets, comma-separated; none by default:

- `varnish://host:port` sends `PURGE /` with an `xkey-purge` header naming
  the keys (deploy/varnish/pressroom.vcl answers it with the xkey module);
- `cdn+https://host/service/<id>` (or `cdn+http://`) sends a Fastly-style
  `POST <url>/purge/<key>` per key, with `PURGE_CDN_TOKEN` as `Fastly-Key`.

Each purge is tried at once, with a short timeout (`PURGE_INLINE_TIMEOUT_MS`),
so the very next read after a write is fresh; one that fails becomes a task
(`core.tasks.purge_keys`, on the site's task queue, so it outlives this
process) that a worker retries with doubling back-off, logging each failure.
A purge that never arrives is bounded by the pages' `s-maxage`.
"""

import datetime
import http.client
import logging
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

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

    @property
    def url(self) -> str:
        return f"varnish://{self.host}:{self.port}"

    def __str__(self):
        return self.url


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

    @property
    def url(self) -> str:
        """The URL as PURGE_URLS names it, without the token."""
        port = f":{self.port}" if self.port else ""
        return f"cdn+{self.scheme}://{self.host}{port}{self.path}"

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


class Purger:
    """Sends each purge at once and hands a failed one to the task queue."""

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

    def submit(self, keys) -> None:
        keys = sorted(set(keys))
        if not keys or not self.targets:
            return
        for target in self.targets:
            if self.inline_timeout <= 0:
                self.later(target.url, keys, attempt=0)
                continue
            try:
                target.purge(keys, timeout=self.inline_timeout)
            except PurgeFailed as error:
                record_failure()
                logger.warning(
                    "Purge of %d keys at %s failed (%s); retrying in a task.",
                    len(keys),
                    target,
                    error,
                )
                self.later(target.url, keys, attempt=1)

    def attempt(self, target_url: str, keys: list[str], attempt: int) -> bool:
        """Try a purge handed to a task; on failure, hand on the next try.

        `attempt` counts the tries before this one. Returns whether it arrived.
        """
        [target] = parse_targets([target_url], cdn_token=settings.PURGE_CDN_TOKEN)
        try:
            target.purge(keys, timeout=self.timeout)
        except PurgeFailed as error:
            record_failure()
            if attempt >= self.retries:
                logger.error(
                    "Purge of %d keys at %s abandoned after %d attempts: %s; "
                    "the pages expire by s-maxage instead.",
                    len(keys),
                    target,
                    attempt + 1,
                    error,
                )
                return False
            logger.warning(
                "Purge of %d keys at %s failed (%s); retrying in %.1f s.",
                len(keys),
                target,
                error,
                self.delay(attempt + 1),
            )
            self.later(target_url, keys, attempt=attempt + 1)
            return False
        return True

    def delay(self, attempt: int) -> float:
        """Seconds to wait before try number `attempt` (0: the first)."""
        return self.backoff * 2 ** (attempt - 1) if attempt > 0 else 0.0

    def later(self, target_url: str, keys: list[str], *, attempt: int) -> None:
        """Enqueue the purge as a task, due after its back-off.

        A backend that cannot defer a task (the immediate one: tests and
        scripts) runs the retries at once.
        """
        from core.tasks import purge_keys

        task = purge_keys
        delay = self.delay(attempt)
        try:
            if delay > 0 and task.get_backend().supports_defer:
                task = task.using(
                    run_after=timezone.now() + datetime.timedelta(seconds=delay)
                )
            task.enqueue(target_url, keys, attempt)
        except Exception as error:  # noqa: BLE001 - a write must not fail for a purge
            logger.error(
                "Purge of %d keys at %s not queued (%s: %s); the pages expire "
                "by s-maxage instead.",
                len(keys),
                target_url,
                type(error).__name__,
                error,
            )

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
