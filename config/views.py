"""Site-level views: home, health check, robots.txt, error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from announcements.models import Announcement
from indicators.charts import sparkline
from indicators.models import Indicator, PolicyAction
from indicators.selectors import key_indicator_cards

HOME_LATEST_COUNT = 6


def home(request):
    latest = (
        Announcement.objects.public()
        .for_listing()
        .order_by("-published_at", "-id")[:HOME_LATEST_COUNT]
    )
    action_counts = PolicyAction.objects.public_status_counts()
    context = {
        "latest_announcements": latest,
        "indicator_cards": [
            (
                card,
                sparkline(
                    [observation.value for observation in card.series],
                    rank=card.indicator.is_rank,
                ),
            )
            for card in key_indicator_cards()
        ],
        "action_counts": [
            (PolicyAction.Status(status), count)
            for status, count in action_counts.items()
        ],
        "action_total": sum(action_counts.values()),
        "indicator_count": Indicator.objects.public_count(),
    }
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers a query, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure here means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


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


def bench_hello(request):
    """Return a constant page: the benchmark's baseline (bench settings only)."""
    return HttpResponse("hello")


def bench_floor(request):
    """Return the site's page frame around eight one-row reads (bench settings only).

    What any uncached public page costs before it shows anything of its own:
    eight queries through the ORM (the most a page may run) and the header,
    navigation and footer every page renders. The benchmark reports it beside
    the real pages, as the floor under their figures.
    """
    public = Announcement.objects.public().only("slug", "title").order_by("pk")
    texts, last_pk = [], 0
    for _ in range(8):
        text = public.filter(pk__gt=last_pk).first()
        if text is None:
            break
        texts.append(text)
        last_pk = text.pk
    return render(request, "bench_floor.html", {"texts": texts})
