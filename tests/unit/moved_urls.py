"""The public pages under /moved/: a URL configuration that a test swaps in.

(The site's own configuration cannot be included whole: i18n_patterns may
only sit at the root.)
"""

from django.urls import include, path

from config import views

urlpatterns = [
    path("moved/", views.home, name="home"),
    path("moved/", include("announcements.urls")),
]
