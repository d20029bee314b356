"""The desk: the admin's front page says what needs whom now (issue 17)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from announcements import desk, review
from announcements.models import Announcement, Comment, ImportSuggestion
from announcements.roles import EDITORS
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def archive(size, author):
    """Write `size` of everything each panel lists."""
    now = timezone.now()
    for n in range(size):
        text = AnnouncementFactory(published=True, created_by=author)
        CommentFactory(
            announcement=text,
            status=Comment.Status.PENDING,
            created_at=now - datetime.timedelta(hours=n),
        )
        in_review = AnnouncementFactory(created_by=author)
        review.transition(in_review, Announcement.Status.IN_REVIEW, author)
        AnnouncementFactory(scheduled=True)
        draft = AnnouncementFactory()
        ImportSuggestion.objects.create(
            announcement=draft, kind="figure", position=1, data={"name": "x"}
        )
        PolicyActionFactory(
            announcement=text, target_date=datetime.date(2020, 1, 1), ordinal=1
        )
        indicator = IndicatorFactory()
        earlier = AnnouncementFactory(published=True, held_on=datetime.date(2024, 1, 1))
        ObservationFactory(indicator=indicator, announcement=earlier, value=1)
        ObservationFactory(indicator=indicator, announcement=text, value=2)


def queries_per_panel(user):
    counts = {}
    for panel in desk.panels_for(user):
        with CaptureQueriesContext(connection) as queries:
            data = panel.read(user)
        counts[panel.key] = len(queries)
        assert data is not None
    return counts


def test_each_panel_is_one_query_whatever_the_archive_size(editor):
    reader = UserFactory(username="other", roles=[EDITORS])
    editor.has_perm("announcements.change_comment")  # permissions read once

    archive(1, reader)
    small = queries_per_panel(editor)
    archive(12, reader)
    large = queries_per_panel(editor)

    assert set(small) == {
        "comments",
        "in_review",
        "scheduled",
        "imports",
        "overdue",
        "revised",
        "changes",
    }
    assert small == large
    assert set(large.values()) == {1}


def test_an_editor_sees_every_panel_with_what_waits(editor_client, editor):
    author = UserFactory(username="author", roles=[EDITORS])
    archive(2, author)

    page = editor_client.get(reverse("admin:index"))

    html = page.content.decode()
    assert page.status_code == 200
    for title in [
        "Comments awaiting moderation",
        "Texts in review",
        "Scheduled to go live",
        "Drafts with import suggestions to review",
        "Overdue policy actions",
        "Figures revised in the last 30 days",
        "Latest changes by others",
    ]:
        assert title in html
    assert "2</strong> comments wait" in html
    assert "sent by author" in html
    assert "?status=pending" in html


def test_a_moderator_sees_only_the_comment_queue(moderator_client):
    CommentFactory(
        announcement=AnnouncementFactory(published=True), status=Comment.Status.PENDING
    )

    html = moderator_client.get(reverse("admin:index")).content.decode()

    assert "Comments awaiting moderation" in html
    assert "1</strong> comment waits" in html
    assert "Texts in review" not in html
    assert "Overdue policy actions" not in html


def test_the_comment_count_falls_when_the_queue_is_cleared(moderator_client):
    comment = CommentFactory(
        announcement=AnnouncementFactory(published=True), status=Comment.Status.PENDING
    )
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)

    html = moderator_client.get(reverse("admin:index")).content.decode()

    assert "The queue is clear" in html


def test_an_authors_own_text_in_review_says_another_editor_publishes_it(
    editor_client, editor
):
    text = AnnouncementFactory(created_by=editor)
    review.transition(text, Announcement.Status.IN_REVIEW, editor)

    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "yours: another editor publishes it" in html


def test_latest_changes_leave_out_ones_own(editor_client, editor):
    other = UserFactory(username="colleague", roles=[EDITORS])
    theirs = AnnouncementFactory(title="Their briefing")
    theirs.history.update(history_user=other)
    mine = AnnouncementFactory(title="My briefing")
    mine.history.update(history_user=editor)

    rows = desk_rows("changes", editor)

    assert [row["label"] for row in rows] == ["Their briefing"]
    assert rows[0]["who"] == "colleague"


def desk_rows(key, user):
    panel = next(p for p in desk.panels_for(user) if p.key == key)
    return panel.read(user)["rows"]
