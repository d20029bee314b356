"""The outbox: queue a mail once per reason, send due mail in claimed batches.

A mail is a row before it is a message: queuing is an insert keyed by why
the mail exists (`Mail.key`), so doing the same thing twice queues nothing
new. Workers claim a batch with one conditional UPDATE (no lock is held
while talking to the mail server), send it over one SMTP connection and
mark each mail sent as soon as the server accepted it. A failed send waits
and is retried with doubling back-off; a worker that dies leaves its claim
to expire, and the mail is sent by the next one.
"""

import contextlib
import datetime
import hashlib
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Mail

logger = logging.getLogger(__name__)

RETRY_CEILING_SECONDS = 3600


def deliverable(address: str) -> bool:
    """Return whether mail to this address could ever arrive.

    `.invalid` is reserved never to resolve (RFC 2606); erase_commenter
    leaves comments with `erased-<id>@erased.invalid`.
    """
    _local, at, domain = address.strip().rpartition("@")
    domain = domain.rstrip(".").lower()
    return bool(at and domain) and not (
        domain == "invalid" or domain.endswith(".invalid")
    )


def queue_mail(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    body: str,
    headers: dict | None = None,
    subscription=None,
    held: bool = False,
) -> Mail | None:
    """Store a mail to send, unless one with this key exists; return the new one.

    The worker is told once the transaction around this commits. Nothing is
    queued to an address that cannot receive mail, such as an erased
    commenter's `erased-<id>@erased.invalid`.
    """
    if not deliverable(to):
        return None
    try:
        with transaction.atomic():
            mail = Mail.objects.create(
                key=key[:300],
                kind=kind,
                to=to,
                subject=" ".join(subject.split())[:300],
                body=body,
                headers=headers or {},
                subscription=subscription,
                status=Mail.Status.HELD if held else Mail.Status.QUEUED,
            )
    except IntegrityError:
        return None
    if not held:
        wake_sender()
    return mail


def wake_sender() -> None:
    """Have a worker send due mail once the current transaction commits."""
    from .tasks import deliver_mail

    # Robust: with the task queue away the mail waits in the outbox, and the
    # worker's clock has it sent.
    transaction.on_commit(deliver_mail.enqueue, robust=True)


def message_id(mail: Mail) -> str:
    """Return the mail's Message-ID: the same on every try, so a receiver can
    tell a resend from a new mail."""
    digest = hashlib.sha256(mail.key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
    return f"<{digest}@{domain}>"


def claim_batch(limit: int | None = None) -> tuple[str, list[Mail]]:
    """Claim up to `limit` due mails for this worker; return the claim and them."""
    now = timezone.now()
    token = uuid.uuid4().hex
    due = Mail.objects.filter(
        status__in=[Mail.Status.QUEUED, Mail.Status.RETRYING],
        next_attempt_at__lte=now,
    ).order_by("next_attempt_at", "id")
    ids = list(due.values_list("pk", flat=True)[: limit or settings.MAIL_BATCH_SIZE])
    if not ids:
        return token, []
    # Conditional: a row another worker claimed meanwhile is not taken twice.
    Mail.objects.filter(
        pk__in=ids, status__in=[Mail.Status.QUEUED, Mail.Status.RETRYING]
    ).update(
        status=Mail.Status.SENDING,
        claim=token,
        claimed_until=now + datetime.timedelta(seconds=settings.MAIL_CLAIM_SECONDS),
    )
    return token, list(Mail.objects.filter(claim=token, status=Mail.Status.SENDING))


def release_expired_claims() -> int:
    """Give back mails whose worker died while sending them; return how many."""
    return Mail.objects.filter(
        status=Mail.Status.SENDING, claimed_until__lt=timezone.now()
    ).update(status=Mail.Status.RETRYING, claim="", claimed_until=None)


def build_message(mail: Mail, connection) -> EmailMessage:
    headers = {"Message-ID": message_id(mail), **mail.headers}
    return EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=headers,
        connection=connection,
    )


def is_permanent(error: Exception) -> bool:
    """Return whether the server refused the mail for good (a 5xx answer)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def retry_delay(attempts: int) -> datetime.timedelta:
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, RETRY_CEILING_SECONDS))


def send_batch() -> tuple[int, int]:
    """Send one claimed batch of due mail; return (claimed, sent)."""
    token, batch = claim_batch()
    if not batch:
        return 0, 0
    sent = 0
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        for mail in batch:
            _failed(mail, token, error, permanent=False)
        return len(batch), 0
    try:
        for position, mail in enumerate(batch):
            try:
                build_message(mail, connection).send()
            except (OSError, smtplib.SMTPException) as error:
                permanent = is_permanent(error)
                _failed(mail, token, error, permanent=permanent)
                if permanent:
                    continue
                # The server went away: the rest of the batch waits with it.
                for rest in batch[position + 1 :]:
                    _failed(rest, token, error, permanent=False, counted=False)
                break
            else:
                Mail.objects.filter(pk=mail.pk, claim=token).update(
                    status=Mail.Status.SENT,
                    sent_at=timezone.now(),
                    attempts=mail.attempts + 1,
                    claim="",
                    claimed_until=None,
                    last_error="",
                )
                sent += 1
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.close()
    return len(batch), sent


def _failed(mail, token, error, *, permanent: bool, counted: bool = True) -> None:
    attempts = mail.attempts + (1 if counted else 0)
    gave_up = permanent or attempts >= settings.MAIL_MAX_ATTEMPTS
    Mail.objects.filter(pk=mail.pk, claim=token).update(
        status=Mail.Status.FAILED if gave_up else Mail.Status.RETRYING,
        attempts=attempts,
        next_attempt_at=timezone.now() + retry_delay(attempts),
        claim="",
        claimed_until=None,
        last_error=f"{type(error).__name__}: {error}"[:500],
    )
    log = logger.error if gave_up else logger.warning
    log(
        "Mail %s %s: %s",
        mail.pk,
        "given up" if gave_up else f"will be retried (attempt {attempts})",
        error,
        extra={"dependency": "mail", "error": str(error)},
    )


def next_retry_at():
    """Return when the earliest mail waiting to be retried is due, or None."""
    return (
        Mail.objects.filter(status=Mail.Status.RETRYING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def has_due_mail() -> bool:
    return Mail.objects.filter(
        status__in=[Mail.Status.QUEUED, Mail.Status.RETRYING],
        next_attempt_at__lte=timezone.now(),
    ).exists()
