"""Django's Redis cache, made to fail fast and fall back while Redis is away.

A cache is an accelerator: losing it must make the site slower, not absent.
Every call to Redis has short connect and read timeouts (settings). After a
failure the breaker opens for `CACHE_RETRY_SECONDS`: calls then go straight
to a small cache inside the process, without waiting on Redis, and the
first call after that tries Redis again; when it answers, caching resumes
with no restart. Each failure and each recovery is one log line.

What must be shared or nothing (the versions of cache keys, core.cache)
asks through `shared()`, which raises instead of falling back: a page is
then served uncached rather than stale. Rate limits fall back to a stricter
limit per process (`degraded_share`).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("pressroom.dependencies")


class CacheUnavailable(Exception):
    pass


class Breaker:
    """Open for a while after a failure; closed again by the next success."""

    def __init__(self, retry_seconds: float):
        self.retry_seconds = retry_seconds
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def failed(self, error: Exception, operation: str) -> None:
        with self.lock:
            first = self.open_until == 0.0
            self.open_until = time.monotonic() + self.retry_seconds
        logger.warning(
            "Redis unavailable, cache degraded",
            extra={
                "dependency": "redis",
                "operation": operation,
                "error": f"{type(error).__name__}: {error}",
                "state": "opened" if first else "still down",
            },
        )

    def succeeded(self) -> None:
        if self.open_until:
            with self.lock:
                self.open_until = 0.0
            logger.info(
                "Redis answers again, cache resumed",
                extra={"dependency": "redis", "state": "closed"},
            )


def _is_redis_failure(error: Exception) -> bool:
    import redis

    return isinstance(error, redis.RedisError | OSError)


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls fall back to a per-process cache while Redis fails."""

    _guarded = (
        "add",
        "get",
        "set",
        "touch",
        "delete",
        "get_many",
        "has_key",
        "incr",
        "set_many",
        "delete_many",
        "clear",
    )

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.breaker = Breaker(float(options.pop("RETRY_SECONDS", 5)))
        super().__init__(server, {**params, "OPTIONS": options})
        self.fallback = LocMemCache(
            "pressroom-fallback", {"OPTIONS": {"MAX_ENTRIES": 1000}}
        )

    def is_degraded(self) -> bool:
        return self.breaker.is_open()

    def _call(self, name: str, *args, **kwargs):
        if self.breaker.is_open():
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except Exception as error:
            if not _is_redis_failure(error):
                raise
            self.breaker.failed(error, name)
            return getattr(self.fallback, name)(*args, **kwargs)
        self.breaker.succeeded()
        return result

    def shared(self) -> "SharedOnly":
        return SharedOnly(self)


def _guard(name):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in ResilientRedisCache._guarded:
    setattr(ResilientRedisCache, _name, _guard(_name))


class SharedOnly:
    """The Redis cache's answers, or CacheUnavailable: never a local stand-in."""

    def __init__(self, cache: ResilientRedisCache):
        self.cache = cache

    def __getattr__(self, name):
        def call(*args, **kwargs):
            if self.cache.breaker.is_open():
                raise CacheUnavailable("Redis is unavailable")
            try:
                result = getattr(RedisCache, name)(self.cache, *args, **kwargs)
            except Exception as error:
                if not _is_redis_failure(error):
                    raise
                self.cache.breaker.failed(error, name)
                raise CacheUnavailable(str(error)) from error
            self.cache.breaker.succeeded()
            return result

        return call


def cache_degraded(cache) -> bool:
    # `cache` may be Django's proxy of the default cache: ask, do not isinstance.
    is_degraded = getattr(cache, "is_degraded", None)
    return bool(is_degraded and is_degraded())


def degraded_share(limit: int, cache) -> int:
    """Return a rate limit to apply per process while the shared counters are away.

    The configured limit split between the worker processes: stricter than
    the shared limit, never unlimited.
    """
    if not cache_degraded(cache):
        return limit
    return max(1, limit // max(1, settings.WEB_CONCURRENCY))
