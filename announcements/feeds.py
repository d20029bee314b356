from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Announcement


class LatestAnnouncementsFeed(Feed):
    title = _("Pressroom: latest announcements")
    link = reverse_lazy("announcements:announcement_list")
    description = _("Press conferences, releases and speeches, as they are published.")

    def items(self):
        return Announcement.objects.public().order_by("-published_at", "-id")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestAnnouncementsAtomFeed(LatestAnnouncementsFeed):
    feed_type = Atom1Feed
    subtitle = LatestAnnouncementsFeed.description
