from django.urls import path

from . import views

app_name = "announcements"
urlpatterns = [
    path(
        "announcements/",
        views.AnnouncementListView.as_view(),
        name="announcement_list",
    ),
    path(
        "announcements/<slug:slug>/",
        views.AnnouncementDetailView.as_view(),
        name="announcement_detail",
    ),
    path(
        "announcements/<slug:slug>/comments/",
        views.post_comment,
        name="comment_create",
    ),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
]
