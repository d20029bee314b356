"""A thread's comment dates read as Django's `date` filter writes them."""

import datetime
from types import SimpleNamespace

from django.utils import formats, timezone, translation

from announcements.views import date_comments

# Midnight, noon, a.m. and p.m., a leap day, a change of year and of month.
MOMENTS = [
    datetime.datetime(2022, 7, 19, 0, 0, 5),
    datetime.datetime(2022, 7, 19, 12, 0),
    datetime.datetime(2022, 7, 19, 9, 7, 30),
    datetime.datetime(2022, 7, 19, 21, 45, 59, 999999),
    datetime.datetime(2024, 2, 29, 23, 59),
    datetime.datetime(2023, 12, 31, 16, 30),
    datetime.datetime(2023, 1, 1, 0, 30),
]


def thread():
    replies = [
        SimpleNamespace(created_at=timezone.make_aware(moment, datetime.UTC))
        for moment in MOMENTS[1:]
    ]
    first = SimpleNamespace(
        created_at=timezone.make_aware(MOMENTS[0], datetime.UTC),
        shown_replies=replies,
    )
    return [first], [first, *replies]


def test_comment_dates_match_djangos_date_filter_in_each_language_and_zone():
    shown = set()
    for zone in ["UTC", "Asia/Shanghai", "America/New_York"]:
        for language in ["en", "zh-hans"]:
            with timezone.override(zone), translation.override(language):
                comments, items = thread()
                date_comments(comments)
                for item in items:
                    local = timezone.localtime(item.created_at)
                    assert item.posted_iso == local.isoformat()
                    assert item.posted_on == formats.date_format(
                        local, "DATETIME_FORMAT"
                    )
                    shown.add(item.posted_on)
    # Zones and languages gave different strings: nothing was reused across them.
    assert len(shown) > len(MOMENTS) * 3
