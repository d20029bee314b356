"""With the task queue in Redis (TASKS_BACKEND=rq) and that Redis down, the site
still takes subscriptions and approvals: the rows are stored, the worker's
clock sends them later, and /readyz says the queue is away."""

import logging

import pytest

from announcements import moderation
from announcements.models import Comment
from notices.models import Event, Mail
from tests.factories import AnnouncementFactory, CommentFactory, TopicFactory
from tests.reliability.servers import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue_away(settings):
    """RQ as the task queue, on a port where no Redis listens."""
    settings.RQ_QUEUES = {
        "default": {
            "URL": f"redis://127.0.0.1:{free_port()}/15?socket_connect_timeout=1"
        }
    }
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }


def test_a_subscription_is_taken_and_its_mail_waits_while_redis_is_down(
    client, queue_away, caplog
):
    TopicFactory(slug="economy")

    with caplog.at_level(logging.ERROR, logger="django.db.backends"):
        answer = client.post(
            "/api/v1/subscriptions/",
            {"email": "reader@example.org", "kind": "topic", "target": "economy"},
            content_type="application/json",
        )
    ready = client.get("/readyz").json()

    assert answer.status_code == 202
    assert Mail.objects.filter(
        kind=Mail.Kind.CONFIRMATION, status=Mail.Status.QUEUED
    ).exists()
    assert "ConnectionError" in caplog.text
    assert ready["checks"]["tasks"]["status"] == "degraded"
    assert ready["checks"]["tasks"]["error"] == "ConnectionError"


def test_publishing_and_approving_answer_while_redis_is_down(queue_away, moderator):
    text = AnnouncementFactory(published=True)
    comment = CommentFactory(announcement=text, status=Comment.Status.PENDING)

    moderation.approve_comments(
        Comment.objects.filter(pk=comment.pk), moderator=moderator
    )

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    # Left for the clock, which resumes every event not fanned out.
    assert Event.objects.filter(announcement=text, fanned_out_at__isnull=True).exists()
