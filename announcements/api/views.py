"""Viewsets of the announcements API: texts, topics, speakers and comments.

The public reads published texts and approved comments; editors write with a
token under Django's model permissions; the one public write, a comment,
goes through `moderation.submit_comment` like the site's form.
"""

import copy

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, mixins, permissions, status, viewsets
from rest_framework.response import Response

from core.api import AnonRateThrottle, CommentRateThrottle, Conflict, JSONParser
from core.api_views import (
    ApiViewMixin,
    ContentViewSet,
    ModelPermissionsWithView,
    sees_unpublished,
)
from core.cache import shows

from .. import moderation, review
from ..models import Announcement, Comment, Speaker, Topic
from .filters import AnnouncementFilter, CommentModerationFilter
from .serializers import (
    SLUG_PATTERN,
    AnnouncementDetailSerializer,
    AnnouncementSerializer,
    AnnouncementWriteSerializer,
    CommentInputSerializer,
    CommentReceiptSerializer,
    CommentSerializer,
    ModerationCommentSerializer,
    ModerationInputSerializer,
    SpeakerSerializer,
    SpeakerWriteSerializer,
    TopicSerializer,
    TopicWriteSerializer,
)

DEMO_SLUG = "miit-digital-economy-first-half-2022"
SLUG_PARAMETER = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern=SLUG_PATTERN,
    description="The announcement's slug.",
    examples=[OpenApiExample("The demo press conference", value=DEMO_SLUG)],
)

ANNOUNCEMENT_EXAMPLE = OpenApiExample(
    "A press conference",
    response_only=True,
    value={
        "slug": DEMO_SLUG,
        "url": f"https://press.example.org/api/v1/announcements/{DEMO_SLUG}/",
        "html_url": f"https://press.example.org/announcements/{DEMO_SLUG}/",
        "title": "Digital industries pass 10 trillion yuan in the first half of 2022",
        "kind": "press_conference",
        "held_on": "2022-07-19",
        "organizer": "State Council Information Office",
        "venue": "",
        "summary": "MIIT's Wang Peng reported revenue above 10 trillion yuan.",
        "language": "en",
        "translation_of": None,
        "topics": [
            {
                "slug": "digital-economy",
                "name": "Digital economy",
                "url": "https://press.example.org/api/v1/topics/digital-economy/",
            }
        ],
        "speakers": [
            {
                "slug": "wang-peng",
                "name": "Wang Peng",
                "position": "Head of the Information and Communication Administration",
                "organization": "Ministry of Industry and Information Technology",
                "url": "https://press.example.org/api/v1/speakers/wang-peng/",
            }
        ],
        "source_name": "IT House",
        "source_url": "",
        "status": "published",
        "published_at": "2022-07-19T10:00:00+08:00",
        "withdrawn_reason": "",
        "allow_comments": True,
        "accepts_comments": True,
        "updated_at": "2022-07-19T10:00:00+08:00",
        "links": {
            "observations": "https://press.example.org/api/v1/observations/"
            f"?announcement={DEMO_SLUG}",
            "policy_actions": "https://press.example.org/api/v1/policy-actions/"
            f"?announcement={DEMO_SLUG}",
            "comments": "https://press.example.org/api/v1/announcements/"
            f"{DEMO_SLUG}/comments/",
        },
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="List published announcements",
        description=(
            "Published texts, newest first (or best match first with `q`). "
            "Staff users also see drafts and withdrawn texts. Every filter "
            "combines with the others."
        ),
    ),
    retrieve=extend_schema(
        summary="One announcement with its text",
        description=(
            "A withdrawn text is still answered, with `status: withdrawn` and "
            "`withdrawn_reason`, as its page stays up under a notice. Drafts "
            "and scheduled texts are 404 for the public."
        ),
        parameters=[SLUG_PARAMETER],
        examples=[ANNOUNCEMENT_EXAMPLE],
    ),
    create=extend_schema(
        summary="Create an announcement (editors)",
        examples=[
            OpenApiExample(
                "A draft",
                request_only=True,
                value={
                    "slug": "briefing-2024-03-05",
                    "title": "Industrial output in the first quarter",
                    "held_on": "2024-03-05",
                    "body": "Output **rose** in the first quarter.",
                    "topics": ["digital-economy"],
                    "speakers": ["wang-peng"],
                    "status": "draft",
                },
            )
        ],
    ),
    update=extend_schema(summary="Replace an announcement (editors)"),
    partial_update=extend_schema(
        summary="Change an announcement (editors)",
        examples=[
            OpenApiExample(
                "Publish now",
                request_only=True,
                value={"status": "published"},
                description="`published_at` is set to now when left empty.",
            )
        ],
    ),
    destroy=extend_schema(
        summary="Delete an announcement (editors)",
        description="Refused with 409 while figures or actions cite it.",
    ),
)
class AnnouncementViewSet(ContentViewSet):
    """Press-conference texts, releases, speeches and interviews."""

    serializer_class = AnnouncementSerializer
    detail_serializer_class = AnnouncementDetailSerializer
    write_serializer_class = AnnouncementWriteSerializer
    filterset_class = AnnouncementFilter
    shows_also = (Topic, Speaker)
    ordering_fields = ["held_on", "published_at", "title", "updated_at"]

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            texts = (
                Announcement.objects.all()
                if sees_unpublished(user)
                else Announcement.objects.public()
            )
            return texts.for_listing().select_related("translation_of")
        return (
            Announcement.objects.visible_to(user)
            .select_related("translation_of")
            .with_tags()
        )

    def perform_create(self, serializer):
        user = self.request.user
        self.save_under_review_rule(serializer, created_by=user, updated_by=user)

    def perform_update(self, serializer):
        self.save_under_review_rule(serializer, updated_by=self.request.user)

    @transaction.atomic
    def save_under_review_rule(self, serializer, **extra):
        """Save a write if the second-editor rule allows its status change.

        403 when this user may not make the change, 409 when the text
        changed under a reviewer; nothing is stored either way.
        """
        data = serializer.validated_data
        inputs = {name: data.pop(name, "") for name in serializer.REVIEW_INPUTS}
        user = self.request.user
        instance = serializer.instance
        stored = (
            Announcement.objects.select_for_update().get(pk=instance.pk)
            if instance is not None
            else Announcement()
        )
        old_status = stored.status if instance is not None else None
        new_status = data.get("status", stored.status)
        problem = review.refusal(
            stored,
            new_status,
            user,
            reason=inputs["publish_reason"],
            note=inputs["review_note"],
            seen_version=inputs["reviewed_version"] or None,
        )
        if problem is not None and problem.conflict:
            raise Conflict(
                f"{problem.message} (reviewed_version: {review.digest(stored)})"
            )
        if problem is not None:
            raise exceptions.PermissionDenied(problem.message)
        # The text as it will be saved, stamped with who moved it and why.
        after = copy.copy(stored)
        for name, value in data.items():
            if name not in {"topics", "speakers"}:
                setattr(after, name, value)
        after.status = new_status
        review.stamp(
            after,
            old_status,
            user,
            reason=inputs["publish_reason"],
            note=inputs["review_note"],
            reviewed=instance is not None and review.is_reviewed_by(stored, user),
        )
        stamped = {name: getattr(after, name) for name in review.STAMPED_FIELDS}
        if instance is not None and getattr(after, "_change_reason", None):
            stamped["_change_reason"] = after._change_reason
        serializer.save(**stamped, **extra)


