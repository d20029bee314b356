"""Images (with their renditions) and attachments, and where texts use them.

An image or attachment is stored once; a text's lead image, a speaker's
portrait and a text's attachments point at it from models of this app, so
the announcements app knows nothing of media. Images inside a text's body
are referenced by id (`[image:12]` in the Markdown) and found at display time.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement, Speaker
from core.constraints import valid_choices

# The snippet an editor pastes into a body, alone on its line.
BODY_IMAGE_PATTERN = re.compile(r"\[image:(\d+)\]")


def body_image_snippet(image_id: int) -> str:
    return f"[image:{image_id}]"


class ImageQuerySet(models.QuerySet):
    def public(self):
        """Return images a public page shows: a public text's, or a portrait."""
        texts = Announcement.objects.public()
        return self.filter(
            Q(lead_for__announcement__in=texts)
            | Q(portrait_for__isnull=False)
            | Q(pk__in=body_image_ids(texts))
        ).distinct()

    def used_by_published(self):
        """Return images a published text (or any portrait) would lose."""
        texts = Announcement.objects.filter(status=Announcement.Status.PUBLISHED)
        return self.filter(
            Q(lead_for__announcement__in=texts)
            | Q(portrait_for__isnull=False)
            | Q(pk__in=body_image_ids(texts))
        ).distinct()

    def search(self, words: str):
        query = Q()
        for word in words.split():
            query &= (
                Q(alt_text__icontains=word)
                | Q(caption__icontains=word)
                | Q(credit__icontains=word)
                | Q(title__icontains=word)
            )
        return self.filter(query)


def body_image_ids(texts) -> list[int]:
    """Return the ids of images the bodies of these texts reference."""
    ids = set()
    for body in texts.filter(body__contains="[image:").values_list("body", flat=True):
        ids.update(int(found) for found in BODY_IMAGE_PATTERN.findall(body))
    return sorted(ids)


class Image(models.Model):
    class Format(models.TextChoices):
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("For the library only; readers see the alt text and caption."),
    )
    file = models.FileField(_("file"), max_length=300, upload_to="images/")
    format = models.CharField(
        _("format"), max_length=8, choices=Format.choices, editable=False
    )
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=400,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Required "
            "unless the image is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Adds nothing the text does not say; screen readers skip it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    original_name = models.CharField(_("uploaded as"), max_length=255, blank=True)
    # Moves on every replacement: rendered URLs carry it, so caches fetch anew
    # while the path itself stays the same.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True) | ~Q(alt_text=""),
                name="image_alt_text_unless_decorative",
                violation_error_message=_(
                    "Describe the image in its alt text, or mark it decorative."
                ),
            ),
        ]

    Meta.constraints += valid_choices("image", format=Format)

    def __str__(self):
        return self.title or self.alt_text or self.original_name or f"#{self.pk}"

    @property
    def snippet(self) -> str:
        return body_image_snippet(self.pk)

    @property
    def alt(self) -> str:
        return "" if self.decorative else self.alt_text


class Rendition(models.Model):
    class Format(models.TextChoices):
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"
        WEBP = "webp", "WebP"

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("file"), max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["image", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"],
                name="rendition_unique_width_and_format_per_image",
            ),
        ]

    Meta.constraints += valid_choices("rendition", format=Format)

    def __str__(self):
        return f"{self.image} {self.width}w {self.format}"

    @property
    def content_type(self) -> str:
        return f"image/{self.format}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", _("Excel spreadsheet")
        DOCX = "docx", _("Word document")
        PPTX = "pptx", _("PowerPoint slides")
        ODS = "ods", _("OpenDocument spreadsheet")
        ODT = "odt", _("OpenDocument text")
        ODP = "odp", _("OpenDocument slides")
        CSV = "csv", "CSV"
        TXT = "txt", _("plain text")

    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("announcement"),
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Announcement.Language.choices,
        default=Announcement.Language.ENGLISH,
    )
    file = models.FileField(_("file"), max_length=300, upload_to="files/")
    kind = models.CharField(
        _("type"), max_length=8, choices=Kind.choices, editable=False
    )
    content_type = models.CharField(_("content type"), max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    original_name = models.CharField(_("uploaded as"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["announcement", "position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="attachment_title_not_empty",
                violation_error_message=_("Give the attachment a title."),
            ),
        ]

    Meta.constraints += valid_choices("attachment", kind=Kind)

    def __str__(self):
        return self.title


class LeadImage(models.Model):
    announcement = models.OneToOneField(
        Announcement,
        on_delete=models.CASCADE,
        related_name="lead_image",
        verbose_name=_("announcement"),
    )
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        related_name="lead_for",
        verbose_name=_("image"),
    )

    class Meta:
        verbose_name = _("lead image")
        verbose_name_plural = _("lead images")

    def __str__(self):
        return str(self.image)


class SpeakerPortrait(models.Model):
    speaker = models.OneToOneField(
        Speaker,
        on_delete=models.CASCADE,
        related_name="portrait",
        verbose_name=_("speaker"),
    )
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        related_name="portrait_for",
        verbose_name=_("image"),
    )

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")

    def __str__(self):
        return str(self.image)
