from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import valid_choices
from core.i18n import check_names
from core.urlpaths import fixed_path, path_for

from .querysets import AnnouncementQuerySet, CommentQuerySet
from .rendering import render_markdown

COMMENT_BODY_MAX_LENGTH = 5000

# Only http(s) links may be stored for a commenter's website: a
# "javascript:" URL would run in a reader's browser when clicked.
web_url_validator = URLValidator(schemes=["http", "https"])


def as_uri(url: str) -> str:
    """Return a web address written as a URI: its host in IDNA, the rest
    percent-encoded ("https://例子.中国/a\\b" -> "https://xn--fsqu00a.xn--fiqs8s/a%5Cb").

    Browsers take either; the API promises a URI, and a link's href is one.
    An address whose host cannot be encoded is left for the validator.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            return url
    return iri_to_uri(urlunsplit(parts._replace(netloc=netloc)))


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_for("announcements:topic_detail", self.slug)

    def clean(self):
        check_names(self, ("name",))


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organization = models.CharField(_("organization"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return fixed_path("announcements:announcement_list") + f"?speaker={self.slug}"

    def clean(self):
        check_names(self, ("name",))


class Announcement(models.Model):
    class Kind(models.TextChoices):
        PRESS_CONFERENCE = "press_conference", _("Press conference")
        PRESS_RELEASE = "press_release", _("Press release")
        SPEECH = "speech", _("Speech")
        INTERVIEW = "interview", _("Interview")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        CHINESE = "zh-hans", _("Simplified Chinese")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESS_CONFERENCE
    )
    held_on = models.DateField(_("held on"))
    organizer = models.CharField(_("organizer"), max_length=300, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    body_html = models.TextField(_("body (HTML)"), editable=False, blank=True)
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="announcements", blank=True
    )
    speakers = models.ManyToManyField(
        Speaker, verbose_name=_("speakers"), related_name="announcements", blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("The text is public from this moment on, once published."),
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    allow_comments = models.BooleanField(_("allow comments"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The second pair of eyes (issue 17): who sent the text to review, when,
    # and a digest of what they sent, so a reviewer sees a later change.
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to review by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    review_requested_at = models.DateTimeField(
        _("sent to review at"), null=True, blank=True, editable=False
    )
    review_digest = models.CharField(max_length=64, blank=True, editable=False)
    review_note = models.TextField(
        _("reviewer's note"),
        blank=True,
        editable=False,
        help_text=_("Why the text was sent back, for its author."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    publish_reason = models.TextField(
        _("reason for publishing without review"), blank=True, editable=False
    )
    # Filled by a database trigger on PostgreSQL (see migration 0002); unused on
    # SQLite, where search falls back to a portable LIKE query.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = AnnouncementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "search_vector"])

    class Meta:
        ordering = ["-held_on", "-published_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        get_latest_by = "published_at"
        permissions = [
            (
                "publish_without_review",
                _("Can publish a text without a second editor's review"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="announcement_published_has_date",
                violation_error_message=_("A published text needs a publication time."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn")
                | ~models.Q(withdrawn_reason=""),
                name="announcement_withdrawn_has_reason",
                violation_error_message=_("A withdrawn text needs a reason."),
            ),
            models.CheckConstraint(
                condition=~models.Q(translation_of=models.F("pk")),
                name="announcement_not_translation_of_itself",
                violation_error_message=_("A text cannot be a translation of itself."),
            ),
            # Issue 21: one version per language of an original; a second text
            # claiming to be its Chinese version is refused.
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=models.Q(translation_of__isnull=False),
                name="announcement_one_translation_per_language",
                violation_error_message=_(
                    "The original already has a version in this language."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(title="") & ~models.Q(slug=""),
                name="announcement_title_and_slug_not_empty",
            ),
        ]
        indexes = [
            # With the id and date, "which texts are public, and when were they
            # held" is answered from the index alone (an index-only scan on
            # PostgreSQL): the tracker's and home page's counts join every
            # public text's id to its actions, and indicator cards each
            # figure's text to its date.
            models.Index(
                fields=["status", "published_at", "id", "held_on"],
                name="announcement_public_idx",
            ),
            models.Index(fields=["held_on"], name="announcement_held_on_idx"),
            models.Index(fields=["kind", "held_on"], name="announcement_kind_idx"),
            # The list's order (newest held first) read straight from an index,
            # public rows only: no sort of the whole archive for one page.
            models.Index(
                fields=["status", "held_on", "published_at"],
                name="announcement_listing_idx",
            ),
            # Translations are few: a partial index lets the planner see that
            # (an index holding every NULL looked no better than a scan).
            models.Index(
                fields=["translation_of"],
                condition=models.Q(translation_of__isnull=False),
                name="announcement_translation_idx",
            ),
            # The API's other orderings.
            models.Index(fields=["title"], name="announcement_title_idx"),
            models.Index(fields=["updated_at"], name="announcement_updated_idx"),
        ]

    Meta.constraints += valid_choices(
        "announcement", kind=Kind, status=Status, language=Language
    )

    # What other pages (an indicator's, an action's) show of a text: a change
    # to these reaches beyond the text's own page and lists; to its body or
    # summary, not.
    CITED_FIELDS = frozenset(
        {"title", "slug", "held_on", "status", "published_at", "language"}
    )

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return path_for("announcements:announcement_detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Kept as loaded, to tell what a later save changed (Django's own
        # example for from_db).
        instance._loaded_cited = {
            name: value
            for name, value in zip(field_names, values, strict=True)
            if name in cls.CITED_FIELDS
        }
        return instance

    def cited_fields_changed(self) -> bool:
        """Return whether what other pages show of the text changed since loading.

        True for a text never loaded (a new one).
        """
        loaded = getattr(self, "_loaded_cited", None)
        if loaded is None:
            return True
        return any(getattr(self, name) != value for name, value in loaded.items())

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.status == self.Status.WITHDRAWN and not self.withdrawn_reason.strip():
            raise ValidationError(
                {"withdrawn_reason": _("Say why the text is withdrawn.")}
            )
        self.clean_translation_of()

    def clean_translation_of(self):
        """Refuse a translation link that would not name one original.

        A text translates an original, never itself, never another
        translation (so no chain or cycle can form), never a text in its own
        language; and a text that has translations is an original, so it
        cannot become a translation of another.
        """
        original = self.translation_of
        if original is None:
            return
        if self.pk is not None and original.pk == self.pk:
            raise ValidationError(
                {"translation_of": _("A text cannot be a translation of itself.")}
            )
        if original.translation_of_id is not None:
            raise ValidationError(
                {
                    "translation_of": _(
                        "That text is itself a translation: link its original."
                    )
                }
            )
        if self.pk is not None and self.translations.exists():
            raise ValidationError(
                {
                    "translation_of": _(
                        "This text has translations of its own, so it is an original."
                    )
                }
            )
        if original.language == self.language:
            raise ValidationError(
                {
                    "language": _(
                        "A translation is in another language than its original."
                    )
                }
            )

    @classmethod
    def public_condition(cls, path: str = "") -> models.Q:
        """Return "the public may read this text now" as a filter.

        The one definition of "public" in SQL: published and due. `path`
        reaches the text from another model ("announcement__"). Its Python
        twin is `is_public`.
        """
        return models.Q(
            **{
                f"{path}status": cls.Status.PUBLISHED,
                f"{path}published_at__lte": timezone.now(),
            }
        )

    @property
    def is_public(self):
        """Return whether the public may read this text now (`public_condition`)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    @property
    def is_scheduled(self):
        """Return whether the text is published for a time still to come."""
        return self.status == self.Status.PUBLISHED and not self.is_public

    # with_tags() reads a text's topics and speakers into `tagged_topics` and
    # `tagged_speakers` (Prefetch to_attr); a text read without it reads them
    # when asked.
    @property
    def topic_list(self) -> list:
        if "tagged_topics" not in self.__dict__:
            self.tagged_topics = list(self.topics.all())
        return self.tagged_topics

    @property
    def speaker_list(self) -> list:
        if "tagged_speakers" not in self.__dict__:
            self.tagged_speakers = list(self.speakers.all())
        return self.tagged_speakers

    def accepts_comments(self):
        """Return whether new comments may be left under this text."""
        return self.allow_comments and self.is_public


