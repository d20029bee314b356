"""The editors' media desk: the image library, and uploads on texts and speakers.

A text's lead image and attachments and a speaker's portrait are inlines
added here to the announcements app's admin pages (which know nothing of
media), the way the indicators app adds its figure inlines.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement, Speaker

from . import library
from .files import check_attachment, check_image
from .models import Attachment, Image, LeadImage, SpeakerPortrait, body_image_snippet
from .storage import StorageUnavailable


class StoreDownForm:
    """Mixed into a page's form when the file store failed on saving it."""

    def clean(self):
        cleaned = super().clean()
        self.add_error(
            None,
            _(
                "The file store is unreachable, so nothing was saved. Try again "
                "in a few minutes; choose the file again then."
            ),
        )
        return cleaned


class FileStoreDownAdmin:
    """Answer a file store that fails on saving with the form and an error.

    The admin saves a page in one transaction, which the failure rolls back
    (media.library removes any file already written). The page is then shown
    again as posted, with the error, without asking the store a second time.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageUnavailable:
            request.media_store_down = True
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        # By keyword: modeltranslation's get_form takes no positional `change`.
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "media_store_down", False):
            form = type(form.__name__, (StoreDownForm, form), {})
        return form


def thumbnail_of(image, width=96):
    if image is None or not image.pk:
        return "—"
    renditions = sorted(image.renditions.all(), key=lambda r: r.width)
    url = renditions[0].file.url if renditions else image.file.url
    height = round(image.height * width / image.width) if image.width else width
    return format_html(
        '<img src="{}?v={}" width="{}" height="{}" alt="{}" class="media-thumbnail">',
        url,
        image.version,
        width,
        height,
        image.alt,
    )


def uses_of(image) -> list[tuple[str, str]]:
    """Return (link, label) for every text and speaker that shows the image."""
    uses = []
    for lead in image.lead_for.select_related("announcement"):
        text = lead.announcement
        uses.append((_link(text), _("lead image of “%s”") % text.title))
    for portrait in image.portrait_for.select_related("speaker"):
        speaker = portrait.speaker
        uses.append((_link(speaker), _("portrait of %s") % speaker.name))
    for text in Announcement.objects.filter(
        body__contains=body_image_snippet(image.pk)
    ).only("pk", "title"):
        uses.append((_link(text), _("in the body of “%s”") % text.title))
    return uses


def _link(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Image file"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP or GIF. It is re-encoded on upload, which removes "
            "location and camera data. On an existing image, a new file "
            "replaces it at the same address."
        ),
    )

    class Meta:
        model = Image
        fields = ["title", "alt_text", "decorative", "caption", "credit"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_image(upload)
        elif not self.instance.pk:
            raise ValidationError(_("Choose an image file to upload."))
        return upload


@admin.register(Image)
class ImageAdmin(FileStoreDownAdmin, admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "alt_text", "size", "used_in", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["decorative", "format", "created_at"]
    search_fields = ["title", "alt_text", "caption", "credit", "original_name"]
    readonly_fields = ["preview", "snippet", "size", "used_in", "original_name"]
    fieldsets = [
        (None, {"fields": ["preview", "upload", "title"]}),
        (
            _("For readers"),
            {"fields": ["alt_text", "decorative", "caption", "credit"]},
        ),
        (
            _("Use"),
            {"fields": ["snippet", "used_in", "size", "original_name"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_actions(self, request):
        # Deleting goes one image at a time, through the check below.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        return thumbnail_of(image, width=80)

    @admin.display(description=_("preview"))
    def preview(self, image):
        return thumbnail_of(image, width=320)

    @admin.display(description=_("size"))
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description=_("snippet for a text's body"))
    def snippet(self, image):
        if not image.pk:
            return _("Save the image first.")
        return format_html(
            "<code>{}</code><br>{}",
            image.snippet,
            _("Paste it on a line of its own in a text's body."),
        )

    @admin.display(description=_("used in"))
    def used_in(self, image):
        if not image.pk:
            return "—"
        uses = uses_of(image)
        if not uses:
            return _("not used")
        return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>', uses)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        if not change:
            library.create_image(upload, user=request.user, image=obj)
        elif upload:
            obj.save()
            library.replace_image(obj, upload)
        else:
            obj.save()

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, object_id)
        if (
            image is not None
            and Image.objects.used_by_published().filter(pk=image.pk).exists()
        ):
            self.message_user(
                request,
                _(
                    "This image cannot be deleted: a published text or a speaker "
                    "uses it (see “used in”). Replace it, or remove it from "
                    "them first."
                ),
                messages.ERROR,
            )
            return redirect(reverse("admin:media_image_change", args=[image.pk]))
        return super().delete_view(request, object_id, extra_context)


class ImageChoiceForm(forms.ModelForm):
    """Pick an image from the library, or upload a new one on the spot."""

    upload = forms.FileField(label=_("or upload a new image"), required=False)
    alt_text = forms.CharField(label=_("alt text"), required=False, max_length=400)
    decorative = forms.BooleanField(label=_("decorative"), required=False)
    caption = forms.CharField(label=_("caption"), required=False, max_length=500)
    credit = forms.CharField(label=_("credit"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].required = False
        image = getattr(self.instance, "image", None) if self.instance.pk else None
        if image is not None:
            for name in ("alt_text", "decorative", "caption", "credit"):
                self.initial.setdefault(name, getattr(image, name))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            try:
                check_image(upload)
            except ValidationError as error:
                self.add_error("upload", error)
        elif not cleaned.get("image") and not cleaned.get("DELETE"):
            raise ValidationError(_("Choose an image or upload one."))
        if (upload or cleaned.get("image")) and not (
            cleaned.get("alt_text", "").strip() or cleaned.get("decorative")
        ):
            self.add_error(
                "alt_text",
                _("Describe the image in its alt text, or mark it decorative."),
            )
        return cleaned

    def save(self, commit=True):
        fields = {
            name: self.cleaned_data.get(name)
            for name in ("alt_text", "decorative", "caption", "credit")
        }
        upload = self.cleaned_data.get("upload")
        if upload:
            self.instance.image = library.create_image(upload, **fields)
        else:
            image = self.cleaned_data["image"]
            changed = {k: v for k, v in fields.items() if getattr(image, k) != v}
            if changed:
                for key, value in changed.items():
                    setattr(image, key, value)
                image.save()
        return super().save(commit=commit)


class LeadImageInline(admin.StackedInline):
    model = LeadImage
    form = ImageChoiceForm
    fields = [
        "current",
        "image",
        "upload",
        "alt_text",
        "decorative",
        "caption",
        "credit",
    ]
    readonly_fields = ["current"]
    raw_id_fields = ["image"]
    extra = 1
    max_num = 1
    verbose_name = _("lead image")

    @admin.display(description=_("current"))
    def current(self, lead):
        return thumbnail_of(lead.image if lead.pk else None, width=160)


class SpeakerPortraitInline(LeadImageInline):
    model = SpeakerPortrait
    verbose_name = _("portrait")


class AttachmentForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("file"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, CSV or plain text. A "
            "new file replaces the old one at the same address."
        ),
    )

    class Meta:
        model = Attachment
        fields = ["title", "language", "position"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            checked = check_attachment(upload)
            if self.instance.pk and checked.kind != self.instance.kind:
                raise ValidationError(
                    _(
                        "A replacement must be of the same type (%(kind)s); add "
                        "a new attachment for another type."
                    )
                    % {"kind": self.instance.get_kind_display()}
                )
        elif not self.instance.pk and self.has_changed():
            raise ValidationError(_("Choose a file to upload."))
        return upload

    def save(self, commit=True):
        upload = self.cleaned_data.get("upload")
        if not self.instance.pk:
            return library.create_attachment(upload, attachment=self.instance)
        attachment = super().save(commit=commit)
        if upload:
            library.replace_attachment(attachment, upload)
        return attachment


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    fields = ["title", "language", "upload", "current", "position"]
    readonly_fields = ["current"]
    extra = 1

    @admin.display(description=_("current file"))
    def current(self, attachment):
        if not attachment.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a> ({}, {} bytes)',
            attachment.file.url,
            attachment.file.name.rsplit("/", 1)[-1],
            attachment.get_kind_display(),
            attachment.size,
        )


# Extend whatever admin the text and speaker pages have now (the indicators
# app's, with its figures): this app loads after it (INSTALLED_APPS).
AnnouncementAdminBase = type(admin.site.get_model_admin(Announcement))
admin.site.unregister(Announcement)


@admin.register(Announcement)
class AnnouncementWithMediaAdmin(FileStoreDownAdmin, AnnouncementAdminBase):
    inlines = [LeadImageInline, AttachmentInline, *AnnouncementAdminBase.inlines]


SpeakerAdminBase = type(admin.site.get_model_admin(Speaker))
admin.site.unregister(Speaker)


@admin.register(Speaker)
class SpeakerWithPortraitAdmin(FileStoreDownAdmin, SpeakerAdminBase):
    inlines = [SpeakerPortraitInline, *SpeakerAdminBase.inlines]
