from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q

from core.i18n import url_in_language
from core.sitemaps import EveryLanguageSitemap

from .models import Announcement, Topic

# URLs per sitemap page: a bounded response (and query) at any archive size.
SECTION_PAGE_SIZE = 2000


class AnnouncementSitemap(Sitemap):
    """Public texts only: drafts, scheduled and withdrawn texts stay out."""

    changefreq = "weekly"
    limit = SECTION_PAGE_SIZE
    priority = 0.8

    def items(self):
        return (
            Announcement.objects.public()
            .only("slug", "updated_at", "language", "translation_of")
            .order_by("-id")
        )

    def location(self, announcement):
        # A text lives at its own language's address.
        return url_in_language(announcement)

    def get_urls(self, page=1, site=None, protocol=None):
        """Return the page's entries, each naming its text's other versions.

        One query for the whole page finds the public versions (original and
        translations) of every text on it.
        """
        urls = super().get_urls(page, site, protocol)
        works = {entry["item"].translation_of_id or entry["item"].pk for entry in urls}
        versions = {}
        for text in (
            Announcement.objects.public()
            .filter(Q(pk__in=works) | Q(translation_of_id__in=works))
            .only("slug", "language", "translation_of")
            .order_by("language", "pk")
        ):
            versions.setdefault(text.translation_of_id or text.pk, []).append(text)
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for entry in urls:
            text = entry["item"]
            group = versions.get(text.translation_of_id or text.pk, [])
            if len(group) > 1:
                entry["alternates"] = [
                    {
                        "lang_code": version.language,
                        "location": prefix + url_in_language(version),
                    }
                    for version in group
                ]
        return urls

    def lastmod(self, announcement):
        return announcement.updated_at

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item, for the index alone.
        return Announcement.objects.public().aggregate(Max("updated_at"))[
            "updated_at__max"
        ]


class TopicSitemap(EveryLanguageSitemap):
    changefreq = "weekly"
    limit = SECTION_PAGE_SIZE
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")
