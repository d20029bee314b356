"""The moderation service: each spam rule, the default policy, the stored verdicts."""

import time

import pytest
from django.urls import reverse

from announcements.models import Comment
from announcements.moderation import (
    ClientInfo,
    RateLimited,
    approve_comments,
    sign_timestamp,
    submit_comment,
)
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def comment_kwargs(announcement, **overrides):
    kwargs = {
        "announcement": announcement,
        "author_name": "Chen Jie",
        "author_email": "chen.jie@example.org",
        "body": "How many of the projects are in western provinces?",
        "client": ClientInfo(
            ip="203.0.113.7",
            user_agent="Firefox",
            form_timestamp=sign_timestamp(time.time() - 120),
        ),
    }
    kwargs.update(overrides)
    return kwargs


def verdict(comment, rule):
    return next(v for v in comment.verdicts if v["rule"] == rule)


def test_new_author_is_held_for_moderation(public_announcement):
    comment = submit_comment(**comment_kwargs(public_announcement))

    assert comment.status == Comment.Status.PENDING


def test_every_rule_stores_its_verdict_on_the_comment(public_announcement):
    comment = submit_comment(**comment_kwargs(public_announcement))

    comment.refresh_from_db()
    assert {v["rule"] for v in comment.verdicts} == {
        "honeypot",
        "timestamp",
        "links",
        "disallowed_words",
    }
    assert all(v["passed"] for v in comment.verdicts)
    assert comment.ip == "203.0.113.7"
    assert comment.user_agent == "Firefox"


def test_known_author_is_approved_without_waiting(public_announcement):
    CommentFactory(author_email="chen.jie@example.org", status=Comment.Status.APPROVED)

    comment = submit_comment(
        **comment_kwargs(public_announcement, author_email="Chen.Jie@Example.org")
    )

    assert comment.status == Comment.Status.APPROVED


def test_author_with_only_pending_or_spam_comments_is_not_known(public_announcement):
    CommentFactory(author_email="chen.jie@example.org", status=Comment.Status.PENDING)
    CommentFactory(author_email="chen.jie@example.org", status=Comment.Status.SPAM)

    comment = submit_comment(**comment_kwargs(public_announcement))

    assert comment.status == Comment.Status.PENDING


def test_known_author_tripping_a_rule_is_held(public_announcement):
    CommentFactory(author_email="chen.jie@example.org", status=Comment.Status.APPROVED)

    comment = submit_comment(
        **comment_kwargs(public_announcement, body="Best casino offers here")
    )

    assert comment.status == Comment.Status.PENDING


def test_filled_honeypot_marks_spam_with_its_reason(public_announcement):
    client = ClientInfo(
        ip="203.0.113.7",
        honeypot="http://bot.example",
        form_timestamp=sign_timestamp(time.time() - 120),
    )

    comment = submit_comment(**comment_kwargs(public_announcement, client=client))

    assert comment.status == Comment.Status.SPAM
    assert verdict(comment, "honeypot") == {
        "rule": "honeypot",
        "passed": False,
        "reason": "A field hidden from people was filled in.",
    }


@pytest.mark.parametrize(
    ("age_seconds", "reason"),
    [(0, "sent back 0 s after"), (-30, "sent back 0 s after")],
)
def test_form_sent_back_too_fast_is_spam(public_announcement, age_seconds, reason):
    client = ClientInfo(
        ip="203.0.113.7", form_timestamp=sign_timestamp(time.time() - age_seconds)
    )

    comment = submit_comment(**comment_kwargs(public_announcement, client=client))

    assert comment.status == Comment.Status.SPAM
    assert reason in verdict(comment, "timestamp")["reason"]


def test_form_older_than_allowed_is_spam(public_announcement, settings):
    settings.COMMENT_MAX_AGE_SECONDS = 3600
    client = ClientInfo(
        ip="203.0.113.7", form_timestamp=sign_timestamp(time.time() - 7200)
    )

    comment = submit_comment(**comment_kwargs(public_announcement, client=client))

    assert comment.status == Comment.Status.SPAM
    assert verdict(comment, "timestamp")["reason"] == "The form was older than allowed."


