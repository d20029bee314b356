from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from .exports import write_observations_csv
from .forms import ActionFilterForm
from .models import Indicator, Observation, PolicyAction, PolicyActionUpdate
from .selectors import (
    actions_by_status,
    current_series,
    indicator_groups,
    indicator_series,
)


class IndicatorListView(TemplateView):
    template_name = "indicators/indicator_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = indicator_groups()
        return context


class IndicatorDetailView(DetailView):
    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.public().select_related("topic")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["series"] = indicator_series(self.object)
        context["actions"] = (
            self.object.actions.public()
            .with_sibling_count()
            .select_related("announcement")
        )
        return context


@require_safe
def observations_csv(request, slug):
    """Send the indicator's current series as CSV; `?include=revisions` adds all."""
    indicator = get_object_or_404(Indicator.objects.public(), slug=slug)
    with_revisions = request.GET.get("include") == "revisions"
    observations = (
        Observation.objects.public()
        if with_revisions
        else Observation.objects.current()
    )
    observations = (
        observations.filter(indicator=indicator)
        .select_related("indicator", "announcement")
        .series_order()
    )
    suffix = "-with-revisions" if with_revisions else ""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{indicator.slug}{suffix}.csv"'
    )
    write_observations_csv(observations, response)
    return response


class PolicyActionListView(ListView):
    template_name = "indicators/action_list.html"
    context_object_name = "actions"

    def get_queryset(self):
        self.filter_form = ActionFilterForm(self.request.GET or None)
        actions = PolicyAction.objects.public().for_tracker()
        if self.filter_form.is_bound:
            self.filter_form.is_valid()
            actions = self.filter_form.filter(actions)
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["groups"] = actions_by_status(context["actions"])
        return context


class PolicyActionDetailView(DetailView):
    template_name = "indicators/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        timeline = PolicyActionUpdate.objects.select_related(
            "evidence_announcement"
        ).order_by("date", "id")
        return (
            PolicyAction.objects.public()
            .for_tracker()
            .prefetch_related(Prefetch("updates", queryset=timeline))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicators = list(self.object.indicators.all())
        series = current_series(indicators)
        context["measures"] = [
            (indicator, series.get(indicator.pk, [])) for indicator in indicators
        ]
        return context
