from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from announcements.admin import AnnouncementAdmin
from announcements.models import Announcement

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
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "topic", "frequency", "is_key", "observation_count"]
    list_filter = ["topic", "frequency", "is_key", "unit"]
    search_fields = ["name", "description", "unit"]
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


class PolicyActionUpdateInline(admin.TabularInline):
    model = PolicyActionUpdate
    fk_name = "action"
    extra = 0
    fields = ["date", "status", "note", "evidence_announcement", "evidence_url"]
    autocomplete_fields = ["evidence_announcement"]


@admin.register(PolicyAction)
class PolicyActionAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "ordinal",
        "announcement",
        "status",
        "responsible_body",
        "target_date",
        "overdue",
    ]
    list_filter = ["status", "topics", "responsible_body", "target_date"]
    list_select_related = ["announcement"]
    search_fields = ["title", "description", "responsible_body", "announcement__title"]
    autocomplete_fields = ["announcement", "topics", "indicators"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PolicyActionUpdateInline]

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


class ActionInline(admin.StackedInline):
    model = PolicyAction
    extra = 0
    fields = [
        ("ordinal", "title", "slug"),
        "description",
        ("status", "target_date", "responsible_body"),
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
