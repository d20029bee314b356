import datetime

import pytest
from django.utils import timezone

from announcements.models import Announcement, Comment, as_uri
from tests.factories import AnnouncementFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def comments_url(announcement):
    return f"/api/v1/announcements/{announcement.slug}/comments/"


def comment_data(**overrides):
    data = {
        "author_name": "Zhang Wei",
        "author_email": "zhang.wei@example.org",
        "body": "Which provinces does the broadband figure cover?",
    }
    data.update(overrides)
    return data


def test_comment_list_shows_approved_comments_and_replies_without_email(
    api, public_announcement
):
    question = CommentFactory(
        announcement=public_announcement, author_email="asker@example.org"
    )
    CommentFactory(announcement=public_announcement, parent=question)
    CommentFactory(announcement=public_announcement, status=Comment.Status.PENDING)
    CommentFactory(announcement=public_announcement, status=Comment.Status.SPAM)

    response = api.get(comments_url(public_announcement))

    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["parent"] for item in results] == [None, question.pk]
    assert set(results[0]) == {
        "id",
        "parent",
        "author_name",
        "author_url",
        "body",
        "created_at",
    }
    assert b"asker@example.org" not in response.content


def test_comment_list_hides_replies_to_a_comment_that_was_removed(
    api, public_announcement
):
    removed = CommentFactory(
        announcement=public_announcement, status=Comment.Status.REMOVED
    )
    CommentFactory(announcement=public_announcement, parent=removed)

    response = api.get(comments_url(public_announcement))

    assert response.json()["count"] == 0


def test_comment_list_of_a_draft_is_404(api):
    draft = AnnouncementFactory()

    assert api.get(comments_url(draft)).status_code == 404


def test_posting_a_comment_holds_it_for_moderation(api, public_announcement):
    response = api.post(comments_url(public_announcement), comment_data())

    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert "author_email" not in response.json()
    stored = Comment.objects.get(pk=response.json()["id"])
    assert stored.author_email == "zhang.wei@example.org"
    assert stored.status == Comment.Status.PENDING
    assert [verdict["rule"] for verdict in stored.verdicts] == [
        "honeypot",
        "timestamp",
        "links",
        "disallowed_words",
    ]


def test_a_known_author_is_approved_at_once(api, public_announcement):
    CommentFactory(author_email="zhang.wei@example.org")

    response = api.post(comments_url(public_announcement), comment_data())

    assert response.status_code == 201
    assert response.json()["status"] == "approved"


def test_a_reply_names_its_parent(api, public_announcement):
    question = CommentFactory(announcement=public_announcement)

    response = api.post(
        comments_url(public_announcement), comment_data(parent=question.pk)
    )

    assert response.status_code == 201
    assert Comment.objects.get(pk=response.json()["id"]).parent == question


@pytest.mark.parametrize(
    "extra",
    [
        {"status": "approved"},
        {"verdicts": []},
        {"ip": "127.0.0.1"},
        {"moderated_by": 1},
        {"announcement": 1},
    ],
)
def test_comment_fields_beyond_the_five_are_refused_and_nothing_stored(
    api, public_announcement, extra
):
    response = api.post(
        comments_url(public_announcement), comment_data(**extra), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(extra)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"author_email": "not-an-email"}, "author_email"),
        ({"author_name": ""}, "author_name"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"author_url": "javascript:alert(1)"}, "author_url"),
        ({"parent": "abc"}, "parent"),
        ({"parent": 10**30}, "parent"),
    ],
)
def test_invalid_comment_fields_are_400_with_field_errors(
    api, public_announcement, overrides, field
):
    response = api.post(
        comments_url(public_announcement), comment_data(**overrides), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Comment.objects.exists()


def test_missing_comment_fields_are_named(api, public_announcement):
    response = api.post(comments_url(public_announcement), {}, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"author_name", "author_email", "body"}


def test_a_reply_to_a_comment_under_another_text_is_refused(api, public_announcement):
    elsewhere = CommentFactory()

    response = api.post(
        comments_url(public_announcement), comment_data(parent=elsewhere.pk)
    )

    assert response.status_code == 400
    assert "parent" in response.json()["errors"]


def test_a_reply_to_a_reply_is_refused_by_moderation(api, public_announcement):
    question = CommentFactory(announcement=public_announcement)
    answer = CommentFactory(announcement=public_announcement, parent=question)

    response = api.post(
        comments_url(public_announcement), comment_data(parent=answer.pk)
    )

    assert response.status_code == 400
    assert "parent" in response.json()["errors"]
    assert Comment.objects.count() == 2


def test_posting_under_a_closed_text_is_403(api):
    closed = AnnouncementFactory(published=True, allow_comments=False)

    response = api.post(comments_url(closed), comment_data())

    assert response.status_code == 403
    assert response.json()["detail"] == "Comments are closed on this text."
    assert not Comment.objects.exists()


def test_posting_under_a_withdrawn_text_is_403(api):
    withdrawn = AnnouncementFactory(
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=1),
        withdrawn_reason="Corrected.",
    )

    assert api.post(comments_url(withdrawn), comment_data()).status_code == 403


