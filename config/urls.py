"""Root URLconf: both apps at the root, then feeds, sitemap, admin and API."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path

from config import views
from config.sitemaps import SITEMAPS
from core import views as site_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    # /sitemap.xml is an index of paginated sections (each Sitemap's `limit`
    # URLs a page), so no response grows with the archive. It keeps the URL
    # name the templates and robots.txt already reverse.
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("announcements.urls")),
    path("", include("indicators.urls")),
    path("feeds/", include("config.feed_urls")),
    path("api/v1/", include("config.api_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.BENCH_VIEWS:
    urlpatterns += [path("bench/", include("bench.urls"))]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
