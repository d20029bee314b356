"""Serializers of the announcements API.

Output serializers list their fields; no output anywhere carries a
commenter's email, IP or user agent. Writes use their own serializers, which
refuse fields they do not take (core.api.StrictInputMixin).
"""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import SlugHyperlinkField, SlugOrNullField, StrictInputMixin
from core.api_i18n import TranslationsField
from core.i18n import values_by_language
from core.urlpaths import fixed_path, path_for

from ..models import COMMENT_BODY_MAX_LENGTH, Announcement, Comment, Speaker, Topic

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# What a moderator may decide through the API (named in SPECTACULAR_SETTINGS).
MODERATION_DECISIONS = [
    (Comment.Status.APPROVED.value, Comment.Status.APPROVED.label),
    (Comment.Status.SPAM.value, Comment.Status.SPAM.label),
    (Comment.Status.REMOVED.value, Comment.Status.REMOVED.label),
]
# An http(s) address Django's URLValidator accepts (a schema pattern cannot
# say everything it checks, so this is the simple, always-valid part of it).
WEB_URL_PATTERN = (
    r"^https?://([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.){1,2}"
    r"[a-zA-Z]{2,63}(/[!-~]*)?$"
)
# A name or a comment must say something: whitespace alone is trimmed away.
not_only_whitespace = RegexValidator(r"\S", "Write something besides spaces.")


# DRF's own conversions, so the hand-built list items match its output.
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ModelCleaningSerializer(StrictInputMixin, serializers.ModelSerializer):
    """A write serializer that runs the model's own validation before saving.

    Model.full_clean() checks the constraints and `clean()` rules the admin
    checks, so the API cannot store what the editors' desk would refuse (and
    a violated constraint is a 400, not a database error). `clean()` may also
    fill in derived values, such as `published_at` on publishing.
    """

    # Inputs that are not the model's to validate (a status change's reason).
    input_only_fields = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        inputs = {
            name: attrs.pop(name) for name in self.input_only_fields if name in attrs
        }
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        instance = copy.copy(self.instance) if self.instance else model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=self.unchecked_fields())
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                serializers.as_serializer_error(error)
            ) from error
        for name, field in self.fields.items():
            if (
                not field.read_only
                and name not in many_to_many
                and name not in self.input_only_fields
            ):
                attrs[field.source] = getattr(instance, field.source)
        return {**attrs, **inputs}

    def unchecked_fields(self):
        """Return fields the model validation must skip (set by the view)."""
        return []


# --- Topics and speakers --------------------------------------------------


