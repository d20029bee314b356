from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path(
        "indicators/<slug:slug>/",
        views.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path(
        "indicators/<slug:slug>/observations.csv",
        views.observations_csv,
        name="indicator_csv",
    ),
    path("actions/", views.PolicyActionListView.as_view(), name="action_list"),
    path(
        "actions/<slug:slug>/",
        views.PolicyActionDetailView.as_view(),
        name="action_detail",
    ),
]
