"""Feeds: announcements as RSS and Atom, one feed per indicator and per action."""

from django.urls import path

from announcements.feeds import LatestAnnouncementsAtomFeed, LatestAnnouncementsFeed
from indicators.feeds import IndicatorFeed, PolicyActionFeed

urlpatterns = [
    path("announcements/", LatestAnnouncementsFeed(), name="announcements_feed"),
    path(
        "announcements/atom/", LatestAnnouncementsAtomFeed(), name="announcements_atom"
    ),
    path("indicators/<slug:slug>/", IndicatorFeed(), name="indicator_feed"),
    path("actions/<slug:slug>/", PolicyActionFeed(), name="action_feed"),
]
