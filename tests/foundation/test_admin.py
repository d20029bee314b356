"""The editors' admin: every page loads for the right roles and refuses the rest."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement, AnnouncementChange, Comment
from indicators.models import Observation
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    ("announcements", "announcement"),
    ("announcements", "topic"),
    ("announcements", "speaker"),
    ("indicators", "indicator"),
    ("indicators", "observation"),
    ("indicators", "policyaction"),
]


@pytest.fixture
def one_of_everything():
    announcement = AnnouncementFactory(published=True)
    action = PolicyActionFactory(announcement=announcement)
    return {
        ("announcements", "announcement"): announcement,
        ("announcements", "topic"): TopicFactory(),
        ("announcements", "speaker"): SpeakerFactory(),
        ("announcements", "comment"): CommentFactory(announcement=announcement),
        ("indicators", "indicator"): IndicatorFactory(),
        ("indicators", "observation"): ObservationFactory(announcement=announcement),
        ("indicators", "policyaction"): action,
        ("indicators", "update"): PolicyActionUpdateFactory(action=action),
    }


def admin_urls(app_label, model_name, obj):
    return {
        "changelist": reverse(f"admin:{app_label}_{model_name}_changelist"),
        "add": reverse(f"admin:{app_label}_{model_name}_add"),
        "change": reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
        "history": reverse(f"admin:{app_label}_{model_name}_history", args=[obj.pk]),
    }


@pytest.mark.parametrize("user_fixture", ["superuser", "editor"])
@pytest.mark.parametrize(("app_label", "model_name"), CONTENT_MODELS)
def test_content_admin_pages_load_for_superusers_and_editors(
    client, request, user_fixture, app_label, model_name, one_of_everything
):
    client.force_login(request.getfixturevalue(user_fixture))
    obj = one_of_everything[(app_label, model_name)]

    for page, url in admin_urls(app_label, model_name, obj).items():
        response = client.get(url)
        assert response.status_code == 200, (page, url)


@pytest.mark.parametrize(("app_label", "model_name"), CONTENT_MODELS)
def test_moderator_cannot_edit_content(
    moderator_client, app_label, model_name, one_of_everything
):
    obj = one_of_everything[(app_label, model_name)]
    urls = admin_urls(app_label, model_name, obj)

    assert moderator_client.get(urls["add"]).status_code == 403
    if (app_label, model_name) == ("announcements", "announcement"):
        # Moderators may read the text a comment is about, never change it.
        page = moderator_client.get(urls["change"])
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
    else:
        assert moderator_client.get(urls["change"]).status_code == 403


@pytest.mark.parametrize("user_fixture", ["superuser", "editor", "moderator"])
def test_comment_moderation_pages_load_for_every_role(
    client, request, user_fixture, one_of_everything
):
    client.force_login(request.getfixturevalue(user_fixture))
    comment = one_of_everything[("announcements", "comment")]

    changelist = client.get(reverse("admin:announcements_comment_changelist"))
    change = client.get(
        reverse("admin:announcements_comment_change", args=[comment.pk])
    )

    assert changelist.status_code == 200
    assert change.status_code == 200
    assert b"Pending (0)" in changelist.content


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:announcements_announcement_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_form_reports_a_period_ending_before_it_starts(editor_client):
    indicator = IndicatorFactory()
    announcement = AnnouncementFactory(published=True)

    response = editor_client.post(
        reverse("admin:indicators_observation_add"),
        {
            "indicator": indicator.pk,
            "announcement": announcement.pk,
            "period_start": "2024-06-30",
            "period_end": "2024-01-01",
            "period_label": "backwards",
            "value": "1.5",
            "qualifier": "exact",
            "quality": "reported",
        },
    )

    assert response.status_code == 200
    assert "The period cannot end before it starts." in response.content.decode()
    assert not Observation.objects.exists()


def test_admin_form_reports_a_duplicate_action_ordinal(editor_client):
    existing = PolicyActionFactory(ordinal=1)

    response = editor_client.post(
        reverse("admin:indicators_policyaction_add"),
        {
            "announcement": existing.announcement.pk,
            "ordinal": "1",
            "title": "Another first",
            "slug": "another-first",
            "status": "announced",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "already has an action with this number" in response.content.decode()


def test_admin_form_reports_a_duplicate_slug(editor_client):
    AnnouncementFactory(slug="taken")

    response = editor_client.post(
        reverse("admin:announcements_announcement_add"),
        announcement_form_data(slug="taken"),
    )

    assert response.status_code == 200
    assert "with this Slug already exists" in response.content.decode()
    assert Announcement.objects.filter(slug="taken").count() == 1


def announcement_form_data(**overrides):
    data = {
        "title": "Quarterly briefing",
        "slug": "quarterly-briefing",
        "kind": "press_conference",
        "held_on": "2024-04-02",
        "body": "Text.",
        "language": "en",
        "status": "draft",
        "allow_comments": "on",
    }
    # The inlines on a text's admin page (figures, actions, change notes, and
    # the media app's lead image and attachments).
    for prefix in ("observations", "actions", "changes", "lead_image", "attachments"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(overrides)
    return data


def test_significant_edit_to_a_published_text_asks_for_a_change_note(editor_client):
    announcement = AnnouncementFactory(published=True, slug="q1")
    url = reverse("admin:announcements_announcement_change", args=[announcement.pk])
    published_at = timezone.localtime(announcement.published_at)
    data = announcement_form_data(
        slug="q1",
        title="Corrected title",
        status="published",
        published_at_0=published_at.strftime("%Y-%m-%d"),
        published_at_1=published_at.strftime("%H:%M:%S"),
    )

    refused = editor_client.post(url, data)
    accepted = editor_client.post(url, {**data, "change_note": "Title corrected."})

    assert refused.status_code == 200
    assert "describe the change for readers" in refused.content.decode()
    assert accepted.status_code == 302
    assert (
        AnnouncementChange.objects.get(announcement=announcement).note
        == "Title corrected."
    )


def test_publish_action_publishes_drafts_now(editor_client):
    draft = AnnouncementFactory()

    editor_client.post(
        reverse("admin:announcements_announcement_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.is_public


def test_withdraw_action_asks_for_a_reason_then_withdraws(editor_client):
    announcement = AnnouncementFactory(published=True)
    url = reverse("admin:announcements_announcement_changelist")
    selection = {"action": "withdraw_selected", "_selected_action": [announcement.pk]}

    form_page = editor_client.post(url, selection)
    editor_client.post(
        url, {**selection, "apply": "1", "reason": "Superseded by a later text."}
    )

    announcement.refresh_from_db()
    assert b"Reason shown to readers" in form_page.content
    assert announcement.status == Announcement.Status.WITHDRAWN
    assert announcement.withdrawn_reason == "Superseded by a later text."


def test_moderator_approves_pending_comments_in_bulk(moderator_client, moderator):
    pending = CommentFactory.create_batch(2, status=Comment.Status.PENDING)

    moderator_client.post(
        reverse("admin:announcements_comment_changelist"),
        {"action": "approve_selected", "_selected_action": [c.pk for c in pending]},
    )

    assert Comment.objects.approved().count() == 2
    assert set(Comment.objects.values_list("moderated_by", flat=True)) == {moderator.pk}


def test_comment_admin_shows_why_a_comment_was_held(moderator_client):
    CommentFactory(
        status=Comment.Status.PENDING,
        verdicts=[
            {"rule": "links", "passed": False, "reason": "5 links (at most 2 allowed)."}
        ],
    )

    response = moderator_client.get(reverse("admin:announcements_comment_changelist"))

    assert "5 links (at most 2 allowed)." in response.content.decode()


def test_staff_see_a_draft_with_a_banner_and_the_public_gets_404(client, editor):
    draft = AnnouncementFactory(title="Not yet")

    anonymous = client.get(draft.get_absolute_url())
    client.force_login(editor)
    staff = client.get(draft.get_absolute_url())

    assert anonymous.status_code == 404
    assert staff.status_code == 200
    assert "Draft — not public" in staff.content.decode()


def test_history_of_an_announcement_lists_each_edit(editor_client):
    announcement = AnnouncementFactory(title="First title")
    announcement.title = "Second title"
    announcement.save()

    response = editor_client.get(
        reverse("admin:announcements_announcement_history", args=[announcement.pk])
    )

    assert response.status_code == 200
    assert announcement.history.count() == 2


def test_every_registered_model_admin_has_search_or_filters():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"announcements", "indicators"}:
            assert model_admin.search_fields, model
