"""erase_commenter and purge_comment_ips: the privacy tools (issue 7)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from announcements.models import Comment
from tests.factories import AnnouncementFactory, CommentFactory

pytestmark = pytest.mark.django_db

EMAIL = "Zhang.Wei@Example.org"


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def announcement():
    return AnnouncementFactory(published=True)


@pytest.fixture
def zhang_comments(announcement):
    first = CommentFactory(
        announcement=announcement,
        author_name="Zhang Wei",
        author_email=EMAIL,
        author_url="https://zhang.example.org/",
        ip="203.0.113.9",
        user_agent="Firefox/128",
    )
    second = CommentFactory(
        announcement=announcement,
        author_name="Z. Wei",
        author_email=EMAIL.lower(),
        ip="203.0.113.9",
        user_agent="Firefox/128",
        status=Comment.Status.PENDING,
    )
    return [first, second]


def test_erase_commenter_anonymises_every_comment_by_that_email_and_reports_how_many(
    zhang_comments, announcement
):
    bystander = CommentFactory(announcement=announcement, ip="198.51.100.1")

    output = run("erase_commenter", "zhang.wei@example.ORG")

    assert "Anonymised 2 comments" in output
    assert not Comment.objects.filter(author_email__iexact=EMAIL).exists()
    for comment in Comment.objects.filter(pk__in=[c.pk for c in zhang_comments]):
        assert comment.author_name == "Anonymous"
        assert "zhang" not in comment.author_email.lower()
        assert comment.author_url == ""
        assert comment.ip is None
        assert comment.user_agent == ""
        # What was said stays; who said it goes.
        assert comment.body == "A thoughtful question about the figures."
    bystander.refresh_from_db()
    assert bystander.ip == "198.51.100.1"


def test_anonymised_comments_no_longer_vouch_for_a_new_comment_with_that_email(
    zhang_comments,
):
    run("erase_commenter", EMAIL)

    emails = list(Comment.objects.values_list("author_email", flat=True))
    assert len(set(emails)) == len(emails)
    assert not Comment.objects.approved().by_author_email(EMAIL).exists()


def test_erase_commenter_delete_removes_the_comments_but_keeps_other_peoples_replies(
    zhang_comments, announcement
):
    reply = CommentFactory(
        announcement=announcement, parent=zhang_comments[0], body="I agree."
    )

    output = run("erase_commenter", EMAIL, "--delete")

    assert "Deleted 2 comments" in output
    assert not Comment.objects.filter(pk__in=[c.pk for c in zhang_comments]).exists()
    reply.refresh_from_db()
    assert reply.parent is None
    assert reply.body == "I agree."


def test_erase_commenter_reports_zero_for_an_unknown_email(zhang_comments):
    output = run("erase_commenter", "nobody@example.org")

    assert "Anonymised 0 comments" in output
    assert Comment.objects.by_author_email(EMAIL).count() == 2


def test_erase_commenter_refuses_something_that_is_not_an_email(zhang_comments):
    with pytest.raises(CommandError, match="not an email address"):
        run("erase_commenter", "%")

    assert Comment.objects.by_author_email(EMAIL).count() == 2


def test_purge_comment_ips_clears_addresses_and_user_agents_older_than_the_cutoff(
    announcement,
):
    now = timezone.now()
    old = CommentFactory(
        announcement=announcement,
        ip="203.0.113.1",
        user_agent="Old browser",
        created_at=now - datetime.timedelta(days=40),
    )
    recent = CommentFactory(
        announcement=announcement,
        ip="203.0.113.2",
        user_agent="New browser",
        created_at=now - datetime.timedelta(days=5),
    )

    output = run("purge_comment_ips", "--older-than", "30")

    assert "of 1 comment older than 30 days" in output
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip, old.user_agent) == (None, "")
    assert (recent.ip, recent.user_agent) == ("203.0.113.2", "New browser")
    assert old.body and old.author_email


def test_purge_comment_ips_requires_a_non_negative_age():
    with pytest.raises(CommandError):
        run("purge_comment_ips", "--older-than", "-1")
    with pytest.raises(CommandError):
        run("purge_comment_ips")
