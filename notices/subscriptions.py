"""Subscribing, confirming and leaving; the one path for the form and the API.

The answer to a signup never says whether the address was known: the same
words for a new, a pending and a confirmed subscription, and for an address
that was not mailed because it was mailed in the last confirmation window.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from announcements.moderation import RateLimited
from core.cache_backends import degraded_share

from . import letters
from .models import Mail, Subscription
from .outbox import queue_mail


def check_signup_rate(ip: str | None, email: str) -> None:
    """Count a signup against its client and its address; raise RateLimited past either."""
    if not settings.COMMENT_RATE_LIMIT_ENABLED:
        return
    window = settings.SUBSCRIPTION_RATE_WINDOW_SECONDS
    bucket = int(time.time() // window)
    for key in [f"signup-rate:ip:{ip}:{bucket}", f"signup-rate:to:{email}:{bucket}"]:
        if key.startswith("signup-rate:ip:None"):
            continue
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window + 1)
            count = 1
        if count > degraded_share(settings.SUBSCRIPTION_RATE_LIMIT, cache):
            raise RateLimited(int(window - (time.time() % window)) + 1)


def subscribe(
    *,
    email: str,
    kind: str,
    target=None,
    language: str = "en",
    frequency: str = Subscription.Frequency.IMMEDIATE,
    ip: str | None = None,
) -> None:
    """Record a subscription waiting for confirmation, and mail the link once.

    Raises RateLimited past the limits; says nothing about the address.
    """
    email = email.strip()
    lowered = email.lower()
    check_signup_rate(ip, lowered)
    fields = {"topic": None, "speaker": None, "indicator": None, "action": None}
    if kind != Subscription.Kind.ALL:
        fields[kind] = target
    target_key = Subscription.key_for(kind, fields.get(kind))
    existing = (
        Subscription.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=lowered, target_key=target_key)
        .first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                Subscription.objects.create(
                    email=email,
                    kind=kind,
                    target_key=target_key,
                    language=language,
                    frequency=frequency,
                    **fields,
                )
        except IntegrityError:
            pass  # a concurrent signup made it
    elif existing.confirmed_at is None:
        Subscription.objects.filter(pk=existing.pk).update(
            language=language, frequency=frequency
        )
    send_confirmation(lowered, language)


def pending_for(email: str):
    return Subscription.objects.alias(email_lower=Lower("email")).filter(
        email_lower=email.lower(), confirmed_at__isnull=True
    )


def send_confirmation(email: str, language: str) -> bool:
    """Mail the address its confirmation link, at most once per window."""
    window = datetime.timedelta(hours=settings.SUBSCRIPTION_CONFIRM_HOURS)
    now = timezone.now()
    recently = (
        Mail.objects.alias(to_lower=Lower("to"))
        .filter(
            to_lower=email,
            kind=Mail.Kind.CONFIRMATION,
            created_at__gt=now - window,
        )
        .exists()
    )
    pending = list(pending_for(email))
    if recently or not pending:
        return False
    letter = letters.confirmation(pending[0], language, pending)
    stamp = int(now.timestamp())
    mail = queue_mail(key=f"confirm:{email}:{stamp}", to=email, **letter)
    pending_for(email).update(confirmation_sent_at=now)
    return mail is not None


@transaction.atomic
def confirm(email: str, ids) -> int:
    """Confirm the address's pending subscriptions among `ids`; return how many."""
    return (
        pending_for(email).filter(pk__in=list(ids)).update(confirmed_at=timezone.now())
    )


def unsubscribe(subscription_id: int) -> bool:
    """Delete a subscription (one click, RFC 8058); return whether one went.

    What it held back for the daily digest goes with it: nobody asked for it
    any more.
    """
    with transaction.atomic():
        Mail.objects.filter(
            subscription_id=subscription_id, status=Mail.Status.HELD
        ).delete()
        deleted, _rows = Subscription.objects.filter(pk=subscription_id).delete()
    return bool(deleted)


def for_address(email: str):
    return (
        Subscription.objects.alias(email_lower=Lower("email"))
        .filter(email_lower=email.lower())
        .select_related("topic", "speaker", "indicator", "action")
    )


def delete_expired() -> int:
    """Delete subscriptions never confirmed within the window; return how many.

    The window runs from the last confirmation mail, as its link's does: a
    signup repeated after the first link expired (a worker down meanwhile)
    gets a new link, which must find its subscription still there.
    """
    cutoff = timezone.now() - datetime.timedelta(
        hours=settings.SUBSCRIPTION_CONFIRM_HOURS
    )
    deleted, _rows = (
        Subscription.objects.filter(confirmed_at__isnull=True)
        .filter(
            Q(confirmation_sent_at__lt=cutoff)
            | Q(confirmation_sent_at__isnull=True, created_at__lt=cutoff)
        )
        .delete()
    )
    return deleted


@transaction.atomic
def erase_address(email: str) -> tuple[int, int]:
    """Delete the address's subscriptions and every mail to it; return both counts."""
    lowered = email.strip().lower()
    mails, _rows = (
        Mail.objects.alias(to_lower=Lower("to")).filter(to_lower=lowered).delete()
    )
    subscriptions, _rows = for_address(lowered).delete()
    return subscriptions, mails
