"""Viewsets of the indicators API: indicators and their series, observations
(JSON or CSV, any vintage with `as_of`), and policy actions with updates."""

from django import forms
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, renderers
from rest_framework.response import Response

from announcements.api.serializers import SLUG_PATTERN
from announcements.models import Topic
from announcements.querysets import SOURCE_TEXT_DEFERRED
from core.api_views import ApiViewMixin, ContentViewSet, sees_unpublished
from core.cache import shows

from ..models import Indicator, Observation, PolicyAction, PolicyActionUpdate
from .filters import IndicatorFilter, ObservationFilter, PolicyActionFilter
from .renderers import ObservationCSVRenderer
from .serializers import (
    IndicatorDetailSerializer,
    IndicatorSerializer,
    IndicatorWriteSerializer,
    ObservationSerializer,
    ObservationWriteSerializer,
    PolicyActionSerializer,
    PolicyActionWriteSerializer,
)

# A download is the whole filtered series, not a page; past this many rows the
# client is asked to narrow it, so one request cannot hold a worker for long.
CSV_MAX_ROWS = 100_000

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description=(
        "`csv` answers with the whole filtered series as CSV (no paging), like "
        "`Accept: text/csv`."
    ),
)
OBSERVATION_EXAMPLE = OpenApiExample(
    "A figure with a qualifier",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 1,
        "url": "https://press.example.org/api/v1/observations/1/",
        "indicator": "digital-industry-revenue",
        "unit": "trillion yuan",
        "period_start": "2022-01-01",
        "period_end": "2022-06-30",
        "period_label": "Jan–Jun 2022",
        "qualifier": "exceeded",
        "value": "10",
        "quality": "reported",
        "announcement": "miit-digital-economy-first-half-2022",
        "held_on": "2022-07-19",
        "quote": "… together took in more than 10 trillion yuan of revenue.",
        "note": "",
        "is_superseded": False,
        "is_revision": False,
    },
)
CSV_EXAMPLE = OpenApiExample(
    "CSV download",
    response_only=True,
    status_codes=["200"],
    media_type="text/csv",
    value=(
        "indicator,unit,period_label,period_start,period_end,qualifier,value,"
        "quality,announcement,held_on,source_url\r\n"
        "digital-industry-revenue,trillion yuan,Jan–Jun 2022,2022-01-01,"
        "2022-06-30,exceeded,10,reported,miit-digital-economy-first-half-2022,"
        "2022-07-19,/announcements/miit-digital-economy-first-half-2022/\r\n"
    ),
)
OBSERVATION_LIST_RESPONSES = {
    (200, "application/json"): ObservationSerializer(many=True),
    (200, "text/csv"): OpenApiResponse(
        OpenApiTypes.STR,
        description="The whole filtered series as CSV, with a header row.",
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary="List indicators with their latest figure",
        description="Indicators with at least one published figure.",
    ),
    retrieve=extend_schema(
        summary="One indicator with its current series",
        description="`series` holds the current figure of every period.",
    ),
    create=extend_schema(summary="Create an indicator (editors)"),
    update=extend_schema(summary="Replace an indicator (editors)"),
    partial_update=extend_schema(summary="Change an indicator (editors)"),
    destroy=extend_schema(summary="Delete an indicator and its figures (editors)"),
)
class IndicatorViewSet(ContentViewSet):
    """The quantities officials report, each with its current series."""

    serializer_class = IndicatorSerializer
    detail_serializer_class = IndicatorDetailSerializer
    write_serializer_class = IndicatorWriteSerializer
    filterset_class = IndicatorFilter
    shows_also = (Topic,)
    ordering_fields = ["name", "slug"]
    ordering = ["name"]

    def get_queryset(self):
        indicators = (
            Indicator.objects.all()
            if sees_unpublished(self.request.user)
            else Indicator.objects.public()
        )
        return indicators.select_related("topic").with_current_series()


class ObservationListMixin:
    # Observations as JSON pages or as one CSV download, at any vintage.

    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    ordering_fields = ["period_start", "period_end", "value"]
    renderer_classes = [
        renderers.JSONRenderer,
        renderers.BrowsableAPIRenderer,
        ObservationCSVRenderer,
    ]

    def base_observations(self):
        observations = (
            Observation.objects.all()
            if sees_unpublished(self.request.user)
            else Observation.objects.public()
        )
        return observations.select_related("indicator", "announcement").defer(
            *SOURCE_TEXT_DEFERRED
        )

    def filter_queryset(self, queryset):
        observations = super().filter_queryset(queryset)
        if self.wants_csv():
            # The CSV has no revision columns: two lookups per row for nothing.
            return observations
        if self.request.method not in {"GET", "HEAD"} or self.action_is_single():
            return observations.with_revision_flags()
        # The filter set has validated as_of by now: flags then describe the
        # series as it stood on that date.
        as_of = forms.DateField(required=False).clean(
            self.request.query_params.get("as_of") or None
        )
        return observations.with_revision_flags(as_of=as_of)

    def action_is_single(self):
        return getattr(self, "action", "list") != "list"

    def wants_csv(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", None) == ObservationCSVRenderer.format

    def get_renderers(self):
        renderer_classes = self.renderer_classes
        if self.action_is_single():
            renderer_classes = [
                r for r in renderer_classes if r is not ObservationCSVRenderer
            ]
        return [renderer() for renderer in renderer_classes]

    def list(self, request, *args, **kwargs):
        # A figure is public while its text is.
        # A text going public or away changes the Observation list key.
        shows(Observation, Indicator)
        if not self.wants_csv():
            return super().list(request, *args, **kwargs)
        if self.paginator is not None:
            # Not paged, but a malformed page number is still a 400.
            self.paginator.check_query(request)
        observations = self.filter_queryset(self.get_queryset())
        rows = observations.count()
        if rows > CSV_MAX_ROWS:
            raise exceptions.ValidationError(
                {
                    "format": [
                        f"The download would hold {rows} rows, more than "
                        f"{CSV_MAX_ROWS}. Narrow it with filters, or page "
                        "through the JSON."
                    ]
                }
            )
        response = Response(observations)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.csv_filename()}.csv"'
        )
        return response

    def csv_filename(self):
        return "observations"


