from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Announcement, Topic

# URLs per sitemap page: a bounded response (and query) at any archive size.
SECTION_PAGE_SIZE = 2000


class AnnouncementSitemap(Sitemap):
    """Public texts only: drafts, scheduled and withdrawn texts stay out."""

    changefreq = "weekly"
    limit = SECTION_PAGE_SIZE
    priority = 0.8

    def items(self):
        return Announcement.objects.public().only("slug", "updated_at").order_by("-id")

    def lastmod(self, announcement):
        return announcement.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item, for the index alone.
        return Announcement.objects.public().aggregate(Max("updated_at"))[
            "updated_at__max"
        ]


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    limit = SECTION_PAGE_SIZE
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")