@pytest.mark.parametrize("token", ["", "12345", "1700000000:forged:signature"])
def test_missing_or_forged_timestamp_is_spam(public_announcement, token):
    client = ClientInfo(ip="203.0.113.7", form_timestamp=token)

    comment = submit_comment(**comment_kwargs(public_announcement, client=client))

    assert comment.status == Comment.Status.SPAM
    assert "missing or forged" in verdict(comment, "timestamp")["reason"]


def test_api_client_without_a_form_passes_the_timestamp_rule(public_announcement):
    client = ClientInfo(ip="203.0.113.7", form_timestamp=None)

    comment = submit_comment(**comment_kwargs(public_announcement, client=client))

    assert verdict(comment, "timestamp")["passed"] is True


def test_too_many_links_hold_the_comment_with_the_count(public_announcement, settings):
    settings.COMMENT_MAX_LINKS = 2
    body = "See https://a.example, http://b.example and www.c.example"

    comment = submit_comment(**comment_kwargs(public_announcement, body=body))

    assert comment.status == Comment.Status.PENDING
    assert verdict(comment, "links")["reason"] == "3 links (at most 2 allowed)."


def test_links_up_to_the_limit_pass(public_announcement, settings):
    settings.COMMENT_MAX_LINKS = 2

    comment = submit_comment(
        **comment_kwargs(
            public_announcement, body="https://a.example https://b.example"
        )
    )

    assert verdict(comment, "links")["passed"] is True


@pytest.mark.parametrize(
    "field", ["body", "author_name", "author_url"], ids=["body", "name", "website"]
)
def test_disallowed_words_hold_the_comment(public_announcement, settings, field):
    settings.COMMENT_DISALLOWED_WORDS = ["casino"]
    value = {
        "body": "The best CASINO offers today",
        "author_name": "Casino King",
        "author_url": "https://casino.example.org",
    }[field]

    comment = submit_comment(**comment_kwargs(public_announcement, **{field: value}))

    assert comment.status == Comment.Status.PENDING
    assert "casino" in verdict(comment, "disallowed_words")["reason"]


def test_rate_limit_counts_per_address_in_the_cache(public_announcement, settings):
    settings.COMMENT_RATE_LIMIT = 3
    for _ in range(3):
        submit_comment(**comment_kwargs(public_announcement))

    with pytest.raises(RateLimited) as limited:
        submit_comment(**comment_kwargs(public_announcement))
    other_address = comment_kwargs(public_announcement)
    other_address["client"] = ClientInfo(ip="198.51.100.9")
    submit_comment(**other_address)

    assert limited.value.retry_after > 0
    assert Comment.objects.filter(ip="203.0.113.7").count() == 3
    assert Comment.objects.filter(ip="198.51.100.9").count() == 1


def test_rate_limit_window_ends(public_announcement, settings, monkeypatch):
    settings.COMMENT_RATE_LIMIT = 1
    settings.COMMENT_RATE_WINDOW_SECONDS = 60
    submit_comment(**comment_kwargs(public_announcement))
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)

    comment = submit_comment(
        **comment_kwargs(
            public_announcement,
            client=ClientInfo(
                ip="203.0.113.7", form_timestamp=sign_timestamp(later - 60)
            ),
        )
    )

    assert comment.pk is not None


def test_moderator_approval_puts_the_comment_on_the_page(
    client, public_announcement, moderator
):
    comment = submit_comment(
        **comment_kwargs(public_announcement, body="Approved words appear here.")
    )
    page_before = client.get(public_announcement.get_absolute_url()).content.decode()

    changed = approve_comments(
        Comment.objects.filter(pk=comment.pk), moderator=moderator
    )

    comment.refresh_from_db()
    page_after = client.get(public_announcement.get_absolute_url()).content.decode()
    assert changed == 1
    assert comment.moderated_by == moderator
    assert "Approved words appear here." not in page_before
    assert "Approved words appear here." in page_after


def test_moderators_bulk_action_in_the_admin_approves_comments(
    moderator_client, public_announcement
):
    comment = submit_comment(**comment_kwargs(public_announcement))

    response = moderator_client.post(
        reverse("admin:announcements_comment_changelist"),
        {"action": "approve_selected", "_selected_action": [comment.pk]},
    )

    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.status == Comment.Status.APPROVED
