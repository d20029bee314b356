"""The worker's tasks (django-tasks): sending mail, fanning out events, the clock.

Each task is safe to run twice and to be cut off half-way: the rows it works
on (mails, events) carry their own state and claims, so a rerun finishes
the job without repeating what was done.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from announcements.models import Comment
from core.tasks import backlog as queue_backlog

from . import events, letters, outbox, subscriptions
from .links import absolute
from .models import Mail, Subscription

logger = logging.getLogger(__name__)

# Batches one task sends before handing over, so one long backlog does not
# keep a worker from other queues' tasks.
BATCHES_PER_TASK = 20


@task()
def deliver_mail() -> int:
    """Send due mail in batches; return how many were sent."""
    sent = 0
    for _batch in range(BATCHES_PER_TASK):
        claimed, delivered = outbox.send_batch()
        sent += delivered
        if claimed == 0 or delivered < claimed:
            break
    return sent


@task()
def fan_out(event_id: int) -> int:
    """Queue the alerts of one event; return how many."""
    return events.fan_out(event_id)


@task()
def notify_commenters(pks: list[int]) -> int:
    """Queue the notices of approved comments (and of their replies)."""
    return events.notify_about_comments(pks)


def send_moderation_digest() -> int:
    """Mail Moderators and Editors the held comments, if any; return mails queued."""
    held = list(
        Comment.objects.pending()
        .select_related("announcement")
        .only("created_at", "verdicts", "announcement__title")
        .order_by("created_at")[:200]
    )
    if not held or not events.moderation_digest_due():
        return 0
    # Whoever may moderate: Moderators and Editors (through their groups'
    # permission), or anyone given it directly.
    moderate = {
        "content_type__app_label": "announcements",
        "codename": "change_comment",
    }
    staff = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__permissions__in=Permission.objects.filter(**moderate))
            | Q(user_permissions__in=Permission.objects.filter(**moderate))
            | Q(is_superuser=True)
        )
        .exclude(email="")
        .distinct()
    )
    from django.urls import reverse

    queue_url = absolute(reverse("admin:announcements_comment_changelist"))
    queue_url += "?status__exact=pending"
    stamp = timezone.now().strftime("%Y%m%d%H%M")
    queued = 0
    for user in staff:
        letter = letters.moderation_digest(held, settings.LANGUAGE_CODE, queue_url)
        queued += bool(
            outbox.queue_mail(
                key=f"moderation:{stamp}:{user.pk}", to=user.email, **letter
            )
        )
    return queued


def send_daily_digests() -> int:
    """Once a day, gather each daily subscriber's held alerts into one mail."""
    row = events.clock()
    today = timezone.localdate()
    if row.daily_digest_on == today:
        return 0
    claimed = (
        type(row)
        .objects.filter(pk=row.pk)
        .filter(Q(daily_digest_on__isnull=True) | Q(daily_digest_on__lt=today))
        .update(daily_digest_on=today)
    )
    if not claimed:
        return 0
    held = Mail.objects.filter(status=Mail.Status.HELD).order_by("to", "id")
    by_address: dict[str, list[Mail]] = {}
    for mail in held.select_related("subscription"):
        by_address.setdefault(mail.to.lower(), []).append(mail)
    queued = 0
    for address, mails in by_address.items():
        subscription = next(
            (m.subscription for m in mails if m.subscription is not None), None
        )
        if subscription is None:
            continue
        letter = letters.daily_digest(subscription, mails)
        queued += bool(
            outbox.queue_mail(
                key=f"digest:{today}:{address}",
                to=subscription.email,
                subscription=subscription,
                **letter,
            )
        )
        Mail.objects.filter(pk__in=[m.pk for m in mails]).update(
            status=Mail.Status.DIGESTED
        )
    return queued


def tick() -> dict:
    """Do the worker's periodic work once; return what was done.

    Scheduled texts that went public, mail claims of dead workers, fan-outs
    cut off half-way, due retries, the moderators' digest, the daily
    digests and unconfirmed subscriptions past their time.
    """
    done = {
        "scheduled": events.texts_gone_public_by_schedule(),
        "released": outbox.release_expired_claims(),
        "resumed": 0,
        "moderation": 0,
        "daily": 0,
        "expired": subscriptions.delete_expired(),
    }
    for event_id in events.unfinished_events().values_list("pk", flat=True)[:20]:
        events.fan_out(event_id)
        done["resumed"] += 1
    done["moderation"] = send_moderation_digest()
    if Subscription.objects.filter(frequency=Subscription.Frequency.DAILY).exists():
        done["daily"] = send_daily_digests()
    if outbox.has_due_mail():
        deliver_mail.enqueue()
    return done


def backlog() -> dict:
    """Return mail waiting and the age of the oldest, for health checks."""
    waiting = Mail.objects.filter(
        status__in=[Mail.Status.QUEUED, Mail.Status.RETRYING, Mail.Status.SENDING]
    )
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    failing = Mail.objects.filter(
        status=Mail.Status.RETRYING,
        next_attempt_at__gt=timezone.now() - datetime.timedelta(hours=1),
    ).count()
    return {"waiting": waiting.count(), "oldest_seconds": int(age), "retrying": failing}


# Mail older than this in the outbox means no worker is sending.
STALLED_AFTER_SECONDS = 600


def readiness() -> dict:
    """The task queue's and the outbox's state, for /readyz."""
    tasks_waiting, task_age = queue_backlog()
    mail = backlog()
    stalled = max(task_age, mail["oldest_seconds"]) > STALLED_AFTER_SECONDS
    return {
        "status": "degraded" if stalled or mail["retrying"] else "up",
        "tasks_waiting": tasks_waiting,
        "oldest_task_seconds": int(task_age),
        "mail_waiting": mail["waiting"],
        "oldest_mail_seconds": mail["oldest_seconds"],
        "mail_retrying": mail["retrying"],
    }
