from django.views.generic import DetailView, ListView

from .models import Indicator, Observation, PolicyAction
from .selectors import current_series


class IndicatorListView(ListView):
    template_name = "indicators/indicator_list.html"
    context_object_name = "indicators"

    def get_queryset(self):
        return Indicator.objects.public().select_related("topic")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        series = current_series(context["indicators"])
        context["rows"] = [
            (indicator, series.get(indicator.pk, []))
            for indicator in context["indicators"]
        ]
        return context


class IndicatorDetailView(DetailView):
    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.public().select_related("topic")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["observations"] = (
            Observation.objects.public()
            .filter(indicator=self.object)
            .select_related("announcement")
            .with_revision_flags()
            .series_order()
        )
        return context


class PolicyActionListView(ListView):
    template_name = "indicators/action_list.html"
    context_object_name = "actions"

    def get_queryset(self):
        return PolicyAction.objects.public().select_related("announcement")


class PolicyActionDetailView(DetailView):
    template_name = "indicators/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        return (
            PolicyAction.objects.public()
            .select_related("announcement")
            .prefetch_related("indicators", "topics", "updates")
        )
