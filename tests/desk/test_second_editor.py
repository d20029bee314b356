"""The second pair of eyes: send to review, another editor publishes (issue 17)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from announcements import review
from announcements.models import Announcement
from announcements.roles import EDITORS, PUBLISHERS
from tests.api.conftest import token_client
from tests.factories import AnnouncementFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Announcement.Status


@pytest.fixture(autouse=True)
def _rule_on(settings):
    settings.REQUIRE_SECOND_EDITOR = True


@pytest.fixture
def author(db):
    return UserFactory(username="author", roles=[EDITORS])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", roles=[EDITORS])


@pytest.fixture
def publisher(db):
    return UserFactory(username="publisher", roles=[EDITORS, PUBLISHERS])


@pytest.fixture
def draft(author):
    return AnnouncementFactory(slug="draft-text", created_by=author)


def review_url(text):
    return reverse("admin:announcements_announcement_review", args=[text.pk])


def decide(client, text, decision, **fields):
    page = client.get(review_url(text))
    version = page.context["version"]
    data = {"decision": decision, "seen_version": version, **fields}
    return client.post(review_url(text), data)


def test_an_author_sends_a_text_to_review_and_another_editor_publishes_it(
    client, draft, author, reviewer
):
    client.force_login(author)
    response = decide(client, draft, "send")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.review_requested_by == author

    client.force_login(reviewer)
    response = decide(client, draft, "publish")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_public
    assert draft.published_by == reviewer
    assert draft.history.first().history_change_reason == "Reviewed and published"


def test_an_author_cannot_publish_their_own_text_in_review(client, draft, author):
    review.transition(draft, Status.IN_REVIEW, author)
    client.force_login(author)

    response = client.post(
        review_url(draft), {"decision": "publish", "seen_version": ""}
    )

    assert response.status_code == 200
    assert "You cannot publish your own text" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.published_at is None


def test_scheduling_counts_as_publishing_in_the_change_form(client, draft, author):
    client.force_login(author)
    url = reverse("admin:announcements_announcement_change", args=[draft.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"topics", "speakers"}
    }
    later = timezone.localtime() + datetime.timedelta(days=1)
    data.update(
        {
            "status": "published",
            "held_on": "2024-03-05",
            "published_at_0": later.strftime("%Y-%m-%d"),
            "published_at_1": later.strftime("%H:%M:%S"),
            **{
                f"{prefix}-{key}": value
                for prefix in ("changes",)
                for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
            },
        }
    )
    data.pop("published_at", None)

    response = client.post(url, data)

    assert response.status_code == 200
    assert "A second editor must review this text" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_publisher_publishes_at_once_with_a_reason_kept_in_history(client, publisher):
    text = AnnouncementFactory(created_by=publisher)
    client.force_login(publisher)

    refused = decide(client, text, "publish_alone", reason="")
    assert "needs a reason" in refused.content.decode()
    response = decide(client, text, "publish_alone", reason="Embargo lifts now.")

    assert response.status_code == 302
    text.refresh_from_db()
    assert text.is_public
    assert text.publish_reason == "Embargo lifts now."
    record = text.history.first()
    assert (
        record.history_change_reason == "Published without review: Embargo lifts now."
    )
    assert record.publish_reason == "Embargo lifts now."
    change_page = client.get(
        reverse("admin:announcements_announcement_change", args=[text.pk])
    )
    assert "Embargo lifts now." in change_page.content.decode()


def test_a_reviewer_sees_what_changed_since_the_text_was_sent_to_review(
    client, draft, author, reviewer
):
    review.transition(draft, Status.IN_REVIEW, author)
    draft.refresh_from_db()
    draft.body = "Output **fell** in the first quarter."
    draft.save()
    client.force_login(reviewer)

    page = client.get(review_url(draft))

    html = page.content.decode()
    assert "Changed since it was sent to review" in html
    assert "+Output **fell** in the first quarter." in html
    assert "-Output **rose** in the first quarter." in html


def test_a_text_changed_after_the_reviewer_opened_it_is_not_published(
    client, draft, author, reviewer
):
    review.transition(draft, Status.IN_REVIEW, author)
    client.force_login(reviewer)
    version = client.get(review_url(draft)).context["version"]
    Announcement.objects.filter(pk=draft.pk).update(title="A new headline")

    response = client.post(
        review_url(draft), {"decision": "publish", "seen_version": version}
    )

    assert response.status_code == 200
    assert "changed since you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW


def test_sending_back_needs_a_note_which_the_author_sees(
    client, draft, author, reviewer
):
    review.transition(draft, Status.IN_REVIEW, author)
    client.force_login(reviewer)

    assert "Say what the author should change" in (
        decide(client, draft, "send_back", note="").content.decode()
    )
    decide(client, draft, "send_back", note="Check the Q1 figure.")

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.review_note == "Check the Q1 figure."
    client.force_login(author)
    page = client.get(
        reverse("admin:announcements_announcement_change", args=[draft.pk])
    )
    assert "Check the Q1 figure." in page.content.decode()


def test_the_publish_action_skips_own_texts_with_a_message(client, author, reviewer):
    own = AnnouncementFactory(created_by=author)
    theirs = AnnouncementFactory(created_by=reviewer)
    review.transition(own, Status.IN_REVIEW, author)
    review.transition(theirs, Status.IN_REVIEW, reviewer)
    client.force_login(author)

    response = client.post(
        reverse("admin:announcements_announcement_changelist"),
        {"action": "publish_selected", "_selected_action": [own.pk, theirs.pk]},
        follow=True,
    )

    assert "1 text published." in response.content.decode()
    assert "You cannot publish your own text" in response.content.decode()
    own.refresh_from_db()
    theirs.refresh_from_db()
    assert own.status == Status.IN_REVIEW
    assert theirs.is_public


def test_the_rule_off_lets_an_editor_publish_alone(client, settings, draft, author):
    settings.REQUIRE_SECOND_EDITOR = False
    client.force_login(author)

    decide(client, draft, "publish_alone")

    draft.refresh_from_db()
    assert draft.is_public


# --- The API follows the same rule -------------------------------------------


def test_the_api_refuses_an_author_publishing_their_own_text(author, draft):
    response = token_client(author).patch(
        "/api/v1/announcements/draft-text/", {"status": "published"}, format="json"
    )

    assert response.status_code == 403
    assert "A second editor must review" in response.json()["detail"]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_api_review_flow_send_then_publish_by_another(author, reviewer, draft):
    sent = token_client(author).patch(
        "/api/v1/announcements/draft-text/", {"status": "in_review"}, format="json"
    )
    assert sent.status_code == 200
    assert (
        token_client(author)
        .patch(
            "/api/v1/announcements/draft-text/", {"status": "published"}, format="json"
        )
        .status_code
        == 403
    )

    published = token_client(reviewer).patch(
        "/api/v1/announcements/draft-text/", {"status": "published"}, format="json"
    )

    assert published.status_code == 200
    draft.refresh_from_db()
    assert draft.is_public
    assert draft.published_by == reviewer


def test_the_api_answers_409_for_a_text_changed_since_review_then_accepts_the_version(
    author, reviewer, draft
):
    token_client(author).patch(
        "/api/v1/announcements/draft-text/", {"status": "in_review"}, format="json"
    )
    token_client(author).patch(
        "/api/v1/announcements/draft-text/",
        {"title": "Revised headline"},
        format="json",
    )

    refused = token_client(reviewer).patch(
        "/api/v1/announcements/draft-text/", {"status": "published"}, format="json"
    )
    assert refused.status_code == 409
    assert "changed since it was sent for review" in refused.json()["detail"]
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW

    accepted = token_client(reviewer).patch(
        "/api/v1/announcements/draft-text/",
        {"status": "published", "reviewed_version": review.digest(draft)},
        format="json",
    )
    assert accepted.status_code == 200


def test_the_api_lets_a_publisher_publish_alone_with_a_reason(publisher):
    AnnouncementFactory(slug="urgent", created_by=publisher)
    client = token_client(publisher)

    assert (
        client.patch(
            "/api/v1/announcements/urgent/", {"status": "published"}, format="json"
        ).status_code
        == 403
    )
    response = client.patch(
        "/api/v1/announcements/urgent/",
        {"status": "published", "publish_reason": "Minister's statement, live now."},
        format="json",
    )

    assert response.status_code == 200
    text = Announcement.objects.get(slug="urgent")
    assert text.publish_reason == "Minister's statement, live now."
    assert text.history.first().history_user == publisher


def test_an_ordinary_api_edit_leaves_the_review_fields_alone(author, reviewer, draft):
    token_client(author).patch(
        "/api/v1/announcements/draft-text/", {"status": "in_review"}, format="json"
    )
    response = token_client(author).patch(
        "/api/v1/announcements/draft-text/", {"summary": "New summary."}, format="json"
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.review_requested_by == author


# --- Accounts --------------------------------------------------------------------


def test_make_runs_editor_is_an_editor_and_publisher_not_a_superuser():
    call_command("ensure_editor", username="editor", stdout=None)

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="editor")
    assert not user.is_superuser
    assert user.is_staff
    assert set(user.groups.values_list("name", flat=True)) == {EDITORS, PUBLISHERS}
    assert review.may_publish_alone(user)


def test_an_editor_account_made_superuser_before_is_demoted():
    from django.contrib.auth import get_user_model

    old = get_user_model().objects.create_superuser("editor", "", "pw")
    old.groups.add(Group.objects.get(name=EDITORS))

    call_command("ensure_editor", username="editor")

    old.refresh_from_db()
    assert not old.is_superuser
    assert old.groups.filter(name=PUBLISHERS).exists()


def test_setup_roles_creates_the_publishers_group():
    Group.objects.filter(name=PUBLISHERS).delete()

    call_command("setup_roles")

    assert (
        Group.objects.get(name=PUBLISHERS)
        .permissions.filter(codename="publish_without_review")
        .exists()
    )
