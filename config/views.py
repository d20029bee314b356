"""The home page: the latest texts, key indicators and the tracker's summary."""

from django.shortcuts import render
from django.utils.translation import get_language

from announcements.models import Announcement, Speaker, Topic
from core.cache import shows
from indicators.models import Indicator, PolicyAction
from indicators.selectors import key_indicator_cards

HOME_LATEST_COUNT = 6


def home(request):
    shows(Announcement, Topic, Speaker, Indicator, PolicyAction)
    latest = (
        Announcement.objects.public()
        .in_language(get_language())
        .for_listing()
        .order_by("-published_at", "-id")[:HOME_LATEST_COUNT]
    )
    action_counts = PolicyAction.objects.public_status_counts()
    context = {
        "latest_announcements": latest,
        "indicator_cards": key_indicator_cards(),
        "action_counts": [
            (PolicyAction.Status(status), count)
            for status, count in action_counts.items()
        ],
        "action_total": sum(action_counts.values()),
        "indicator_count": Indicator.objects.public().count(),
    }
    return render(request, "home.html", context)
