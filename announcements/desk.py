"""The editors' desk: the admin's front page says what needs whom now (issue 17).

A panel is a title, the permission that lets a user act on what it lists,
and a function reading its rows in one query whatever the archive's size.
This app registers the panels about texts and comments; the indicators app,
which this one never imports, adds its own (`register`) when its admin loads.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .models import Announcement, Comment

# Rows a list panel shows; one more is read to know whether there are more.
LIMIT = 8


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    permission: str
    read: Callable  # (user) -> dict for the panel's template
    order: int = 100
    template: str = "admin/desk/panel_list.html"


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    _panels[panel.key] = panel
    return panel


def panels_for(user) -> list[Panel]:
    """Return the panels this user may act on, in their order."""
    return [
        panel
        for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key))
        if user.has_perm(panel.permission)
    ]


def rows_and_more(queryset) -> dict:
    """Return up to LIMIT rows and whether more exist, from one query."""
    rows = list(queryset[: LIMIT + 1])
    return {"rows": rows[:LIMIT], "more": len(rows) > LIMIT}


def changelist(model, **filters) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def comments_waiting(user) -> dict:
    queue = Comment.objects.filter(status=Comment.Status.PENDING).aggregate(
        count=Count("id"), oldest=Min("created_at")
    )
    return {
        **queue,
        "age": timezone.now() - queue["oldest"] if queue["oldest"] else None,
        "url": changelist(Comment, status=Comment.Status.PENDING),
    }


def texts_in_review(user) -> dict:
    texts = (
        Announcement.objects.filter(status=Announcement.Status.IN_REVIEW)
        .select_related("review_requested_by")
        .only(
            "id",
            "title",
            "created_by_id",
            "review_requested_at",
            "review_requested_by__username",
        )
        .order_by("review_requested_at", "id")
    )
    found = rows_and_more(texts)
    for text in found["rows"]:
        text.desk_url = reverse(
            "admin:announcements_announcement_review", args=[text.pk]
        )
        text.desk_own = user.pk in {text.created_by_id, text.review_requested_by_id}
    return {**found, "url": changelist(Announcement, status="in_review")}


def scheduled_texts(user) -> dict:
    texts = (
        Announcement.objects.scheduled()
        .only("id", "title", "published_at")
        .order_by("published_at", "id")
    )
    found = rows_and_more(texts)
    for text in found["rows"]:
        text.desk_url = reverse(
            "admin:announcements_announcement_change", args=[text.pk]
        )
    return found


register(
    Panel(
        key="comments",
        title=_("Comments awaiting moderation"),
        permission="announcements.change_comment",
        read=comments_waiting,
        order=10,
        template="admin/desk/panel_comments.html",
    )
)
register(
    Panel(
        key="in_review",
        title=_("Texts in review"),
        permission="announcements.change_announcement",
        read=texts_in_review,
        order=20,
        template="admin/desk/panel_in_review.html",
    )
)
register(
    Panel(
        key="scheduled",
        title=_("Scheduled to go live"),
        permission="announcements.change_announcement",
        read=scheduled_texts,
        order=30,
        template="admin/desk/panel_scheduled.html",
    )
)