@extend_schema_view(
    list=extend_schema(
        summary="List observations (JSON or CSV)",
        description=(
            "Every published figure, each vintage included: `is_superseded` "
            "marks figures a later announcement restated, `is_revision` those "
            "that changed an earlier one. `current=true` keeps only today's "
            "figures; `as_of=YYYY-MM-DD` shows the series as it stood on that "
            "date. `?format=csv` or `Accept: text/csv` downloads the whole "
            "filtered list as CSV."
        ),
        parameters=[FORMAT_PARAMETER],
        responses=OBSERVATION_LIST_RESPONSES,
        examples=[OBSERVATION_EXAMPLE, CSV_EXAMPLE],
    ),
    retrieve=extend_schema(summary="One observation", examples=[OBSERVATION_EXAMPLE]),
    create=extend_schema(
        summary="Record a figure (editors)",
        examples=[
            OpenApiExample(
                "A figure",
                request_only=True,
                value={
                    "indicator": "digital-industry-revenue",
                    "announcement": "miit-digital-economy-first-half-2022",
                    "period_start": "2022-01-01",
                    "period_end": "2022-06-30",
                    "period_label": "Jan–Jun 2022",
                    "qualifier": "exceeded",
                    "value": "10",
                },
            )
        ],
    ),
    update=extend_schema(summary="Replace a figure (editors)"),
    partial_update=extend_schema(summary="Change a figure (editors)"),
    destroy=extend_schema(summary="Delete a figure (editors)"),
)
class ObservationViewSet(ObservationListMixin, ContentViewSet):
    """Figures as stated in announcements: every vintage of every period."""

    write_serializer_class = ObservationWriteSerializer
    shows_also = (Indicator,)
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    ordering = [
        "indicator__slug",
        "period_end",
        "period_start",
        "announcement__held_on",
    ]

    def get_queryset(self):
        return self.base_observations()


@extend_schema_view(
    get=extend_schema(
        summary="An indicator's series (JSON or CSV)",
        description=(
            "Every published figure of the indicator, oldest period first, "
            "with the same filters as `/observations/`: `as_of=YYYY-MM-DD` "
            "gives the series as it stood on that date, `current=true` today's."
        ),
        parameters=[
            OpenApiParameter(
                "slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=SLUG_PATTERN,
                description="The indicator's slug.",
                examples=[
                    OpenApiExample(
                        "Revenue of the digital industries",
                        value="digital-industry-revenue",
                    )
                ],
            ),
            FORMAT_PARAMETER,
        ],
        responses=OBSERVATION_LIST_RESPONSES,
        examples=[OBSERVATION_EXAMPLE, CSV_EXAMPLE],
    )
)
class IndicatorObservationList(
    ObservationListMixin, ApiViewMixin, generics.ListAPIView
):
    """One indicator's figures, every vintage, as JSON or CSV."""

    ordering = ["period_end", "period_start", "announcement__held_on"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Observation.objects.none()
        indicators = (
            Indicator.objects.all()
            if sees_unpublished(self.request.user)
            else Indicator.objects.public()
        )
        self.indicator = get_object_or_404(indicators, slug=self.kwargs["slug"])
        return self.base_observations().filter(indicator=self.indicator)

    def csv_filename(self):
        return self.indicator.slug


@extend_schema_view(
    list=extend_schema(
        summary="List policy actions with their progress",
        description=(
            "Actions announced in published texts, each with its updates "
            "(oldest first). `overdue=true` lists those past their target date "
            "and neither completed nor dropped."
        ),
    ),
    retrieve=extend_schema(summary="One policy action with its updates"),
    create=extend_schema(summary="Record a policy action (editors)"),
    update=extend_schema(summary="Replace a policy action (editors)"),
    partial_update=extend_schema(summary="Change a policy action (editors)"),
    destroy=extend_schema(summary="Delete a policy action (editors)"),
)
class PolicyActionViewSet(ContentViewSet):
    """The actions officials commit to, with their progress."""

    serializer_class = PolicyActionSerializer
    write_serializer_class = PolicyActionWriteSerializer
    filterset_class = PolicyActionFilter
    shows_also = (Topic, Indicator)
    ordering_fields = ["target_date", "status", "ordinal", "title"]
    ordering = ["announcement__held_on", "announcement_id", "ordinal"]

    def get_queryset(self):
        actions = (
            PolicyAction.objects.all()
            if sees_unpublished(self.request.user)
            else PolicyAction.objects.public()
        )
        return (
            actions.select_related("announcement")
            .defer(*SOURCE_TEXT_DEFERRED)
            .prefetch_related(
                "topics",
                Prefetch("indicators", queryset=Indicator.objects.public()),
                Prefetch(
                    "updates",
                    queryset=PolicyActionUpdate.objects.select_related(
                        "evidence_announcement"
                    ).order_by("date", "id"),
                ),
            )
        )
