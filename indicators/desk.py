"""The desk's panels about figures, actions and imports (announcements.desk).

They live here because they read this app's models; registering them when
the admin loads keeps `announcements` free of any import of `indicators`.
"""

import datetime

from django.db.models import CharField, Count, F, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from announcements.desk import LIMIT, Panel, changelist, register, rows_and_more
from announcements.models import Announcement
from core.i18n import with_translations

from .models import Observation, PolicyAction

REVISED_WITHIN = datetime.timedelta(days=30)


def drafts_with_suggestions(user) -> dict:
    texts = (
        Announcement.objects.filter(
            status__in=[Announcement.Status.DRAFT, Announcement.Status.IN_REVIEW],
            import_suggestions__accepted=False,
            import_suggestions__rejected_at__isnull=True,
        )
        .annotate(waiting=Count("import_suggestions"))
        .only("id", "title", "updated_at")
        .order_by("-updated_at", "-id")
    )
    found = rows_and_more(texts)
    for text in found["rows"]:
        text.desk_url = reverse(
            "admin:announcements_announcement_suggestions", args=[text.pk]
        )
    return found


def overdue_actions(user) -> dict:
    actions = (
        PolicyAction.objects.overdue()
        .select_related("announcement")
        .only("id", "title", "status", "target_date", "announcement__title")
        .order_by("target_date", "id")
    )
    found = rows_and_more(actions)
    for action in found["rows"]:
        action.desk_url = reverse(
            "admin:indicators_policyaction_change", args=[action.pk]
        )
    return {**found, "url": changelist(PolicyAction, overdue="yes")}


def revised_figures(user) -> dict:
    since = timezone.now() - REVISED_WITHIN
    figures = (
        Observation.objects.public()
        .with_revision_flags()
        .filter(is_revision=True, announcement__published_at__gte=since)
        .select_related("indicator", "announcement")
        .only(
            *with_translations(
                Observation,
                [
                    "id",
                    "value",
                    "period_label",
                    "indicator__name",
                    "indicator__unit",
                    "announcement__title",
                    "announcement__published_at",
                ],
            )
        )
        .order_by("-announcement__published_at", "-id")
    )
    found = rows_and_more(figures)
    for figure in found["rows"]:
        figure.desk_url = reverse(
            "admin:indicators_observation_change", args=[figure.pk]
        )
    return found


def latest_changes(user) -> dict:
    """Return the latest edits by others to texts, figures and actions, newest first.

    One query: a UNION of the three history tables.
    """

    def edits(model, label_field, kind):
        return (
            model.history.exclude(history_user_id=user.pk)
            .annotate(
                desk_label=F(label_field),
                desk_kind=Value(kind, output_field=CharField()),
                desk_who=F("history_user__username"),
            )
            .values_list(
                "history_date",
                "desk_kind",
                "id",
                "desk_label",
                "desk_who",
                "history_type",
            )
            .order_by()
        )

    union = (
        edits(Announcement, "title", "announcement")
        .union(
            edits(PolicyAction, "title", "policyaction"),
            edits(Observation, "period_label", "observation"),
            all=True,
        )
        .order_by("-history_date")
    )
    rows = []
    for when, kind, pk, label, who, history_type in union[: LIMIT + 1]:
        rows.append(
            {
                "when": when,
                "kind": KINDS[kind],
                "label": label,
                "who": who,
                "what": CHANGE_TYPES.get(history_type, ""),
                "url": reverse(f"admin:{APPS[kind]}_{kind}_change", args=[pk]),
            }
        )
    return {"rows": rows[:LIMIT], "more": len(rows) > LIMIT}


KINDS = {
    "announcement": _("Text"),
    "policyaction": _("Action"),
    "observation": _("Figure"),
}
APPS = {
    "announcement": "announcements",
    "policyaction": "indicators",
    "observation": "indicators",
}
CHANGE_TYPES = {"+": _("added"), "~": _("changed"), "-": _("deleted")}


register(
    Panel(
        key="imports",
        title=_("Drafts with import suggestions to review"),
        permission="indicators.add_observation",
        read=drafts_with_suggestions,
        order=40,
        template="admin/desk/panel_imports.html",
    )
)
register(
    Panel(
        key="overdue",
        title=_("Overdue policy actions"),
        permission="indicators.change_policyaction",
        read=overdue_actions,
        order=50,
        template="admin/desk/panel_overdue.html",
    )
)
register(
    Panel(
        key="revised",
        title=_("Figures revised in the last 30 days"),
        permission="indicators.view_observation",
        read=revised_figures,
        order=60,
        template="admin/desk/panel_revised.html",
    )
)
register(
    Panel(
        key="changes",
        title=_("Latest changes by others"),
        permission="announcements.change_announcement",
        read=latest_changes,
        order=70,
        template="admin/desk/panel_changes.html",
    )
)
