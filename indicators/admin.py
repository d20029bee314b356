from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from announcements.admin import AnnouncementAdmin
from announcements.models import Announcement

from . import desk  # noqa: F401  (registers the desk's panels on figures and actions)
from .ingestion.admin_views import ingestion_urls
from .models import Indicator, Observation, PolicyAction, PolicyActionUpdate


class ObservationInline(admin.TabularInline):
    model = Observation
    extra = 0
    fields = [
        "period_label",
        "period_start",
        "period_end",
        "qualifier",
        "value",
        "quality",
        "announcement",
    ]
    autocomplete_fields = ["announcement"]
    ordering = ["period_start", "period_end"]


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin, SimpleHistoryAdmin):
    # English and Chinese side by side, one line per translated field.
    fields = [
        ("name",),
        "slug",
        ("description",),
        ("unit",),
        ("topic", "frequency", "decimals", "is_key"),
    ]
    list_display = ["name", "unit", "topic", "frequency", "is_key", "observation_count"]
    list_filter = ["topic", "frequency", "is_key", "unit_en"]
    search_fields = [
        "name_en",
        "name_zh_hans",
        "description_en",
        "description_zh_hans",
        "unit_en",
        "unit_zh_hans",
    ]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["topic"]
    inlines = [ObservationInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return (
            super()
            .get_queryset(request)
            .annotate(observation_total=Count("observations"))
        )

    @admin.display(description=_("figures"), ordering="observation_total")
    def observation_count(self, indicator):
        return indicator.observation_total


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "period_label",
        "qualifier",
        "value",
        "quality",
        "announcement",
    ]
    list_filter = ["quality", "qualifier", "indicator__topic", "period_start"]
    list_select_related = ["indicator", "announcement"]
    search_fields = ["indicator__name", "period_label", "quote", "announcement__title"]
    autocomplete_fields = ["indicator", "announcement"]
    date_hierarchy = "period_start"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer(
                "announcement__body",
                "announcement__body_html",
                "announcement__search_vector",
            )
        )


class PolicyActionUpdateInline(TranslationTabularInline):
    model = PolicyActionUpdate
    fk_name = "action"
    extra = 0
    fields = ["date", "status", "note", "evidence_announcement", "evidence_url"]
    autocomplete_fields = ["evidence_announcement"]


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = PolicyAction.objects.overdue().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class ProgressForm(forms.Form):
    """One dated note and status for several actions at once."""

    status = forms.ChoiceField(
        label=_("New status"), choices=PolicyAction.Status.choices
    )
    date = forms.DateField(
        label=_("Date of the update"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Update note (shown on each action's timeline)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_url = forms.URLField(
        label=_("Evidence (URL)"), required=False, max_length=500, assume_scheme="https"
    )


@admin.register(PolicyAction)
class PolicyActionAdmin(TranslationAdmin, SimpleHistoryAdmin):
    fields = [
        ("announcement", "ordinal"),
        ("title",),
        "slug",
        ("description",),
        ("responsible_body",),
        ("status", "target_date"),
        "topics",
        "indicators",
    ]
    list_display = [
        "title",
        "ordinal",
        "announcement",
        "status",
        "responsible_body",
        "target_date",
        "overdue",
    ]
    list_filter = [
        OverdueFilter,
        "status",
        "topics",
        "responsible_body_en",
        "target_date",
    ]
    list_select_related = ["announcement"]
    search_fields = [
        "title_en",
        "title_zh_hans",
        "description_en",
        "description_zh_hans",
        "responsible_body_en",
        "responsible_body_zh_hans",
        "announcement__title",
    ]
    autocomplete_fields = ["announcement", "topics", "indicators"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PolicyActionUpdateInline]
    actions = ["record_progress"]

    @admin.action(
        description=_("Set the status of selected actions, with a dated note"),
        permissions=["change"],
    )
    def record_progress(self, request, queryset):
        """Add the same dated update to each selected action (its timeline)."""
        form = ProgressForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return render(
                request,
                "admin/indicators/policyaction/record_progress.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Record progress"),
                    "actions_selected": queryset,
                    "form": form,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                    "opts": self.model._meta,
                },
            )
        fields = form.cleaned_data
        behind = []
        with transaction.atomic():
            for action in queryset.select_for_update():
                PolicyActionUpdate.objects.create(
                    action=action,
                    date=fields["date"],
                    status=fields["status"],
                    note=fields["note"],
                    evidence_url=fields["evidence_url"] or "",
                )
                action.sync_status_from_updates()
                if action.status != fields["status"]:
                    behind.append(action.title)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Progress recorded on %d action.",
                "Progress recorded on %d actions.",
                count,
            )
            % count,
            messages.SUCCESS,
        )
        if behind:
            self.message_user(
                request,
                _("These actions keep the status of a later-dated update: %(titles)s")
                % {"titles": "; ".join(behind)},
                messages.WARNING,
            )
        return None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer(
                "announcement__body",
                "announcement__body_html",
                "announcement__search_vector",
            )
        )

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, action):
        return action.is_overdue

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is PolicyActionUpdate:
            form.instance.sync_status_from_updates()


# --- A text's own admin page: the figures and actions it states ----------------


class FigureInline(admin.TabularInline):
    model = Observation
    extra = 0
    fields = [
        "indicator",
        "period_label",
        "period_start",
        "period_end",
        "qualifier",
        "value",
        "quality",
        "quote",
    ]
    autocomplete_fields = ["indicator"]
    verbose_name_plural = _("Figures in this text")


class ActionInline(TranslationStackedInline):
    model = PolicyAction
    extra = 0
    fields = [
        ("ordinal", "slug"),
        ("title",),
        ("description",),
        ("responsible_body",),
        ("status", "target_date"),
        "indicators",
        "topics",
    ]
    autocomplete_fields = ["indicators", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    verbose_name_plural = _("Actions announced")


# The announcements app knows nothing of figures and actions: this app, which
# cites texts, adds them (and the press-text import) to a text's admin page.
admin.site.unregister(Announcement)


@admin.register(Announcement)
class AnnouncementWithFiguresAdmin(AnnouncementAdmin):
    inlines = [FigureInline, ActionInline, *AnnouncementAdmin.inlines]

    def get_urls(self):
        # "Import press text" and the review of its suggestions (issue 5).
        return ingestion_urls(self) + super().get_urls()
