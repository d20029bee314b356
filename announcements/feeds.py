from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.cache import shows
from core.i18n import url_in_language

from .models import Announcement, Speaker, Topic

FEED_LENGTH = 20


class LatestAnnouncementsFeed(Feed):
    """The latest public texts. Withdrawn, draft and scheduled ones never appear."""

    title = _("Pressroom: latest announcements")
    link = reverse_lazy("announcements:announcement_list")
    description = _("Press conferences, releases and speeches, as they are published.")

    def items(self):
        shows(Announcement, Topic, Speaker)
        return (
            Announcement.objects.public()
            .in_language(get_language())
            .for_listing()
            .order_by("-published_at", "-id")[:FEED_LENGTH]
        )

    def item_link(self, item):
        # Each text at its own language's address, whichever feed lists it.
        return url_in_language(item)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        # The speakers, never a commenter or editor: no e-mail goes in a feed.
        names = [speaker.name for speaker in item.speaker_list]
        return ", ".join(names) or item.organizer or None

    def item_categories(self, item):
        return [topic.name for topic in item.topic_list]


class LatestAnnouncementsAtomFeed(LatestAnnouncementsFeed):
    feed_type = Atom1Feed
    subtitle = LatestAnnouncementsFeed.description
