from django.db.models import Max

from announcements.querysets import SOURCE_TEXT_DEFERRED
from announcements.sitemaps import SECTION_PAGE_SIZE
from core.sitemaps import EveryLanguageSitemap

from .models import Indicator, PolicyAction


class IndicatorSitemap(EveryLanguageSitemap):
    changefreq = "weekly"
    limit = SECTION_PAGE_SIZE
    priority = 0.6

    def items(self):
        return (
            Indicator.objects.public().with_last_published().only("slug").order_by("id")
        )

    def lastmod(self, indicator):
        return indicator.last_published

    def get_latest_lastmod(self):
        # Django's default computes lastmod() of every item just for the index;
        # the index entry simply goes without a date.
        return None


class PolicyActionSitemap(EveryLanguageSitemap):
    changefreq = "weekly"
    limit = SECTION_PAGE_SIZE
    priority = 0.6

    def items(self):
        return (
            PolicyAction.objects.public()
            .annotate(last_update=Max("updates__date"))
            .select_related("announcement")
            .defer(*SOURCE_TEXT_DEFERRED)
            .only("slug", "announcement__published_at")
            .order_by("id")
        )

    def lastmod(self, action):
        # An update carries a date only; the announcement is the fallback.
        return action.last_update or action.announcement.published_at.date()

    def get_latest_lastmod(self):
        return None  # as for indicators: not worth reading every action
