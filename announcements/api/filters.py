"""FilterSets of the announcements API; every filter combines with the others.

An invalid value (a date that is not one, a kind that does not exist) is a
400 naming the filter, never a silently unfiltered answer.
"""

from django_filters import rest_framework as filters

from ..models import Announcement, Comment


class AnnouncementFilter(filters.FilterSet):
    topic = filters.CharFilter(
        field_name="topics__slug", help_text="Topic slug (unknown slugs match nothing)."
    )
    speaker = filters.CharFilter(
        field_name="speakers__slug",
        help_text="Speaker slug (unknown slugs match nothing).",
    )
    held_after = filters.DateFilter(
        field_name="held_on",
        lookup_expr="gte",
        help_text="Held on or after this date (YYYY-MM-DD).",
    )
    held_before = filters.DateFilter(
        field_name="held_on",
        lookup_expr="lte",
        help_text="Held on or before this date (YYYY-MM-DD).",
    )
    q = filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text="Words to search for in the title, summary and text.",
    )

    class Meta:
        model = Announcement
        fields = ["kind", "language", "status"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class CommentModerationFilter(filters.FilterSet):
    announcement = filters.CharFilter(
        field_name="announcement__slug", help_text="Announcement slug."
    )

    class Meta:
        model = Comment
        fields = ["status"]
