"""Site-level views that need no app: health check, robots.txt, error pages."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.cache_backends import CacheUnavailable
from core.middleware import RETRY_AFTER_SECONDS
from core.purge import purger


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. Nothing else is asked (see readyz)."""
    return JsonResponse({"status": "ok"})


# Apps add their own dependencies (the task queue, storage) when they load:
# name -> a function returning {"status": "up" | "degraded" | ..., ...}.
READINESS_CHECKS = {}


def register_readiness_check(name: str, check) -> None:
    READINESS_CHECKS[name] = check


@never_cache
@require_GET
def readyz(request):
    """Readiness: each dependency's state; 503 only when pages cannot be served.

    The database down makes the node unready. A helper that is down or slow
    (the cache, the purge target) shows as "degraded" with a 200: the node
    still serves, slower or with pages expiring by s-maxage, and a load
    balancer should keep it.
    """
    checks = {
        "database": database_state(),
        "cache": cache_state(),
        "purge": purge_state(),
    }
    if checks["database"]["status"] == "up":
        for name, check in READINESS_CHECKS.items():
            try:
                checks[name] = check()
            except Exception as error:  # noqa: BLE001 - a check must not break readiness
                checks[name] = {"status": "degraded", "error": type(error).__name__}
    if checks["database"]["status"] == "down":
        overall, status = "unavailable", 503
    elif any(check["status"] == "degraded" for check in checks.values()):
        overall, status = "degraded", 200
    else:
        overall, status = "ok", 200
    response = JsonResponse({"status": overall, "checks": checks}, status=status)
    if status == 503:
        response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def database_state() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return {"status": "down", "error": type(error).__name__}
    return {"status": "up", "ms": round((time.monotonic() - started) * 1000, 1)}


def cache_state() -> dict:
    if not hasattr(cache, "shared"):
        return {"status": "up", "kind": "local to each process"}
    started = time.monotonic()
    try:
        cache.shared().get("readyz-probe")
    except CacheUnavailable as error:
        return {
            "status": "degraded",
            "kind": "redis",
            "error": str(error)[:200],
            "effect": "pages served uncached; rate limits per process",
        }
    return {
        "status": "up",
        "kind": "redis",
        "ms": round((time.monotonic() - started) * 1000, 1),
    }


def purge_state() -> dict:
    current = purger()
    if not current.targets:
        return {"status": "up", "targets": 0}
    failures = current.recent_failures(seconds=300)
    return {
        "status": "degraded" if failures else "up",
        "targets": len(current.targets),
        "failures_last_5_minutes": failures,
    }


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found.", "errors": {}}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error.", "errors": {}}, status=500)
    # No request and no context processors: whatever broke the page (the
    # database, a context processor) may break them too.
    try:
        stylesheet = static("css/site.css")
    except Exception:  # noqa: BLE001 - a missing manifest must not hide the page
        stylesheet = ""
    page = loader.get_template("500.html").render({"stylesheet": stylesheet})
    return HttpResponse(page, status=500)
