from django.contrib.sitemaps import Sitemap

from .models import Indicator, PolicyAction


class IndicatorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Indicator.objects.public().only("slug").order_by("id")


class PolicyActionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return PolicyAction.objects.public().only("slug").order_by("id")
