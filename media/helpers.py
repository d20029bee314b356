"""What the public pages show of media: template helpers (settings' `app_globals`).

Each helper names what it shows (`core.cache.shows`), so a change to an image,
its renditions or a text's attachments purges the pages that show them.
"""

import re

from django.template.defaultfilters import filesizeformat
from jinja2 import pass_environment
from markupsafe import Markup

from announcements.models import Announcement
from core.cache import shows

from .models import Attachment, Image, LeadImage, SpeakerPortrait

# A body image is a paragraph holding only the editor's snippet. Matching the
# whole paragraph means a snippet inside a link title or a sentence is left
# as text, and the figure never lands inside an attribute.
BODY_IMAGE = re.compile(r"<p>\s*\[image:(\d+)\]\s*</p>")

LEAD_SIZES = "(min-width: 60rem) 48rem, calc(100vw - 2rem)"
BODY_SIZES = "(min-width: 60rem) 40rem, calc(100vw - 2rem)"
PORTRAIT_SIZES = "8rem"


def versioned(url: str, version: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}v={version}"


class Picture:
    """An image ready for a template: URLs, srcsets and sizes of its renditions."""

    def __init__(self, image: Image, *, sizes: str, lazy: bool = True):
        self.image = image
        self.sizes = sizes
        self.lazy = lazy
        renditions = sorted(image.renditions.all(), key=lambda r: r.width)
        own = [r for r in renditions if r.format == image.format]
        webp = [r for r in renditions if r.format == "webp"]
        self.srcset = srcset(own, image.version)
        self.webp_srcset = srcset(webp, image.version)
        fallback = own[-1] if own else None
        medium = [r for r in own if r.width <= 1024]
        self.src = versioned(
            (medium[-1] if medium else fallback).file.url
            if fallback
            else image.file.url,
            image.version,
        )
        self.width = image.width
        self.height = image.height
        self.alt = image.alt
        self.caption = image.caption
        self.credit = image.credit
        self.content_type = f"image/{image.format}"
        large = [r for r in own if r.width <= 1600]
        self.og_url = versioned(
            (large[-1].file.url if large else image.file.url), image.version
        )


def srcset(renditions, version: int) -> str:
    return ", ".join(f"{versioned(r.file.url, version)} {r.width}w" for r in renditions)


def lead_image_of(announcement):
    """Return the text's lead image as a Picture, or None.

    Read once per text object: the page's head (Open Graph) and its body both
    ask. A lead image added, changed or removed changes the text's own key.
    """
    if "_lead_picture" in announcement.__dict__:
        return announcement.__dict__["_lead_picture"]
    announcement.__dict__["_lead_picture"] = picture = _lead_picture(announcement)
    return picture


def _lead_picture(announcement):
    lead = (
        LeadImage.objects.filter(announcement=announcement)
        .select_related("image")
        .prefetch_related("image__renditions")
        .first()
    )
    if lead is None:
        return None
    shows(lead.image)
    # The lead image stands above the fold: load it at once.
    return Picture(lead.image, sizes=LEAD_SIZES, lazy=False)


def portrait_of(speaker):
    """Return the speaker's portrait as a Picture, or None.

    A portrait added, changed or removed changes the speaker's key.
    """
    portrait = (
        SpeakerPortrait.objects.filter(speaker=speaker)
        .select_related("image")
        .prefetch_related("image__renditions")
        .first()
    )
    if portrait is None:
        return None
    shows(portrait.image)
    return Picture(portrait.image, sizes=PORTRAIT_SIZES)


def portraits_of(speakers) -> dict:
    """Return {speaker id: Picture} for those of the speakers with a portrait.

    One query for a page's speakers, however many.
    """
    portraits = (
        SpeakerPortrait.objects.filter(speaker__in=[speaker.pk for speaker in speakers])
        .select_related("image")
        .prefetch_related("image__renditions")
    )
    found = {}
    for portrait in portraits:
        shows(portrait.image)
        found[portrait.speaker_id] = Picture(portrait.image, sizes=PORTRAIT_SIZES)
    return found


class ShownAttachment:
    def __init__(self, attachment: Attachment):
        self.attachment = attachment
        self.title = attachment.title
        self.url = versioned(attachment.file.url, attachment.version)
        self.kind = attachment.get_kind_display()
        self.size = filesizeformat(attachment.size)
        self.language = attachment.language
        self.content_type = attachment.content_type.split(";")[0]
        self.length = attachment.size


def attachments_of(announcement) -> list[ShownAttachment]:
    """Return the text's attachments, each with its type and size in words.

    An attachment added or removed changes the text's key.
    """
    attachments = list(Attachment.objects.filter(announcement=announcement))
    shows(*attachments)
    return [ShownAttachment(a) for a in attachments]


@pass_environment
def picture(env, image_or_picture, sizes: str = BODY_SIZES, lazy: bool = True):
    """Render a <figure> with <picture>: WebP and the image's own format."""
    if image_or_picture is None:
        return Markup("")
    shown = (
        image_or_picture
        if isinstance(image_or_picture, Picture)
        else Picture(image_or_picture, sizes=sizes, lazy=lazy)
    )
    return Markup(env.get_template("media/_picture.html").render({"pic": shown}))


@pass_environment
def images_in(env, body_html):
    """Return the body with each `[image:N]` paragraph rendered as its figure.

    Markup in, markup out: only whole paragraphs holding a snippet are
    replaced, with HTML rendered (and escaped) by the picture template. A
    snippet naming no image stays as written, so the editor sees the mistake.
    """
    html = str(body_html or "")
    ids = {int(found) for found in BODY_IMAGE.findall(html)}
    if not ids:
        return Markup(html)
    images = {
        image.pk: image
        for image in Image.objects.filter(pk__in=ids).prefetch_related("renditions")
    }
    shows(*images.values(), Image)

    def replace(match):
        image = images.get(int(match.group(1)))
        if image is None:
            return match.group(0)
        return str(picture(env, image))

    return Markup(BODY_IMAGE.sub(replace, html))


def og_image(announcement):
    """Return the text's lead image for Open Graph and JSON-LD, or None."""
    if not isinstance(announcement, Announcement):
        return None
    return lead_image_of(announcement)
