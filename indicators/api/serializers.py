"""Serializers of the indicators API: indicators, observations, policy actions.

Values are Decimal strings written exactly as stored (no float on the way),
with the qualifier ("more_than", "about", …) in its own field.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from announcements.api.serializers import (
    ModelCleaningSerializer,
    TopicSummarySerializer,
    absolute,
)
from announcements.models import Announcement, Topic
from core.api import SlugHyperlinkField, SlugOrNullField
from core.api_i18n import TranslationsField

from ..models import Indicator, Observation, PolicyAction, PolicyActionUpdate


class ExactDecimalField(serializers.DecimalField):
    """A Decimal as a string with no trailing zeros: "55.7", not "55.700000"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 24)
        kwargs.setdefault("decimal_places", 6)
        kwargs["coerce_to_string"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return format(value.normalize(), "f")


class SeriesPointSerializer(serializers.ModelSerializer):
    """One period of an indicator's current series."""

    value = ExactDecimalField(read_only=True)
    announcement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    held_on = serializers.DateField(source="announcement.held_on", read_only=True)

    class Meta:
        model = Observation
        fields = [
            "period_start",
            "period_end",
            "period_label",
            "value",
            "qualifier",
            "quality",
            "announcement",
            "held_on",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    url = SlugHyperlinkField(view_name="api-indicator-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    observations = SlugHyperlinkField(
        view_name="api-indicator-observations",
        lookup_field="slug",
        help_text="The whole series, every vintage; supports `as_of` and CSV.",
    )
    topic = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    latest = serializers.SerializerMethodField(
        help_text="The current figure of the most recent period, if any."
    )

    name_i18n = TranslationsField("name")
    description_i18n = TranslationsField("description")
    unit_i18n = TranslationsField("unit")

    class Meta:
        model = Indicator
        fields = [
            "slug",
            "url",
            "html_url",
            "name",
            "description",
            "unit",
            "topic",
            "frequency",
            "decimals",
            "is_key",
            "latest",
            "observations",
            "name_i18n",
            "description_i18n",
            "unit_i18n",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, indicator) -> str:
        return absolute(self.context.get("request"), indicator.get_absolute_url())

    @extend_schema_field(SeriesPointSerializer(allow_null=True))
    def get_latest(self, indicator):
        series = getattr(indicator, "current_series", [])
        return SeriesPointSerializer(series[-1]).data if series else None


class IndicatorDetailSerializer(IndicatorSerializer):
    """An indicator with the current figure of every period."""

    series = SeriesPointSerializer(
        source="current_series",
        many=True,
        read_only=True,
        help_text="The current figure of each period, oldest first.",
    )

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "series"]


class IndicatorWriteSerializer(ModelCleaningSerializer):
    topic = SlugOrNullField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Indicator
        fields = [
            "slug",
            "name",
            "description",
            "unit",
            "topic",
            "frequency",
            "decimals",
            "is_key",
            "name_en",
            "name_zh_hans",
            "description_en",
            "description_zh_hans",
            "unit_en",
            "unit_zh_hans",
        ]


class ObservationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-observation-detail")
    indicator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    value = ExactDecimalField(read_only=True)
    announcement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    held_on = serializers.DateField(
        source="announcement.held_on",
        read_only=True,
        help_text="When the source announcement was held: the figure's vintage.",
    )
    is_superseded = serializers.BooleanField(
        read_only=True,
        help_text="A later announcement restated this period (with `as_of`: "
        "by that date).",
    )
    is_revision = serializers.BooleanField(
        read_only=True,
        help_text="This figure differs from one an earlier announcement gave.",
    )

    class Meta:
        model = Observation
        fields = [
            "id",
            "url",
            "indicator",
            "unit",
            "period_start",
            "period_end",
            "period_label",
            "qualifier",
            "value",
            "quality",
            "announcement",
            "held_on",
            "quote",
            "note",
            "is_superseded",
            "is_revision",
        ]


class ObservationWriteSerializer(ModelCleaningSerializer):
    indicator = serializers.SlugRelatedField(
        slug_field="slug", queryset=Indicator.objects.all()
    )
    announcement = serializers.SlugRelatedField(
        slug_field="slug", queryset=Announcement.objects.all()
    )
    value = ExactDecimalField()

    class Meta:
        model = Observation
        fields = [
            "indicator",
            "announcement",
            "period_start",
            "period_end",
            "period_label",
            "qualifier",
            "value",
            "quality",
            "quote",
            "note",
        ]
        # The model's constraints say it better than DRF's generic validator.
        validators = []


class PolicyActionUpdateSerializer(serializers.ModelSerializer):
    evidence_announcement = serializers.SerializerMethodField()

    note_i18n = TranslationsField("note")

    class Meta:
        model = PolicyActionUpdate
        fields = [
            "date",
            "status",
            "note",
            "evidence_announcement",
            "evidence_url",
            "note_i18n",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_evidence_announcement(self, update) -> str | None:
        """Return the evidence text's slug, only if the public may read it."""
        evidence = update.evidence_announcement
        return evidence.slug if evidence is not None and evidence.is_public else None


class PolicyActionSerializer(serializers.ModelSerializer):
    url = SlugHyperlinkField(view_name="api-policy-action-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    announcement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    held_on = serializers.DateField(source="announcement.held_on", read_only=True)
    topics = TopicSummarySerializer(many=True, read_only=True)
    indicators = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text="Indicators with public figures that measure this action.",
    )
    is_overdue = serializers.BooleanField(read_only=True)
    updates = PolicyActionUpdateSerializer(many=True, read_only=True)

    title_i18n = TranslationsField("title")
    description_i18n = TranslationsField("description")
    responsible_body_i18n = TranslationsField("responsible_body")

    class Meta:
        model = PolicyAction
        fields = [
            "slug",
            "url",
            "html_url",
            "announcement",
            "held_on",
            "ordinal",
            "title",
            "description",
            "topics",
            "responsible_body",
            "status",
            "target_date",
            "is_overdue",
            "indicators",
            "updates",
            "title_i18n",
            "description_i18n",
            "responsible_body_i18n",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, action) -> str:
        return absolute(self.context.get("request"), action.get_absolute_url())


class PolicyActionWriteSerializer(ModelCleaningSerializer):
    announcement = serializers.SlugRelatedField(
        slug_field="slug", queryset=Announcement.objects.all()
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )
    indicators = serializers.SlugRelatedField(
        slug_field="slug", queryset=Indicator.objects.all(), many=True, required=False
    )

    class Meta:
        model = PolicyAction
        fields = [
            "slug",
            "announcement",
            "ordinal",
            "title",
            "description",
            "topics",
            "responsible_body",
            "status",
            "target_date",
            "indicators",
            "title_en",
            "title_zh_hans",
            "description_en",
            "description_zh_hans",
            "responsible_body_en",
            "responsible_body_zh_hans",
        ]
        validators = []
