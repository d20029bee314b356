"""Feeds: announcements as RSS and Atom, one feed per indicator and per action."""

from django.urls import path

from announcements.feeds import LatestAnnouncementsAtomFeed, LatestAnnouncementsFeed

urlpatterns = [
    path("announcements/", LatestAnnouncementsFeed(), name="announcements_feed"),
    path(
        "announcements/atom/", LatestAnnouncementsAtomFeed(), name="announcements_atom"
    ),
]
