"""Root URLconf: the pages and feeds in each language, then sitemap, admin and API.

The language is in the URL: English at the root (`/announcements/`),
Chinese under its prefix (`/zh-hans/announcements/`), so a shared cache
keeps one copy per URL and never varies on a cookie or Accept-Language.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path

from announcements.models import Announcement, Topic
from config import views
from config.sitemaps import SITEMAPS
from core import views as site_views
from core.cache import SITE_KEY, showing
from indicators.models import Indicator, PolicyAction
from media import views as media_views

# What the sitemap lists: every public text, topic, indicator and action.
sitemap_shows = showing(Announcement, Topic, Indicator, PolicyAction)

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("readyz", site_views.readyz, name="readyz"),
    path("robots.txt", showing(SITE_KEY)(site_views.robots_txt), name="robots_txt"),
    # /sitemap.xml is an index of paginated sections (each Sitemap's `limit`
    # URLs a page), so no response grows with the archive. It keeps the URL
    # name the templates and robots.txt already reverse.
    path(
        "sitemap.xml",
        sitemap_shows(sitemaps_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_shows(sitemaps_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # Django's language form, kept for old links: it redirects to the page
    # in the chosen language (its URL, not a cookie, carries the choice).
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("", include("announcements.urls")),
        path("", include("indicators.urls")),
        path("", include("notices.urls")),
        path("feeds/", include("config.feed_urls")),
        prefix_default_language=False,
    ),
]

if settings.MEDIA_SERVE and settings.MEDIA_URL.startswith("/"):
    # Uploaded files in the file system storage, with their true type, nosniff
    # and a download for documents (media.views); a proxy may serve them instead.
    urlpatterns += [
        path(
            settings.MEDIA_URL.lstrip("/") + "<path:path>",
            media_views.serve,
            name="media_file",
        )
    ]

if settings.BENCH_VIEWS:
    urlpatterns += [path("bench/", include("bench.urls"))]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
