"""Subscriptions, the events they hear of, and every mail sent (the outbox).

Each mail has a unique key naming why it exists (the event and the address),
so an event handled twice, a fan-out rerun or a worker killed mid-batch never
makes a second mail for the same reason.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement, Comment, Speaker, Topic
from core.constraints import valid_choices
from indicators.models import Indicator, PolicyAction

from .querysets import SubscriptionQuerySet


class Subscription(models.Model):
    """One address following one thing; nothing but its confirmation is sent
    until the address confirms (double opt-in)."""

    class Kind(models.TextChoices):
        ALL = "all", _("All new texts")
        TOPIC = "topic", _("A topic")
        SPEAKER = "speaker", _("A speaker")
        INDICATOR = "indicator", _("An indicator")
        ACTION = "action", _("A policy action")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("One mail per event")
        DAILY = "daily", _("A daily digest")

    email = models.EmailField(_("email"), max_length=254)
    kind = models.CharField(_("follows"), max_length=10, choices=Kind.choices)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, null=True, blank=True
    )
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    action = models.ForeignKey(
        PolicyAction,
        verbose_name=_("policy action"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # "all", or the kind and id of what is followed ("topic:3").
    target_key = models.CharField(max_length=40, editable=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Announcement.Language.choices,
        default=Announcement.Language.ENGLISH,
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation sent at"), null=True, blank=True
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            # On the target's key, not its nullable columns: SQLite has no
            # unique constraint treating NULLs as equal.
            models.UniqueConstraint(
                Lower("email"),
                "target_key",
                name="subscription_unique_per_address_and_target",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind="all",
                    topic__isnull=True,
                    speaker__isnull=True,
                    indicator__isnull=True,
                    action__isnull=True,
                )
                | models.Q(
                    kind="topic",
                    topic__isnull=False,
                    speaker__isnull=True,
                    indicator__isnull=True,
                    action__isnull=True,
                )
                | models.Q(
                    kind="speaker",
                    topic__isnull=True,
                    speaker__isnull=False,
                    indicator__isnull=True,
                    action__isnull=True,
                )
                | models.Q(
                    kind="indicator",
                    topic__isnull=True,
                    speaker__isnull=True,
                    indicator__isnull=False,
                    action__isnull=True,
                )
                | models.Q(
                    kind="action",
                    topic__isnull=True,
                    speaker__isnull=True,
                    indicator__isnull=True,
                    action__isnull=False,
                ),
                name="subscription_one_target_of_its_kind",
            ),
        ]
        indexes = [
            models.Index(Lower("email"), name="subscription_email_idx"),
            models.Index(fields=["kind", "confirmed_at"], name="subscription_kind_idx"),
        ]

    Meta.constraints += valid_choices("subscription", kind=Kind, frequency=Frequency)

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target_label}"

    @property
    def target(self):
        return {
            self.Kind.TOPIC: self.topic,
            self.Kind.SPEAKER: self.speaker,
            self.Kind.INDICATOR: self.indicator,
            self.Kind.ACTION: self.action,
        }.get(self.kind)

    @staticmethod
    def key_for(kind: str, target) -> str:
        return kind if target is None else f"{kind}:{target.pk}"

    @property
    def target_label(self) -> str:
        target = self.target
        return str(target) if target is not None else str(self.Kind.ALL.label)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SubscriberCount(Subscription):
    """How many follow each thing, without who: the admin page Editors may see.

    A proxy so that seeing the counts is a permission of its own
    (`notices.view_subscribercount`), apart from seeing the addresses
    (`notices.view_subscription`).
    """

    class Meta:
        proxy = True
        verbose_name = _("subscribers per target")
        verbose_name_plural = _("subscribers per target")


class CommentNotice(models.Model):
    """A commenter's "email me when my comment is published or answered"."""

    comment = models.OneToOneField(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="notice",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Announcement.Language.choices,
        default=Announcement.Language.ENGLISH,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment notice")
        verbose_name_plural = _("comment notices")

    def __str__(self):
        return str(self.comment_id)


class Event(models.Model):
    """Something subscribers hear of, fanned out once into one mail each."""

    class Kind(models.TextChoices):
        TEXT_PUBLIC = "text_public", _("A text went public")
        FIGURE = "figure", _("A figure was published or revised")
        ACTION = "action", _("A policy action changed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        PolicyAction, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What the mail says, fixed when the event happened: {"title", "path", "line"}.
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # A fan-out in progress holds the event until then; a worker killed
    # mid-way lets the next one take it over when it expires.
    claimed_until = models.DateTimeField(null=True, blank=True)
    fanned_out_at = models.DateTimeField(_("sent out at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(fanned_out_at__isnull=True),
                name="event_waiting_idx",
            ),
        ]

    Meta.constraints = valid_choices("event", kind=Kind)

    def __str__(self):
        return self.key


class Mail(models.Model):
    """One mail: queued, being sent, sent, waiting to retry, or given up (the log)."""

    class Status(models.TextChoices):
        HELD = "held", _("Held for the daily digest")
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")
        DIGESTED = "digested", _("Sent in a digest")

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Subscription confirmation")
        ALERT = "alert", _("Alert")
        DIGEST = "digest", _("Daily digest")
        COMMENT_APPROVED = "comment_approved", _("Comment published")
        COMMENT_REPLY = "comment_reply", _("Reply to a comment")
        MODERATION = "moderation", _("Held comments digest")
        TEST = "test", _("Test mail")

    key = models.CharField(_("key"), max_length=300, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mails",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mail")
        verbose_name_plural = _("mail log")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="mail_due_idx"),
            models.Index(Lower("to"), name="mail_to_idx"),
            models.Index(fields=["created_at"], name="mail_created_idx"),
        ]

    Meta.constraints = valid_choices("mail", status=Status, kind=Kind)

    def __str__(self):
        return self.subject


class Clock(models.Model):
    """The one row that spaces the worker's periodic jobs across processes."""

    texts_checked_at = models.DateTimeField(default=timezone.now)
    moderation_digest_at = models.DateTimeField(null=True, blank=True)
    daily_digest_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("clock")

    def __str__(self):
        return f"clock {self.texts_checked_at:%Y-%m-%d %H:%M}"
