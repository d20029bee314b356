"""Feeds: announcements as RSS and Atom, one feed per indicator and per action."""

from django.urls import path

from indicators.feeds import IndicatorFeed, PolicyActionFeed

# Attachments ride along as enclosures (the announcements app knows no media).
from media.feeds import (
    AnnouncementsWithAttachmentsAtomFeed as LatestAnnouncementsAtomFeed,
)
from media.feeds import (
    AnnouncementsWithAttachmentsFeed as LatestAnnouncementsFeed,
)

urlpatterns = [
    path("announcements/", LatestAnnouncementsFeed(), name="announcements_feed"),
    path(
        "announcements/atom/", LatestAnnouncementsAtomFeed(), name="announcements_atom"
    ),
    path("indicators/<slug:slug>/", IndicatorFeed(), name="indicator_feed"),
    path("actions/<slug:slug>/", PolicyActionFeed(), name="action_feed"),
]