@extend_schema_view(
    list=extend_schema(summary="List topics"),
    retrieve=extend_schema(summary="One topic"),
    create=extend_schema(summary="Create a topic (editors)"),
    update=extend_schema(summary="Replace a topic (editors)"),
    partial_update=extend_schema(summary="Change a topic (editors)"),
    destroy=extend_schema(summary="Delete a topic (editors)"),
)
class TopicViewSet(ContentViewSet):
    """The subjects texts, indicators and actions are filed under."""

    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    write_serializer_class = TopicWriteSerializer
    filterset_fields = []
    ordering_fields = ["name", "slug"]


@extend_schema_view(
    list=extend_schema(summary="List speakers"),
    retrieve=extend_schema(summary="One speaker"),
    create=extend_schema(summary="Create a speaker (editors)"),
    update=extend_schema(summary="Replace a speaker (editors)"),
    partial_update=extend_schema(summary="Change a speaker (editors)"),
    destroy=extend_schema(summary="Delete a speaker (editors)"),
)
class SpeakerViewSet(ContentViewSet):
    """The officials who speak in the texts."""

    queryset = Speaker.objects.all()
    serializer_class = SpeakerSerializer
    write_serializer_class = SpeakerWriteSerializer
    filterset_fields = ["organization"]
    ordering_fields = ["name", "slug", "organization"]


COMMENT_REQUEST_EXAMPLE = OpenApiExample(
    "A question",
    request_only=True,
    value={
        "author_name": "Li Na",
        "author_email": "li.na@example.org",
        "body": "Does the 10 trillion yuan include telecom services revenue?",
    },
)
COMMENT_RECEIPT_EXAMPLE = OpenApiExample(
    "Held for moderation",
    response_only=True,
    status_codes=["201"],
    value={
        "id": 42,
        "status": "pending",
        "parent": None,
        "author_name": "Li Na",
        "author_url": "",
        "body": "Does the 10 trillion yuan include telecom services revenue?",
        "created_at": "2022-07-19T12:00:00+08:00",
    },
)


