"""The JSON API under /api/v1/: both apps' viewsets, the schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from announcements.api import views as announcement_views
from indicators.api import views as indicator_views
from media import api as media_api
from notices.api import SubscriptionCreate

router = DefaultRouter()
router.register(
    "announcements", announcement_views.AnnouncementViewSet, basename="api-announcement"
)
router.register("topics", announcement_views.TopicViewSet, basename="api-topic")
router.register("speakers", announcement_views.SpeakerViewSet, basename="api-speaker")
router.register(
    "comments", announcement_views.CommentModerationViewSet, basename="api-comment"
)
router.register(
    "indicators", indicator_views.IndicatorViewSet, basename="api-indicator"
)
router.register(
    "observations", indicator_views.ObservationViewSet, basename="api-observation"
)
router.register(
    "policy-actions", indicator_views.PolicyActionViewSet, basename="api-policy-action"
)
router.register("images", media_api.ImageViewSet, basename="api-image")
router.register("attachments", media_api.AttachmentViewSet, basename="api-attachment")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves its start-up script as a file, not inline, so the
    # site's Content-Security-Policy (script-src 'self') lets it run.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api_schema"),
        name="api_docs",
    ),
    path(
        "announcements/<slug:slug>/comments/",
        announcement_views.AnnouncementCommentList.as_view(),
        name="api-announcement-comments",
    ),
    path(
        "indicators/<slug:slug>/observations/",
        indicator_views.IndicatorObservationList.as_view(),
        name="api-indicator-observations",
    ),
    path("subscriptions/", SubscriptionCreate.as_view(), name="api-subscriptions"),
    *router.urls,
]
