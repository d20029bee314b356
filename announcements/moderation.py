"""The one comment-moderation path, used by the form, the API and the admin.

Every submission runs each spam rule; each rule returns a verdict that is
stored on the comment, so a moderator sees why a comment was held. The
default policy is WordPress's: hold for moderation, except that an author
whose email already has an approved comment is approved at once unless a
rule fires.
"""

import datetime
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core import cache as page_cache
from core.cache_backends import degraded_share
from core.clients import client_ip

from .models import Announcement, Comment, as_uri

TIMESTAMP_SALT = "announcements.comment-form-timestamp"

# Moderation changes comments with update(), which sends no post_save: sent
# with the changed comments' `pks` and their new `status` instead.
comments_moderated = Signal()
# A commenter ticked "email me": sent with the `comment` and the page's `language`.
comment_notice_requested = Signal()
LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)


class CommentsClosed(Exception):
    """Raised when a text does not take comments (closed, or not public)."""

    def __init__(self, announcement):
        super().__init__(f"Comments are closed on {announcement.slug!r}.")
        self.announcement = announcement


class RateLimited(Exception):
    """Raised when one address sends more comments than the window allows."""

    def __init__(self, retry_after: int):
        super().__init__(f"Too many comments; retry after {retry_after} s.")
        self.retry_after = retry_after


@dataclass(frozen=True)
class ClientInfo:
    ip: str | None
    user_agent: str = ""
    honeypot: str = ""
    # The signed timestamp the form carried; None for API clients, which have
    # no form to render and are held back by the rate limit instead.
    form_timestamp: str | None = None

    @classmethod
    def from_request(cls, request, *, honeypot: str = "", form_timestamp=None):
        return cls(
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
            honeypot=honeypot,
            form_timestamp=form_timestamp,
        )


def sign_timestamp(now: float | None = None) -> str:
    """Return a tamper-proof token of the moment a comment form was rendered."""
    return signing.dumps(
        int(now if now is not None else time.time()), salt=TIMESTAMP_SALT
    )


# --- Spam rules: each takes the unsaved comment and the client, returns a verdict.


def _verdict(rule: str, passed: bool, reason: str = "") -> dict:
    return {"rule": rule, "passed": passed, "reason": "" if passed else reason}


def honeypot_rule(comment: Comment, client: ClientInfo) -> dict:
    filled = bool(client.honeypot.strip())
    return _verdict(
        "honeypot", not filled, _("A field hidden from people was filled in.")
    )