@extend_schema_view(
    get=extend_schema(
        summary="Approved comments under an announcement",
        description=(
            "Oldest first. `parent` is the id of the comment a reply answers "
            "(replies go one level deep). No email address is ever shown."
        ),
        parameters=[SLUG_PARAMETER],
    ),
    post=extend_schema(
        summary="Leave a comment",
        description=(
            "Goes through the same moderation as the site's form: the answer "
            "says whether the comment is `pending` (held for a moderator) or "
            "`approved`. Only the five documented fields are accepted; any "
            "other field (such as `status`) is refused with 400 and nothing "
            "is stored. 403 when comments are closed, 404 for a text that is "
            "not published, 429 with `Retry-After` past the rate limit."
        ),
        parameters=[SLUG_PARAMETER],
        request=CommentInputSerializer,
        responses={
            201: OpenApiResponse(
                CommentReceiptSerializer, description="Stored; see `status`."
            )
        },
        examples=[COMMENT_REQUEST_EXAMPLE, COMMENT_RECEIPT_EXAMPLE],
    ),
)
class AnnouncementCommentList(ApiViewMixin, generics.ListCreateAPIView):
    """Comments under one announcement: read the approved ones, leave one."""

    # JSON only: forms cannot say "no parent" (null), and people use the
    # site's own comment form anyway.
    parser_classes = [JSONParser]
    serializer_class = CommentSerializer
    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonRateThrottle, CommentRateThrottle]
    filter_backends = []

    def get_announcement(self, texts):
        return get_object_or_404(texts, slug=self.kwargs["slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        announcement = self.get_announcement(
            Announcement.objects.visible_to(self.request.user)
        )
        # Its comments change under the text's own key.
        shows(announcement)
        return (
            Comment.objects.shown()
            .filter(announcement=announcement)
            .order_by("created_at", "id")
        )

    def create(self, request, *args, **kwargs):
        # Withdrawn texts are reachable, so they answer "closed" (403), as
        # does a draft to the staff who can read it; to anyone else a draft
        # is as unknown as a slug never used (404).
        announcement = self.get_announcement(
            Announcement.objects.reachable()
            | Announcement.objects.visible_to(request.user)
        )
        serializer = CommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.validated_data
        try:
            comment = moderation.submit_comment(
                announcement=announcement,
                author_name=fields["author_name"],
                author_email=fields["author_email"],
                author_url=fields.get("author_url", ""),
                body=fields["body"],
                parent=self.parent_comment(announcement, fields.get("parent")),
                client=moderation.ClientInfo.from_request(request),
            )
        except moderation.CommentsClosed as error:
            if not announcement.is_public and not announcement.is_withdrawn:
                raise exceptions.PermissionDenied(
                    "This text is not public yet: it takes comments once published."
                ) from error
            raise exceptions.PermissionDenied(
                "Comments are closed on this text."
            ) from error
        except moderation.RateLimited as error:
            raise exceptions.Throttled(wait=error.retry_after) from error
        receipt = CommentReceiptSerializer(comment, context={"request": request})
        return Response(receipt.data, status=status.HTTP_201_CREATED)

    def parent_comment(self, announcement, parent_id):
        if parent_id is None:
            return None
        parent = announcement.comments.filter(pk=parent_id).first()
        if parent is None:
            raise exceptions.ValidationError(
                {"parent": ["There is no such comment under this text."]}
            )
        return parent


@extend_schema_view(
    list=extend_schema(
        summary="The moderation queue (moderators and editors)",
        description=(
            "Every comment with its status and the reasons spam rules held it; "
            "filter `status=pending` for the queue. Needs the view-comment "
            "permission. Emails and addresses stay in the admin."
        ),
    ),
    retrieve=extend_schema(summary="One comment, for moderation"),
    partial_update=extend_schema(
        summary="Approve, mark as spam or remove a comment",
        request=ModerationInputSerializer,
        responses={200: ModerationCommentSerializer},
        examples=[
            OpenApiExample("Approve", request_only=True, value={"status": "approved"}),
            OpenApiExample(
                "Remove",
                request_only=True,
                value={"status": "removed", "reason": "Personal attack."},
            ),
        ],
    ),
)
class CommentModerationViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Comment moderation for moderators and editors."""

    queryset = Comment.objects.select_related("announcement")
    serializer_class = ModerationCommentSerializer
    permission_classes = [ModelPermissionsWithView]
    filterset_class = CommentModerationFilter
    ordering_fields = ["created_at", "status"]
    ordering = ["-created_at"]
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "patch", "head", "options"]

    DECISIONS = {
        Comment.Status.APPROVED: moderation.approve_comments,
        Comment.Status.SPAM: moderation.mark_spam,
    }

    def partial_update(self, request, *args, **kwargs):
        comment = self.get_object()
        decision = ModerationInputSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        verdict = decision.validated_data["status"]
        comments = Comment.objects.filter(pk=comment.pk)
        if verdict == Comment.Status.REMOVED:
            moderation.remove_comments(
                comments,
                moderator=request.user,
                reason=decision.validated_data.get("reason", ""),
            )
        else:
            self.DECISIONS[verdict](comments, moderator=request.user)
        comment.refresh_from_db()
        return Response(self.get_serializer(comment).data)
