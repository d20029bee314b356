"""The JSON API under /api/v1/: both apps' viewsets, the schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"
    ),
]