class TopicSerializer(serializers.ModelSerializer):
    url = SlugHyperlinkField(view_name="api-topic-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()

    name_i18n = TranslationsField("name")
    description_i18n = TranslationsField("description")

    class Meta:
        model = Topic
        fields = [
            "slug",
            "name",
            "description",
            "url",
            "html_url",
            "name_i18n",
            "description_i18n",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, topic) -> str:
        return absolute(self.context.get("request"), topic.get_absolute_url())


class TopicWriteSerializer(ModelCleaningSerializer):
    class Meta:
        model = Topic
        fields = [
            "slug",
            "name",
            "description",
            "name_en",
            "name_zh_hans",
            "description_en",
            "description_zh_hans",
        ]


class TopicSummarySerializer(serializers.ModelSerializer):
    url = SlugHyperlinkField(view_name="api-topic-detail", lookup_field="slug")

    class Meta:
        model = Topic
        fields = ["slug", "name", "url"]


class SpeakerSerializer(serializers.ModelSerializer):
    url = SlugHyperlinkField(view_name="api-speaker-detail", lookup_field="slug")

    name_i18n = TranslationsField("name")
    position_i18n = TranslationsField("position")
    organization_i18n = TranslationsField("organization")

    class Meta:
        model = Speaker
        fields = [
            "slug",
            "name",
            "position",
            "organization",
            "url",
            "name_i18n",
            "position_i18n",
            "organization_i18n",
        ]


class SpeakerWriteSerializer(ModelCleaningSerializer):
    class Meta:
        model = Speaker
        fields = [
            "slug",
            "name",
            "position",
            "organization",
            "name_en",
            "name_zh_hans",
            "position_en",
            "position_zh_hans",
            "organization_en",
            "organization_zh_hans",
        ]


# --- Announcements ----------------------------------------------------------


class AnnouncementLinksSerializer(serializers.Serializer):
    """Where a text's figures, actions and comments are (documentation shape)."""

    observations = serializers.URLField()
    policy_actions = serializers.URLField()
    comments = serializers.URLField()


class AnnouncementSerializer(serializers.ModelSerializer):
    """An announcement as a list shows it (the body is in the detail)."""

    url = SlugHyperlinkField(view_name="api-announcement-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    translation_of = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    topics = TopicSummarySerializer(many=True, read_only=True, source="topic_list")
    speakers = SpeakerSerializer(many=True, read_only=True, source="speaker_list")
    accepts_comments = serializers.BooleanField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Announcement
        fields = [
            "slug",
            "url",
            "html_url",
            "title",
            "kind",
            "held_on",
            "organizer",
            "venue",
            "summary",
            "language",
            "translation_of",
            "topics",
            "speakers",
            "source_name",
            "source_url",
            "status",
            "published_at",
            "withdrawn_reason",
            "allow_comments",
            "accepts_comments",
            "updated_at",
            "links",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, announcement) -> str:
        return absolute(self.context.get("request"), announcement.get_absolute_url())

    def to_representation(self, announcement):
        """Build the list item directly: the same JSON as the declared fields.

        DRF's field-by-field machinery cost half of an uncached API list page
        (a page of twenty texts has some six hundred field values). The
        declared fields still describe the schema and the detail's output;
        a test compares both ways on every kind of text.
        """
        if type(self) is not AnnouncementSerializer:
            return super().to_representation(announcement)
        request = self.context.get("request")
        translation_of = announcement.translation_of
        return {
            "slug": announcement.slug,
            "url": absolute(
                request, path_for("api-announcement-detail", announcement.slug)
            ),
            "html_url": absolute(request, announcement.get_absolute_url()),
            "title": announcement.title,
            "kind": announcement.kind,
            "held_on": _DATE.to_representation(announcement.held_on),
            "organizer": announcement.organizer,
            "venue": announcement.venue,
            "summary": announcement.summary,
            "language": announcement.language,
            "translation_of": translation_of.slug if translation_of else None,
            "topics": [
                {
                    "slug": topic.slug,
                    "name": topic.name,
                    "url": absolute(request, path_for("api-topic-detail", topic.slug)),
                }
                for topic in announcement.topic_list
            ],
            "speakers": [
                {
                    "slug": speaker.slug,
                    "name": speaker.name,
                    "position": speaker.position,
                    "organization": speaker.organization,
                    "url": absolute(
                        request, path_for("api-speaker-detail", speaker.slug)
                    ),
                    "name_i18n": values_by_language(speaker, "name"),
                    "position_i18n": values_by_language(speaker, "position"),
                    "organization_i18n": values_by_language(speaker, "organization"),
                }
                for speaker in announcement.speaker_list
            ],
            "source_name": announcement.source_name,
            "source_url": announcement.source_url,
            "status": announcement.status,
            "published_at": _DATETIME.to_representation(announcement.published_at),
            "withdrawn_reason": announcement.withdrawn_reason,
            "allow_comments": announcement.allow_comments,
            "accepts_comments": announcement.accepts_comments(),
            "updated_at": _DATETIME.to_representation(announcement.updated_at),
            "links": self.get_links(announcement),
        }

    @extend_schema_field(AnnouncementLinksSerializer)
    def get_links(self, announcement):
        request = self.context.get("request")
        slug = announcement.slug
        query = urlencode({"announcement": slug})
        return {
            "observations": absolute(
                request, f"{fixed_path('api-observation-list')}?{query}"
            ),
            "policy_actions": absolute(
                request, f"{fixed_path('api-policy-action-list')}?{query}"
            ),
            "comments": absolute(request, path_for("api-announcement-comments", slug)),
        }


class AnnouncementDetailSerializer(AnnouncementSerializer):
    """An announcement with its text: Markdown source and rendered HTML."""

    class Meta(AnnouncementSerializer.Meta):
        fields = [*AnnouncementSerializer.Meta.fields, "body", "body_html"]


class AnnouncementWriteSerializer(ModelCleaningSerializer):
    """What an editor may set on a text; topics and speakers by slug."""

    translation_of = SlugOrNullField(
        slug_field="slug",
        queryset=Announcement.objects.all(),
        required=False,
        allow_null=True,
    )
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False
    )
    speakers = serializers.SlugRelatedField(
        slug_field="slug", queryset=Speaker.objects.all(), many=True, required=False
    )
    # The second pair of eyes (announcements.review): inputs of a status
    # change, not stored as sent.
    publish_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=(
            "With REQUIRE_SECOND_EDITOR on: why a Publisher publishes (or "
            "schedules) without another editor's review. Kept in the history."
        ),
    )
    review_note = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Why a reviewer sends a text in review back to draft.",
    )
    reviewed_version = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=64,
        help_text=(
            "The version a 409 named when the text changed since it was sent "
            "for review: publish with it once you have read the text again."
        ),
    )

    # Inputs the view takes out before saving.
    REVIEW_INPUTS = ("publish_reason", "review_note", "reviewed_version")
    input_only_fields = REVIEW_INPUTS

    class Meta:
        model = Announcement
        fields = [
            "slug",
            "title",
            "kind",
            "held_on",
            "organizer",
            "venue",
            "summary",
            "body",
            "language",
            "translation_of",
            "topics",
            "speakers",
            "source_name",
            "source_url",
            "status",
            "published_at",
            "withdrawn_reason",
            "allow_comments",
            "publish_reason",
            "review_note",
            "reviewed_version",
        ]
        # The one-version-per-language constraint is checked by full_clean
        # (ModelCleaningSerializer); DRF's own validator for it would make
        # translation_of and language required in every write.
        validators = []


