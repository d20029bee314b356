from django.contrib.sitemaps import Sitemap

from .models import Announcement, Topic


class AnnouncementSitemap(Sitemap):
    """Public texts only: drafts, scheduled and withdrawn texts stay out."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Announcement.objects.public().only("slug", "updated_at").order_by("-id")

    def lastmod(self, announcement):
        return announcement.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")