@pytest.mark.parametrize("slug", ["no-such-text", None])
def test_posting_under_an_unknown_or_unpublished_text_is_404(api, slug):
    draft = AnnouncementFactory()
    url = f"/api/v1/announcements/{slug or draft.slug}/comments/"

    response = api.post(url, comment_data())

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_an_editor_posting_under_a_draft_they_can_read_is_told_it_is_not_public(
    editor_api,
):
    draft = AnnouncementFactory()

    response = editor_api.post(comments_url(draft), comment_data(), format="json")

    assert response.status_code == 403
    assert "not public yet" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_a_website_is_kept_as_a_uri_the_schema_promises(api, public_announcement):
    response = api.post(
        comments_url(public_announcement),
        comment_data(author_url="https://example.org/f\\$N"),
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["author_url"] == "https://example.org/f%5C$N"


def test_a_website_from_the_form_keeps_its_chinese_host_as_idna():
    assert as_uri("https://例子.中国/路径") == (
        "https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"
    )


def test_the_api_throttle_answers_429_with_retry_after(
    api, public_announcement, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "comments": "2/minute"},
    }
    settings.COMMENT_RATE_LIMIT_ENABLED = False
    for _ in range(2):
        assert (
            api.post(comments_url(public_announcement), comment_data()).status_code
            == 201
        )

    response = api.post(comments_url(public_announcement), comment_data())

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["errors"] == {}
    assert Comment.objects.count() == 2


def test_the_api_throttle_ignores_a_forged_forwarded_for_header(
    api, public_announcement, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "comments": "1/minute"},
    }
    settings.COMMENT_RATE_LIMIT_ENABLED = False
    api.post(comments_url(public_announcement), comment_data())

    response = api.post(
        comments_url(public_announcement),
        comment_data(),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )

    assert response.status_code == 429


def test_the_moderation_rate_limit_answers_429_with_retry_after(
    api, public_announcement, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "comments": None},
    }
    settings.COMMENT_RATE_LIMIT = 1
    api.post(comments_url(public_announcement), comment_data())

    response = api.post(comments_url(public_announcement), comment_data())

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Comment.objects.count() == 1


# --- Moderation ---------------------------------------------------------------


def test_anonymous_users_cannot_see_the_moderation_queue(api):
    CommentFactory(status=Comment.Status.PENDING)

    response = api.get("/api/v1/comments/")

    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_a_user_without_a_role_cannot_moderate(reader_api):
    comment = CommentFactory(status=Comment.Status.PENDING)

    listing = reader_api.get("/api/v1/comments/")
    change = reader_api.patch(f"/api/v1/comments/{comment.pk}/", {"status": "approved"})

    assert listing.status_code == 403
    assert change.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_moderator_lists_pending_comments_with_why_they_were_held(moderator_api):
    held = CommentFactory(
        status=Comment.Status.PENDING,
        author_email="held@example.org",
        verdicts=[{"rule": "links", "passed": False, "reason": "3 links."}],
    )
    CommentFactory(status=Comment.Status.APPROVED)

    response = moderator_api.get("/api/v1/comments/", {"status": "pending"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["id"] for item in results] == [held.pk]
    assert results[0]["held_because"] == ["3 links."]
    assert b"held@example.org" not in response.content


def test_a_moderator_approves_a_comment(moderator_api, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)

    response = moderator_api.patch(
        f"/api/v1/comments/{comment.pk}/", {"status": "approved"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator


def test_an_editor_removes_a_comment_with_a_reason(editor_api):
    comment = CommentFactory()

    response = editor_api.patch(
        f"/api/v1/comments/{comment.pk}/",
        {"status": "removed", "reason": "Personal attack."},
    )

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    assert comment.moderation_reason == "Personal attack."


@pytest.mark.parametrize(
    "data", [{"status": "pending"}, {"status": "approved", "body": "edited"}, {}]
)
def test_moderation_accepts_only_a_decision(moderator_api, data):
    comment = CommentFactory(status=Comment.Status.PENDING, body="Original.")

    response = moderator_api.patch(f"/api/v1/comments/{comment.pk}/", data)

    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "Original."


def test_moderation_cannot_replace_or_delete_a_comment(moderator_api):
    comment = CommentFactory()

    put = moderator_api.put(f"/api/v1/comments/{comment.pk}/", {"status": "spam"})
    delete = moderator_api.delete(f"/api/v1/comments/{comment.pk}/")

    assert put.status_code == 405
    assert delete.status_code == 405
    assert put.json()["detail"] == 'Method "PUT" not allowed.'
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_moderator_cannot_write_content(moderator_api):
    response = moderator_api.post(
        "/api/v1/topics/", {"slug": "new", "name": "New topic"}
    )

    assert response.status_code == 403


def test_session_login_works_for_the_browsable_api(client):
    moderator = UserFactory(username="sessionmod", roles=["Moderators"])
    client.force_login(moderator)

    response = client.get("/api/v1/comments/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"<html" in response.content.lower()
