"""What an uploaded file really is, judged by its content, and safe names for it.

Nothing here trusts a file's name or the client's Content-Type: images must
open in Pillow as one of a few raster formats (within its decompression-bomb
limit) and are re-encoded, which drops EXIF and anything after the image;
attachments must be a PDF, an Office or OpenDocument package, or UTF-8
text. SVG and HTML are refused in every form, as is anything carrying
markup a browser would run.
"""

import io
import re
import secrets
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

# Markup a browser would run if it ever took the file for a page. Binary
# formats never contain these by accident often enough to matter.
MARKUP_SIGNS = (
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<?xml-stylesheet",
    b"<?php",
    b"javascript:",
)
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
OOXML = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}


@dataclass
class CheckedImage:
    content: bytes
    format: str  # "jpeg" or "png"
    width: int
    height: int


@dataclass
class CheckedAttachment:
    content: bytes
    kind: str
    content_type: str


def read_upload(upload, *, limit: int) -> bytes:
    """Return the upload's bytes, refusing an empty file or one over `limit`."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise too_large(limit)
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(content) > limit:
        raise too_large(limit)
    return content


def too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("The file is larger than the limit of %(limit)s.")
        % {"limit": filesizeformat(limit)},
        code="too_large",
    )


def refuse_markup(content: bytes) -> None:
    lowered = content.lower()
    if lowered.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or any(
        sign in lowered for sign in MARKUP_SIGNS
    ):
        raise ValidationError(
            _("The file contains HTML, SVG or script, which cannot be uploaded."),
            code="markup",
        )


def check_image(upload) -> CheckedImage:
    """Return the upload re-encoded as JPEG or PNG, or refuse it with a reason."""
    content = read_upload(upload, limit=settings.MEDIA_IMAGE_MAX_BYTES)
    refuse_markup(content)
    PILImage.MAX_IMAGE_PIXELS = settings.MEDIA_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns between the limit and twice it; refuse those too.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(content)) as probe:
                source_format = probe.format
                probe.verify()
            with PILImage.open(io.BytesIO(content)) as picture:
                picture.load()
                picture = ImageOps.exif_transpose(picture)
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            _("The image has more than %(limit)s pixels.")
            % {"limit": f"{settings.MEDIA_IMAGE_MAX_PIXELS:,}"},
            code="too_many_pixels",
        ) from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on bad input
        raise ValidationError(
            _("The file is not an image: upload a JPEG, PNG, WebP or GIF."),
            code="not_an_image",
        ) from None
    if source_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG, WebP or GIF image."), code="unsupported_image"
        )
    if has_trailing_data(content, source_format):
        raise ValidationError(
            _("The file has data after the image; save it again and re-upload it."),
            code="trailing_data",
        )
    has_alpha = picture.mode in {"RGBA", "LA", "PA"} or (
        picture.mode == "P" and "transparency" in picture.info
    )
    target = "png" if has_alpha or source_format in {"PNG", "GIF"} else "jpeg"
    return CheckedImage(
        content=encode(picture, target),
        format=target,
        width=picture.width,
        height=picture.height,
    )


def encode(picture, target: str, width: int | None = None) -> bytes:
    """Return the picture in `target` format ("jpeg", "png", "webp"), no metadata."""
    if target == "jpeg":
        picture = picture.convert("RGB")
    elif picture.mode not in {"RGB", "RGBA", "L", "LA"}:
        picture = picture.convert("RGBA")
    if width and width < picture.width:
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), PILImage.Resampling.LANCZOS)
    # A fresh image carries pixels only: no EXIF (GPS), ICC or text chunks.
    clean = PILImage.new(picture.mode, picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    if target == "jpeg":
        clean.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif target == "png":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def has_trailing_data(content: bytes, source_format: str) -> bool:
    """Return whether bytes follow the image's own end (a polyglot's payload)."""
    body = content.rstrip(b"\x00\r\n")
    if source_format == "PNG":
        return not body.endswith(b"IEND\xaeB`\x82")
    if source_format == "JPEG":
        return not body.endswith(b"\xff\xd9")
    if source_format == "GIF":
        return not body.endswith(b";")
    if source_format == "WEBP":
        declared = int.from_bytes(content[4:8], "little") + 8
        return len(content) > declared + 1
    return False


def check_attachment(upload) -> CheckedAttachment:
    """Return what kind of document the upload is, or refuse it with a reason."""
    content = read_upload(upload, limit=settings.MEDIA_ATTACHMENT_MAX_BYTES)
    name = getattr(upload, "name", "") or ""
    if content.startswith(b"%PDF-"):
        if b"/javascript" in content.lower() or b"/js " in content.lower():
            raise ValidationError(
                _("The PDF contains script, which cannot be uploaded."),
                code="markup",
            )
        kind = "pdf"
    elif content.startswith(b"PK\x03\x04"):
        kind = package_kind(content)
    else:
        kind = text_kind(content, name)
    return CheckedAttachment(
        content=content, kind=kind, content_type=CONTENT_TYPES[kind]
    )


def package_kind(content: bytes) -> str:
    """Return the Office or OpenDocument kind of a zip package; refuse bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            entries = package.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > settings.MEDIA_ZIP_MAX_UNPACKED_BYTES or (
                unpacked > 100 * max(len(content), 1)
            ):
                raise ValidationError(
                    _("The file unpacks to far more than its size (a zip bomb?)."),
                    code="zip_bomb",
                )
            names = [entry.filename for entry in entries]
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(
                    _("Documents with macros cannot be uploaded."), code="macros"
                )
            if "mimetype" in names:
                kind = ODF.get(package.read("mimetype").strip())
                if kind:
                    return kind
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except zipfile.BadZipFile:
        pass
    raise unsupported()


def text_kind(content: bytes, name: str) -> str:
    if b"\x00" in content:
        raise unsupported()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Text files must be UTF-8."), code="not_utf8") from None
    refuse_markup(text.encode())
    return "csv" if name.lower().endswith(".csv") else "txt"


def unsupported() -> ValidationError:
    return ValidationError(
        _(
            "Unsupported file type: upload a PDF, a Word, Excel or PowerPoint "
            "file, an OpenDocument file, CSV or plain text."
        ),
        code="unsupported",
    )


def safe_stem(original_name: str, *, fallback: str = "file") -> str:
    """Return a readable, safe file name stem from what the client called it.

    Only the last path part counts (no traversal); control and reserved
    characters go, letters of any script stay.
    """
    name = unicodedata.normalize("NFC", original_name or "")
    name = re.split(r"[\\/]", name)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    stem = "".join(
        char for char in stem if not unicodedata.category(char).startswith("C")
    )
    stem = re.sub(r"[\s<>:\"|?*%#&;'`$=+,\[\]{}()!@^~]+", "-", stem)
    stem = re.sub(r"-{2,}", "-", stem).strip("-._")[:80].strip("-._")
    return stem or fallback


def new_folder(prefix: str) -> str:
    """Return an unguessable folder for one upload's files, kept on replacement."""
    return f"{prefix}/{secrets.token_hex(12)}"


def content_type_for(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension, "application/octet-stream")


def shown_inline(name: str) -> bool:
    """Return whether a browser may show the file in place: only our raster images."""
    return content_type_for(name).startswith("image/")
