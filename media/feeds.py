"""The announcements feeds with each text's attachments as enclosures.

The announcements app's feeds know nothing of media; config's feed URLs use
these subclasses instead.
"""

from django.conf import settings
from django.utils.feedgenerator import Enclosure

from announcements.feeds import LatestAnnouncementsAtomFeed, LatestAnnouncementsFeed
from core.cache import shows

from .models import Attachment


def absolute(url: str) -> str:
    return url if "://" in url else settings.SITE_URL + url


class EnclosuresMixin:
    def items(self):
        items = list(super().items())
        shows(Attachment)
        by_text = {}
        for attachment in Attachment.objects.filter(announcement__in=items):
            by_text.setdefault(attachment.announcement_id, []).append(attachment)
        for item in items:
            item.media_attachments = by_text.get(item.pk, [])
        return items

    def item_enclosures(self, item):
        return [
            Enclosure(
                absolute(attachment.file.url),
                str(attachment.size),
                attachment.content_type.split(";")[0],
            )
            for attachment in getattr(item, "media_attachments", [])
        ]


class AnnouncementsWithAttachmentsFeed(EnclosuresMixin, LatestAnnouncementsFeed):
    pass


class AnnouncementsWithAttachmentsAtomFeed(
    EnclosuresMixin, LatestAnnouncementsAtomFeed
):
    pass
