from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Indicator, PolicyAction


class IndicatorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            Indicator.objects.public().with_last_published().only("slug").order_by("id")
        )

    def lastmod(self, indicator):
        return indicator.last_published


class PolicyActionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            PolicyAction.objects.public()
            .annotate(last_update=Max("updates__date"))
            .select_related("announcement")
            .only("slug", "announcement__published_at")
            .order_by("id")
        )

    def lastmod(self, action):
        # An update carries a date only; the announcement is the fallback.
        return action.last_update or action.announcement.published_at.date()