def timestamp_rule(comment: Comment, client: ClientInfo) -> dict:
    if client.form_timestamp is None:
        return _verdict("timestamp", True)
    try:
        rendered_at = signing.loads(client.form_timestamp, salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return _verdict(
            "timestamp", False, _("The form's timestamp was missing or forged.")
        )
    elapsed = time.time() - int(rendered_at)
    if elapsed < settings.COMMENT_MIN_SECONDS:
        return _verdict(
            "timestamp",
            False,
            _("The form was sent back %(s)d s after it was shown.")
            % {"s": max(elapsed, 0)},
        )
    if elapsed > settings.COMMENT_MAX_AGE_SECONDS:
        return _verdict("timestamp", False, _("The form was older than allowed."))
    return _verdict("timestamp", True)


def too_many_links_rule(comment: Comment, client: ClientInfo) -> dict:
    links = len(LINK_PATTERN.findall(comment.body))
    limit = settings.COMMENT_MAX_LINKS
    return _verdict(
        "links",
        links <= limit,
        _("%(links)d links (at most %(limit)d allowed).")
        % {"links": links, "limit": limit},
    )


def disallowed_words_rule(comment: Comment, client: ClientInfo) -> dict:
    text = " ".join([comment.author_name, comment.author_url, comment.body]).lower()
    found = [word for word in settings.COMMENT_DISALLOWED_WORDS if word.lower() in text]
    return _verdict(
        "disallowed_words",
        not found,
        _("Contains disallowed words: %(words)s.") % {"words": ", ".join(found)},
    )


SPAM_RULES = [honeypot_rule, timestamp_rule, too_many_links_rule, disallowed_words_rule]
# Rules whose failure means a bot for certain: the comment is stored as spam.
SPAM_CERTAIN_RULES = {"honeypot", "timestamp"}


def check_rate_limit(client: ClientInfo) -> None:
    """Count this submission against its IP; raise RateLimited past the limit.

    The counter lives in the shared cache, so the limit holds across worker
    processes and servers.
    """
    if not settings.COMMENT_RATE_LIMIT_ENABLED or not client.ip:
        return
    window = settings.COMMENT_RATE_WINDOW_SECONDS
    bucket = int(time.time() // window)
    key = f"comment-rate:{client.ip}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window + 1)
        count = 1
    # While Redis is away each process counts alone, so each gets a share.
    if count > degraded_share(settings.COMMENT_RATE_LIMIT, cache):
        retry_after = int(window - (time.time() % window)) + 1
        raise RateLimited(retry_after)


def decide_status(comment: Comment, verdicts: list[dict]) -> str:
    """Return the status the verdicts and the author's record call for."""
    failed = {v["rule"] for v in verdicts if not v["passed"]}
    if failed & SPAM_CERTAIN_RULES:
        return Comment.Status.SPAM
    if failed:
        return Comment.Status.PENDING
    known_author = (
        Comment.objects.approved().by_author_email(comment.author_email).exists()
    )
    return Comment.Status.APPROVED if known_author else Comment.Status.PENDING


def submit_comment(
    *,
    announcement: Announcement,
    author_name: str,
    author_email: str,
    body: str,
    author_url: str = "",
    parent: Comment | None = None,
    client: ClientInfo,
) -> Comment:
    """Store a comment with each spam rule's verdict; publish only if allowed.

    Raises CommentsClosed, RateLimited, or ValidationError for bad fields;
    nothing is stored in those cases. The one write is the INSERT at the end:
    checks run outside any transaction, so on SQLite the database's write
    lock is held for the insert alone, not for the checks' reads.
    """
    if not announcement.accepts_comments():
        raise CommentsClosed(announcement)
    comment = Comment(
        announcement=announcement,
        parent=parent,
        author_name=author_name.strip(),
        author_email=author_email.strip(),
        author_url=as_uri(author_url.strip()),
        body=body.strip(),
        ip=client.ip,
        user_agent=client.user_agent[:500],
    )
    # The field validators enforce what the table's check constraints do
    # (the database keeps them as the backstop), so constraint validation,
    # a query per constraint, is skipped; so are the two foreign keys, which
    # hold rows this request has just read.
    comment.full_clean(
        exclude=["status", "verdicts", "announcement", "parent"],
        validate_constraints=False,
    )
    check_rate_limit(client)
    comment.verdicts = [rule(comment, client) for rule in SPAM_RULES]
    comment.status = decide_status(comment, comment.verdicts)
    comment.save()
    return comment


def _moderate(comments, *, status: str, moderator, reason: str = "") -> int:
    changing = comments.exclude(status=status)
    # update() sends no signals: name the texts whose pages change.
    page_cache.invalidate(
        *{
            page_cache.object_key(Announcement, pk)
            for pk in changing.values_list("announcement_id", flat=True)
        }
    )
    pks = list(changing.values_list("pk", flat=True))
    count = changing.update(
        status=status,
        moderated_by=moderator,
        moderated_at=timezone.now(),
        moderation_reason=reason[:300],
    )
    comments_moderated.send(sender=Comment, pks=pks, status=status)
    return count


@transaction.atomic
def approve_comments(comments, *, moderator) -> int:
    """Approve the given comments; return how many changed."""
    return _moderate(comments, status=Comment.Status.APPROVED, moderator=moderator)


@transaction.atomic
def mark_spam(comments, *, moderator) -> int:
    """Mark the given comments as spam; return how many changed."""
    return _moderate(comments, status=Comment.Status.SPAM, moderator=moderator)


@transaction.atomic
def remove_comments(comments, *, moderator, reason: str = "") -> int:
    """Take the given comments off the site; return how many changed."""
    return _moderate(
        comments, status=Comment.Status.REMOVED, moderator=moderator, reason=reason
    )


@transaction.atomic
def erase_commenter(email: str, *, delete: bool = False) -> int:
    """Anonymise (or delete) every comment left with this email; return the count."""
    page_cache.invalidate_all()
    comments = Comment.objects.by_author_email(email)
    if delete:
        # Other people's replies are theirs, not this person's: they become
        # top-level comments instead of going with the parent (CASCADE).
        Comment.objects.filter(parent__in=comments).exclude(
            pk__in=comments.values("pk")
        ).update(parent=None)
        count, _deleted_by_model = comments.delete()
        return count
    return comments.update(
        author_name=_("Anonymous"),
        # Unique per row, so erased comments never vouch for a new author.
        author_email=Concat(
            Value("erased-"), Cast("id", CharField()), Value("@erased.invalid")
        ),
        author_url="",
        ip=None,
        user_agent="",
    )


@transaction.atomic
def purge_comment_ips(*, older_than_days: int) -> int:
    """Clear stored IPs and user agents of comments older than the given age."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .exclude(ip__isnull=True, user_agent="")
        .update(ip=None, user_agent="")
    )
