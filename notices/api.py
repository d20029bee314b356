"""POST /api/v1/subscriptions/: subscribe without an account, double opt-in."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.response import Response

from announcements.models import Announcement
from announcements.moderation import RateLimited
from core.api import AnonRateThrottle, CommentRateThrottle, JSONParser
from core.api_views import ApiViewMixin
from core.clients import client_ip

from . import subscriptions
from .forms import find_target
from .models import Subscription

ACCEPTED = (
    "If the address can receive mail, a link to confirm is on its way. "
    "Nothing else is sent until it is followed."
)


class SubscriptionInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    kind = serializers.ChoiceField(choices=Subscription.Kind.choices)
    target = serializers.SlugField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="The slug of the topic, speaker, indicator or policy action; "
        "none for `all`.",
    )
    language = serializers.ChoiceField(
        choices=Announcement.Language.choices, default="en"
    )
    frequency = serializers.ChoiceField(
        choices=Subscription.Frequency.choices,
        default=Subscription.Frequency.IMMEDIATE,
    )

    def validate(self, data):
        if data["kind"] == Subscription.Kind.ALL:
            data["target_object"] = None
            return data
        target = find_target(data["kind"], data.get("target", ""))
        if target is None:
            raise serializers.ValidationError(
                {"target": ["There is no such thing to follow."]}
            )
        data["target_object"] = target
        return data


class SubscriptionReceiptSerializer(serializers.Serializer):
    detail = serializers.CharField()


class SubscriptionCreate(ApiViewMixin, generics.GenericAPIView):
    """Subscribe an address to alerts; a confirmation link is mailed first."""

    parser_classes = [JSONParser]
    permission_classes = [permissions.AllowAny]
    # Counted like comments: per client, POST only.
    throttle_classes = [AnonRateThrottle, CommentRateThrottle]
    serializer_class = SubscriptionInputSerializer
    filter_backends = []

    @extend_schema(
        summary="Subscribe to alerts (double opt-in)",
        description=(
            "Answers 202 with the same words whether the address is new, "
            "pending or already subscribed; only the confirmation link mailed "
            "to it turns the subscription on. 429 with `Retry-After` past the "
            "limits per client and per address."
        ),
        request=SubscriptionInputSerializer,
        responses={202: OpenApiResponse(SubscriptionReceiptSerializer)},
    )
    def post(self, request, *args, **kwargs):
        serializer = SubscriptionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            subscriptions.subscribe(
                email=data["email"],
                kind=data["kind"],
                target=data["target_object"],
                language=data["language"],
                frequency=data["frequency"],
                ip=client_ip(request),
            )
        except RateLimited as error:
            raise exceptions.Throttled(wait=error.retry_after) from error
        return Response({"detail": ACCEPTED}, status=status.HTTP_202_ACCEPTED)