# --- Comments -----------------------------------------------------------------


class CommentSerializer(serializers.ModelSerializer):
    """An approved comment as the public sees it: no email, no address."""

    class Meta:
        model = Comment
        fields = ["id", "parent", "author_name", "author_url", "body", "created_at"]


class CommentInputSerializer(StrictInputMixin, serializers.Serializer):
    """The only fields a commenter may send; everything else is refused."""

    author_name = serializers.CharField(
        max_length=100, validators=[not_only_whitespace]
    )
    author_email = serializers.EmailField(
        max_length=254,
        write_only=True,
        help_text="Never published; used to recognise returning commenters.",
    )
    author_url = serializers.RegexField(
        WEB_URL_PATTERN,
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="An http(s) address, shown as a link on the name.",
    )
    body = serializers.CharField(
        max_length=COMMENT_BODY_MAX_LENGTH, validators=[not_only_whitespace]
    )
    parent = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        allow_null=True,
        help_text="The id of the approved top-level comment this one answers.",
    )


class CommentReceiptSerializer(serializers.ModelSerializer):
    """What a commenter gets back: the comment and whether it waits for review."""

    class Meta:
        model = Comment
        fields = [
            "id",
            "status",
            "parent",
            "author_name",
            "author_url",
            "body",
            "created_at",
        ]


class ModerationCommentSerializer(serializers.ModelSerializer):
    """A comment as a moderator sees it: status and why rules held it.

    Even moderators get no email or IP here; the admin is where they are.
    """

    announcement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    held_because = serializers.ListField(
        child=serializers.CharField(), source="held_reasons", read_only=True
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "announcement",
            "parent",
            "author_name",
            "author_url",
            "body",
            "status",
            "created_at",
            "held_because",
            "moderated_at",
            "moderation_reason",
        ]
        read_only_fields = fields


class ModerationInputSerializer(StrictInputMixin, serializers.Serializer):
    """A moderator's decision on one comment."""

    partial_allowed = False

    status = serializers.ChoiceField(choices=MODERATION_DECISIONS)
    reason = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Why a comment is removed (kept with it for other moderators).",
    )
