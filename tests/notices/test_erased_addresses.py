"""No notice, alert or digest is ever queued to an erased commenter's address.

erase_commenter anonymises comments to `erased-<id>@erased.invalid`; a notice
asked for before the erasure, a reply to an erased comment, or a
subscription to such an address must not make a mail to it.
"""

import pytest
from django.core.management import call_command
from django.utils import timezone

from announcements.models import Comment
from announcements.moderation import approve_comments
from notices import outbox
from notices.models import CommentNotice, Mail, Subscription
from notices.tasks import send_daily_digests
from tests.factories import AnnouncementFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_address_check():
    assert outbox.deliverable("reader@example.org")
    assert not outbox.deliverable("erased-12@erased.invalid")
    assert not outbox.deliverable("Erased-12@ERASED.INVALID.")
    assert not outbox.deliverable("someone@invalid")
    assert not outbox.deliverable("nobody")


def test_no_notice_goes_to_an_erased_commenter(smtp, run_worker, moderator):
    text = AnnouncementFactory(published=True)
    pending = CommentFactory(
        announcement=text, author_email="gone@example.org", status="pending"
    )
    answered = CommentFactory(
        announcement=text, author_email="gone@example.org", status="approved"
    )
    CommentNotice.objects.create(comment=pending)
    CommentNotice.objects.create(comment=answered)

    call_command("erase_commenter", "gone@example.org")
    erased = set(
        Comment.objects.filter(pk__in=[pending.pk, answered.pk]).values_list(
            "author_email", flat=True
        )
    )
    assert all(address.endswith("@erased.invalid") for address in erased)

    # The erased comment is approved, and someone answers the other one.
    approve_comments(Comment.objects.filter(pk=pending.pk), moderator=moderator)
    reply = CommentFactory(
        announcement=text,
        parent=answered,
        author_email="other@example.org",
        status=Comment.Status.APPROVED,
    )
    reply.save()
    run_worker()

    assert not Mail.objects.filter(to__iendswith=".invalid").exists()
    assert not [m for m in smtp.inbox.messages if "invalid" in m["To"].lower()]


def test_no_alert_or_digest_goes_to_an_invalid_address(smtp, run_worker):
    now = timezone.now()
    for address, frequency in [
        ("erased-1@erased.invalid", "immediate"),
        ("erased-2@erased.invalid", "daily"),
        ("kept@example.org", "immediate"),
    ]:
        Subscription.objects.create(
            email=address,
            kind="all",
            target_key="all",
            frequency=frequency,
            confirmed_at=now,
        )
    AnnouncementFactory(published=True, title="Out now")
    run_worker()
    send_daily_digests()
    run_worker()

    assert not Mail.objects.filter(to__iendswith=".invalid").exists()
    assert [m["To"] for m in smtp.inbox.messages] == ["kept@example.org"]
    assert (
        outbox.queue_mail(
            key="t", kind="test", to="erased-3@erased.invalid", subject="s", body="b"
        )
        is None
    )
    assert not Mail.objects.filter(key="t").exists()
