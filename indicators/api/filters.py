"""FilterSets of the indicators API; every filter combines with the others."""

from django_filters import rest_framework as filters

from core.api import StrictBooleanFilter

from ..models import Indicator, Observation, PolicyAction


class IndicatorFilter(filters.FilterSet):
    topic = filters.CharFilter(field_name="topic__slug", help_text="Topic slug.")
    is_key = StrictBooleanFilter(help_text="Only key indicators (or only others).")

    class Meta:
        model = Indicator
        fields = ["frequency"]


class ObservationFilter(filters.FilterSet):
    indicator = filters.CharFilter(
        field_name="indicator__slug", help_text="Indicator slug."
    )
    announcement = filters.CharFilter(
        field_name="announcement__slug",
        help_text="Slug of the announcement that gave the figure.",
    )
    period_start_after = filters.DateFilter(
        field_name="period_start", lookup_expr="gte", help_text="YYYY-MM-DD."
    )
    period_start_before = filters.DateFilter(
        field_name="period_start", lookup_expr="lte", help_text="YYYY-MM-DD."
    )
    period_end_after = filters.DateFilter(
        field_name="period_end", lookup_expr="gte", help_text="YYYY-MM-DD."
    )
    period_end_before = filters.DateFilter(
        field_name="period_end", lookup_expr="lte", help_text="YYYY-MM-DD."
    )
    as_of = filters.DateFilter(
        method="filter_as_of",
        help_text=(
            "The series as it stood on this date (YYYY-MM-DD): only figures "
            "from announcements held on or before it, the latest per period."
        ),
    )
    current = StrictBooleanFilter(
        method="filter_current",
        help_text=(
            "true: only figures still current today (the latest per period); "
            "false: only figures a later announcement has restated."
        ),
    )

    class Meta:
        model = Observation
        fields = ["qualifier", "quality"]

    def filter_as_of(self, queryset, name, value):
        return queryset.current(as_of=value)

    def filter_current(self, queryset, name, value: bool):
        current = Observation.objects.current().values("pk")
        if value:
            return queryset.filter(pk__in=current)
        return queryset.exclude(pk__in=current)


class PolicyActionFilter(filters.FilterSet):
    topic = filters.CharFilter(field_name="topics__slug", help_text="Topic slug.")
    announcement = filters.CharFilter(
        field_name="announcement__slug",
        help_text="Slug of the announcement that announced the action.",
    )
    indicator = filters.CharFilter(
        field_name="indicators__slug", help_text="Slug of a measuring indicator."
    )
    responsible_body = filters.CharFilter(
        lookup_expr="icontains", help_text="Part of the responsible body's name."
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text="true: past the target date and neither completed nor dropped.",
    )

    class Meta:
        model = PolicyAction
        fields = ["status"]

    def filter_overdue(self, queryset, name, value: bool):
        overdue = PolicyAction.objects.overdue().values("pk")
        if value:
            return queryset.filter(pk__in=overdue)
        return queryset.exclude(pk__in=overdue)
