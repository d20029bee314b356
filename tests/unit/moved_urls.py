"""The whole site under /moved/: a URL configuration that a test swaps in."""

from django.urls import include, path

urlpatterns = [path("moved/", include("config.urls"))]
