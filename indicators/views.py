from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from announcements.models import Topic
from announcements.querysets import SOURCE_TEXT_DEFERRED
from core.cache import shows
from core.paging import OneQueryPaginator

from .exports import write_observations_csv
from .forms import ActionFilterForm, IndicatorFilterForm
from .models import Indicator, Observation, PolicyAction, PolicyActionUpdate
from .selectors import (
    actions_by_status,
    current_series,
    indicator_groups,
    indicator_series,
    public_indicators_by_topic,
)


class IndicatorListView(ListView):
    """Public indicators by topic, a page at a time, each with its sparkline."""

    template_name = "indicators/indicator_list.html"
    context_object_name = "indicators"
    paginate_by = 30

    def get_queryset(self):
        self.filter_form = IndicatorFilterForm(self.request.GET)
        return self.filter_form.filter(public_indicators_by_topic())

    def get_paginator(self, queryset, per_page, **kwargs):
        # "Has a public figure" is a lookup per indicator: done once, for the
        # count and the page together, instead of once for each.
        return OneQueryPaginator(
            queryset,
            per_page,
            rows_for=lambda keys: Indicator.objects.filter(pk__in=keys).select_related(
                "topic"
            ),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        shows(Indicator, Topic)
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["topic"] = self.filter_form.cleaned_data.get("topic")
        context["groups"] = indicator_groups(context["indicators"])
        return context


class IndicatorDetailView(DetailView):
    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.public().select_related("topic")

    def get_context_data(self, **kwargs):
        # Its figures and their texts change under the indicator's key.
        shows(self.object, Topic, PolicyAction)
        context = super().get_context_data(**kwargs)
        context["series"] = indicator_series(self.object)
        context["actions"] = (
            self.object.actions.public()
            .with_sibling_count()
            .select_related("announcement")
            .defer(*SOURCE_TEXT_DEFERRED)
        )
        return context


@require_safe
def observations_csv(request, slug):
    """Send the indicator's current series as CSV; `?include=revisions` adds all."""
    indicator = get_object_or_404(Indicator.objects.public(), slug=slug)
    shows(indicator)
    with_revisions = request.GET.get("include") == "revisions"
    observations = (
        Observation.objects.public()
        if with_revisions
        else Observation.objects.current()
    )
    observations = (
        observations.filter(indicator=indicator)
        .select_related("indicator", "announcement")
        .defer(*SOURCE_TEXT_DEFERRED)
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
    """The tracker: newest actions first, a page at a time, grouped by status.

    The status counts and the topic list cover every page of the (filtered)
    tracker; the sections group the actions of this page.
    """

    template_name = "indicators/action_list.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = ActionFilterForm(self.request.GET or None)
        actions = PolicyAction.objects.all()
        if self.filter_form.is_bound:
            self.filter_form.is_valid()
            actions = self.filter_form.filter(actions)
        self.totals = actions.public_status_counts()
        return (
            actions.public()
            .for_tracker()
            .order_by("-announcement__held_on", "-announcement_id", "ordinal")
        )

    def get_context_data(self, **kwargs):
        # A text's title or date changing changes the action list's key.
        shows(PolicyAction, Topic)
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["topics"] = self.filter_form.topics  # before the form renders
        context["groups"] = actions_by_status(context["actions"], self.totals)
        return context

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # The status counts already add up to the total: no COUNT query.
        paginator.count = sum(self.totals.values())
        return paginator


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
        indicators = self.object.indicator_list
        # Its updates, and its texts' titles and dates, change under the
        # action's key; its measures' figures under their indicators' keys.
        shows(self.object, Topic, *indicators)
        series = current_series(indicators)
        context["measures"] = [
            (indicator, series.get(indicator.pk, [])) for indicator in indicators
        ]
        return context