class AnnouncementChange(models.Model):
    """A public note on a significant edit of a published text."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="changes"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(_("change note"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("published change")
        verbose_name_plural = _("published changes")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(note=""), name="announcementchange_note_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.announcement} ({self.changed_at:%Y-%m-%d})"


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("email"), max_length=254)
    author_url = models.CharField(
        _("website"), max_length=300, blank=True, validators=[web_url_validator]
    )
    body = models.TextField(
        _("comment"), validators=[MaxLengthValidator(COMMENT_BODY_MAX_LENGTH)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    # One entry per spam rule: {"rule": ..., "passed": bool, "reason": ...}.
    verdicts = models.JSONField(_("spam-rule verdicts"), default=list, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.CharField(
        _("moderation reason"), max_length=300, blank=True
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(author_name="")
                & ~models.Q(author_email="")
                & ~models.Q(body=""),
                name="comment_required_fields_not_empty",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_BODY_MAX_LENGTH),
                name="comment_body_length_capped",
            ),
            models.CheckConstraint(
                condition=models.Q(author_url="")
                | models.Q(author_url__startswith="http://")
                | models.Q(author_url__startswith="https://"),
                name="comment_author_url_is_web",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="comment_not_reply_to_itself",
            ),
        ]
        indexes = [
            models.Index(
                fields=["announcement", "status", "created_at"],
                name="comment_thread_idx",
            ),
            models.Index(
                Lower("author_email"), "status", name="comment_author_email_idx"
            ),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
        ]

    Meta.constraints += valid_choices("comment", status=Status)

    def __str__(self):
        return _("Comment by %(name)s on %(title)s") % {
            "name": self.author_name,
            "title": self.announcement,
        }

    def get_absolute_url(self):
        return f"{self.announcement.get_absolute_url()}#comment-{self.pk}"

    def clean(self):
        if self.parent_id is None:
            return
        parent = self.parent
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Replies go one level deep: answer the first comment.")}
            )
        if parent.announcement_id != self.announcement_id:
            raise ValidationError(
                {"parent": _("That comment belongs to another text.")}
            )
        if parent.status != self.Status.APPROVED:
            raise ValidationError({"parent": _("That comment cannot be answered.")})

    def held_reasons(self):
        """Return why the spam rules held this comment, one reason per rule."""
        return [
            v.get("reason", v.get("rule", ""))
            for v in self.verdicts
            if not v.get("passed", True)
        ]


class ImportSuggestion(models.Model):
    """A figure or action the press-text importer found, waiting for an editor.

    The machine only suggests: an editor accepts, edits or ignores each one in
    the admin, and only accepting creates an Observation or a PolicyAction.
    """

    class Kind(models.TextChoices):
        FIGURE = "figure", _("Figure")
        ACTION = "action", _("Action")

    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="import_suggestions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Order in the text, from 1.")
    )
    # Figures: name, value (exact decimal as a string), unit, qualifier,
    # period_label/start/end (ISO dates), quote. Actions: ordinal, title, text,
    # detail, responsible_body.
    data = models.JSONField(_("suggested values"), default=dict)
    accepted = models.BooleanField(_("accepted"), default=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # "Reject the rest" on the review page: an editor looked and said no.
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rejected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["announcement", "kind", "position"]
        verbose_name = _("import suggestion")
        verbose_name_plural = _("import suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "kind", "position"],
                name="importsuggestion_unique_position",
                violation_error_message=_(
                    "This text already has a suggestion at this position."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["figure", "action"]),
                name="importsuggestion_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1),
                name="importsuggestion_position_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted=False)
                | models.Q(accepted_at__isnull=False),
                name="importsuggestion_accepted_has_date",
                violation_error_message=_("An accepted suggestion needs a date."),
            ),
            models.CheckConstraint(
                condition=models.Q(accepted=False) | models.Q(rejected_at__isnull=True),
                name="importsuggestion_not_accepted_and_rejected",
                violation_error_message=_(
                    "A suggestion is accepted or rejected, not both."
                ),
            ),
        ]

    def __str__(self):
        label = self.data.get("name") or self.data.get("title") or ""
        return f"{self.get_kind_display()} {self.position}: {label}"
