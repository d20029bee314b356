"""Alerts, commenters' notices, the moderators' digest, and the mail server failing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from announcements.models import Comment
from announcements.moderation import approve_comments
from announcements.roles import MODERATORS, ensure_roles
from notices import outbox
from notices.models import CommentNotice, Mail, Subscription
from notices.subscriptions import subscribe
from notices.tasks import tick
from tests.factories import AnnouncementFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def confirmed(email, **kwargs):
    subscribe(email=email, kind=kwargs.pop("kind", "all"), **kwargs)
    Subscription.objects.filter(email=email).update(confirmed_at=timezone.now())


def test_a_scheduled_text_alerts_once_when_it_goes_live_by_itself(smtp, run_worker):
    confirmed("a@example.org")
    text = AnnouncementFactory(scheduled=True, title="Later")
    run_worker()
    assert [m["Subject"] for m in smtp.inbox.to("a@example.org")] == [
        "Confirm your subscription"
    ]

    type(text).objects.filter(pk=text.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    tick()
    tick()
    run_worker()

    subjects = [m["Subject"] for m in smtp.inbox.to("a@example.org")]
    assert subjects == ["Confirm your subscription", "New: Later"]


def test_nothing_but_the_confirmation_goes_to_an_unconfirmed_address(smtp, run_worker):
    subscribe(email="b@example.org", kind="all")
    subscribe(email="b@example.org", kind="all")
    AnnouncementFactory(published=True)
    run_worker()

    assert [m["Subject"] for m in smtp.inbox.to("b@example.org")] == [
        "Confirm your subscription"
    ]


def test_every_mail_arrives_exactly_once_across_a_mail_server_outage(
    smtp, run_worker, settings
):
    for n in range(6):
        outbox.queue_mail(
            key=f"t:{n}", kind="test", to=f"r{n}@example.org", subject="s", body="b"
        )
    smtp.stop()
    run_worker()
    assert set(Mail.objects.values_list("status", flat=True)) == {"retrying"}

    smtp.start()
    settings.MAIL_BATCH_SIZE = 2
    Mail.objects.update(next_attempt_at=timezone.now())
    sent, _claims = 0, outbox.send_batch()
    smtp.stop()
    outbox.send_batch()
    smtp.start()
    Mail.objects.update(next_attempt_at=timezone.now())
    tick()
    run_worker()

    received = sorted(m["To"] for m in smtp.inbox.messages)
    assert received == [f"r{n}@example.org" for n in range(6)]
    assert set(Mail.objects.values_list("status", flat=True)) == {"sent"}
    assert sent == 0


def test_a_claim_left_by_a_dead_worker_is_sent_once_by_the_next(smtp, settings):
    for n in range(3):
        outbox.queue_mail(
            key=f"d:{n}", kind="test", to=f"d{n}@example.org", subject="s", body="b"
        )
    outbox.claim_batch()  # a worker claims the batch, then dies
    assert outbox.send_batch() == (0, 0)

    Mail.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    tick()
    outbox.send_batch()
    outbox.send_batch()

    assert sorted(m["To"] for m in smtp.inbox.messages) == [
        f"d{n}@example.org" for n in range(3)
    ]


def test_a_commenter_who_asked_hears_of_approval_and_of_a_reply(
    client, smtp, run_worker, moderator
):
    text = AnnouncementFactory(published=True)
    comment = CommentFactory(
        announcement=text, author_email="c@example.org", status=Comment.Status.PENDING
    )
    CommentNotice.objects.create(comment=comment)
    approve_comments(Comment.objects.filter(pk=comment.pk), moderator=moderator)
    run_worker()
    reply = CommentFactory(
        announcement=text,
        parent=comment,
        author_email="d@example.org",
        status=Comment.Status.APPROVED,
    )
    reply.save()
    run_worker()

    subjects = [m["Subject"] for m in smtp.inbox.to("c@example.org")]
    assert subjects[0] == "Your comment is published"
    assert subjects[1].endswith("answered your comment")
    assert len(subjects) == 2
    assert f"#comment-{comment.pk}" in smtp.inbox.to("c@example.org")[0].get_content()
    assert smtp.inbox.to("d@example.org") == []


def test_moderators_get_one_digest_of_held_comments_an_hour(smtp, run_worker):
    ensure_roles()
    UserFactory(username="m1", email="m1@example.org", roles=[MODERATORS])
    text = AnnouncementFactory(published=True)
    CommentFactory(
        announcement=text,
        status=Comment.Status.PENDING,
        verdicts=[{"rule": "links", "passed": False, "reason": "3 links"}],
    )
    tick()
    tick()
    run_worker()

    CommentFactory(announcement=text, status=Comment.Status.PENDING)
    tick()
    run_worker()

    [digest] = smtp.inbox.to("m1@example.org")
    assert digest["Subject"] == "1 comment awaiting moderation"
    assert "3 links" in digest.get_content()


def test_erase_email_removes_subscriptions_and_mail(smtp):
    confirmed("e@example.org")
    outbox.queue_mail(key="x", kind="test", to="E@example.org", subject="s", body="b")

    call_command("erase_email", "e@example.org")

    assert not Subscription.objects.exists()
    assert not Mail.objects.exists()
