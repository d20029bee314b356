"""The second pair of eyes before publishing (issue 17, GOV.UK's "2i").

With ``REQUIRE_SECOND_EDITOR`` on, an Editor sends a text to review; another
Editor publishes it or sends it back with a note; the author (who wrote it or
sent it) cannot publish it. A Publisher (the ``publish_without_review``
permission; superusers have it) may publish at once with a reason, which the
history keeps. Scheduling is publishing: a text with a future ``published_at``
goes live with no one looking again.

Every path that changes a text's status (the admin's form, its actions and
review page, the API) asks `refusal()` first and calls `stamp()` before
saving, so the rule has one definition. `transition()` does both for a
status change alone, in one transaction.
"""

import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Announcement

Status = Announcement.Status

# What a reviewer reads: a change to any of these after the text was sent to
# review (or after the reviewer opened it) means they must look again.
REVIEWED_FIELDS = (
    "title",
    "slug",
    "kind",
    "held_on",
    "organizer",
    "venue",
    "summary",
    "body",
    "source_name",
    "source_url",
    "language",
)


# What `stamp` records of a status change.
STAMPED_FIELDS = (
    "review_requested_by",
    "review_requested_at",
    "review_digest",
    "review_note",
    "published_by",
    "publish_reason",
    "published_at",
)

# simple_history keeps a change reason of at most 100 characters; the whole
# reason stays in `publish_reason` (and `review_note`), which history keeps too.
CHANGE_REASON_LENGTH = 100


class ReviewRefused(Exception):
    """A status change the rule does not allow, with the reason for the editor.

    `conflict` is True when the text changed under the reviewer (look again),
    False when this user may not do it at all.
    """

    def __init__(self, message: str, *, conflict: bool = False):
        super().__init__(message)
        self.message = message
        self.conflict = conflict


def second_editor_required() -> bool:
    return getattr(settings, "REQUIRE_SECOND_EDITOR", False)


def may_publish_alone(user) -> bool:
    """Return whether `user` may publish without another editor's review."""
    return user.has_perm("announcements.publish_without_review")


def digest(announcement) -> str:
    """Return a fingerprint of what a reviewer reads of the text."""
    values = {name: str(getattr(announcement, name) or "") for name in REVIEWED_FIELDS}
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def is_own(announcement, user) -> bool:
    """Return whether `user` wrote the text or sent it to review."""
    return user.pk is not None and user.pk in {
        announcement.created_by_id,
        announcement.review_requested_by_id,
    }


def changed_since_request(announcement) -> bool:
    return (
        announcement.status == Status.IN_REVIEW
        and bool(announcement.review_digest)
        and announcement.review_digest != digest(announcement)
    )


def is_reviewed_by(announcement, user) -> bool:
    """Return whether publishing it now would be `user`'s review of another's text."""
    return announcement.status == Status.IN_REVIEW and not is_own(announcement, user)


def refusal(
    current, new_status, user, *, reason="", note="", seen_version=None
) -> ReviewRefused | None:
    """Return why `user` may not move the text from its stored state, or None.

    `current` is the text as stored (before the change); `seen_version` the
    digest of what the user looked at when they decided, if known.
    """
    old_status = current.status if current.pk else None
    if new_status == old_status:
        return None
    if new_status == Status.IN_REVIEW:
        if old_status == Status.PUBLISHED:
            return ReviewRefused(
                _("A published text is already public: withdraw it or edit it.")
            )
        return None
    if old_status == Status.IN_REVIEW and new_status == Status.DRAFT:
        if not is_own(current, user) and not note.strip():
            return ReviewRefused(_("Say what the author should change."))
        return None
    if new_status != Status.PUBLISHED:
        return None
    if seen_version and current.pk and seen_version != digest(current):
        return ReviewRefused(
            _("The text changed since you opened it: read it again, then publish."),
            conflict=True,
        )
    if not second_editor_required():
        return None
    if is_reviewed_by(current, user):
        if seen_version is None and changed_since_request(current):
            return ReviewRefused(
                _(
                    "The text changed since it was sent for review: read the "
                    "changes, then publish."
                ),
                conflict=True,
            )
        return None
    if may_publish_alone(user):
        if not reason.strip():
            return ReviewRefused(
                _(
                    "Publishing without a second editor's review needs a reason; "
                    "it is kept in the history."
                )
            )
        return None
    if old_status == Status.IN_REVIEW:
        return ReviewRefused(
            _(
                "You cannot publish your own text: another editor must review "
                "it. Scheduling counts as publishing."
            )
        )
    return ReviewRefused(
        _(
            "A second editor must review this text before it is published "
            "(or scheduled): send it to review."
        )
    )


def stamp(obj, old_status, user, *, reason="", note="", reviewed=False) -> None:
    """Record on `obj` (not yet saved) who moved it to its new status, and why.

    `reviewed` is whether the publisher reviewed another's text (else a
    reason given is the reason for publishing alone).
    """
    new_status = obj.status
    if new_status == old_status:
        return
    now = timezone.now()
    if new_status == Status.IN_REVIEW:
        obj.review_requested_by = user
        obj.review_requested_at = now
        obj.review_digest = digest(obj)
        obj.review_note = ""
        obj._change_reason = _("Sent to review")
    elif old_status == Status.IN_REVIEW and new_status == Status.DRAFT:
        obj.review_note = note.strip()
        obj.review_digest = ""
        obj._change_reason = (
            _("Sent back: %(note)s") % {"note": obj.review_note}
            if obj.review_note
            else _("Taken back from review")
        )
    elif new_status == Status.PUBLISHED:
        obj.published_at = obj.published_at or now
        obj.published_by = user
        obj.review_digest = ""
        obj.review_note = ""
        if reviewed:
            obj.publish_reason = ""
            obj._change_reason = _("Reviewed and published")
        elif reason.strip():
            obj.publish_reason = reason.strip()
            obj._change_reason = _("Published without review: %(reason)s") % {
                "reason": obj.publish_reason
            }
        else:
            obj.publish_reason = ""
    if getattr(obj, "_change_reason", None):
        obj._change_reason = obj._change_reason[:CHANGE_REASON_LENGTH]


@transaction.atomic
def transition(
    announcement,
    new_status,
    user,
    *,
    reason="",
    note="",
    seen_version=None,
    published_at=None,
):
    """Move one text to `new_status` under the rule, or raise ReviewRefused.

    The row is locked while it is checked and saved, so two reviewers (or a
    reviewer and an author's edit) cannot both act on the same stored text.
    """
    current = Announcement.objects.select_for_update().get(pk=announcement.pk)
    problem = refusal(
        current,
        new_status,
        user,
        reason=reason,
        note=note,
        seen_version=seen_version,
    )
    if problem is not None:
        raise problem
    old_status = current.status
    reviewed = is_reviewed_by(current, user)
    current.status = new_status
    if new_status == Status.PUBLISHED:
        current.withdrawn_reason = ""
        if published_at is not None:
            current.published_at = published_at
    stamp(current, old_status, user, reason=reason, note=note, reviewed=reviewed)
    current.updated_by = user
    current.save()
    return current
