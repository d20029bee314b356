"""The sitemap sections of every app, listed by the index at /sitemap.xml."""

from announcements.sitemaps import AnnouncementSitemap, TopicSitemap
from indicators.sitemaps import IndicatorSitemap, PolicyActionSitemap

SITEMAPS = {
    "announcements": AnnouncementSitemap,
    "topics": TopicSitemap,
    "indicators": IndicatorSitemap,
    "actions": PolicyActionSitemap,
}
