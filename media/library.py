"""Store, replace and remove images and attachments: every write of media.

Files are stored through Django's default storage (`STORAGES["default"]`):
the file system under MEDIA_ROOT, or S3-compatible object storage. Each
upload gets an unguessable folder; a replacement keeps the folder and the
file names, so URLs stay the same (pages add `?v=` with the version so
caches fetch the new bytes).

Each write is all or nothing: its rows in one transaction, and when any
step fails (the store went away halfway, say) the files it had added are
removed again. A store that cannot be reached raises `StorageUnavailable`
(media.storage), which the admin and the API answer with a clear error. A
failed replacement keeps its rows; files it had already overwritten carry
the new bytes until the editor uploads again.
"""

import io
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PILImage

from .files import (
    EXTENSIONS,
    check_attachment,
    check_image,
    encode,
    new_folder,
    safe_stem,
)
from .models import Attachment, Image, Rendition
from .storage import STORAGE_ERRORS, StorageUnavailable, log_failure

# The names a write in progress added to the store (see all_or_nothing).
_added = ContextVar("media_added_files", default=None)


def store(name: str, content: bytes) -> str:
    """Write `content` under exactly `name`, replacing what was there."""
    try:
        existed = default_storage.exists(name)
        if existed:
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(content))
    except STORAGE_ERRORS as error:
        raise StorageUnavailable(f"save {name}", error) from error
    if stored != name:  # pragma: no cover - a concurrent writer took the name
        raise RuntimeError(f"Storage stored {name!r} as {stored!r}.")
    added = _added.get()
    if added is not None and not existed:
        added.append(name)
    return stored


def remove(name: str) -> None:
    try:
        default_storage.delete(name)
    except STORAGE_ERRORS as error:
        raise StorageUnavailable(f"delete {name}", error) from error


@contextmanager
def all_or_nothing(operation: str):
    """Run a write in a transaction; on failure, remove the files it added.

    A removal that fails too (the store is still away) is logged; the file
    is then an orphan that `remove_orphan_media` lists and removes.
    """
    added = []
    token = _added.set(added)
    try:
        with transaction.atomic():
            yield
    except Exception as error:
        if isinstance(error, StorageUnavailable):
            log_failure(operation, error.error, step=error.operation)
        for name in added:
            try:
                default_storage.delete(name)
            except STORAGE_ERRORS as cleanup_error:
                log_failure(f"{operation}: remove {name}", cleanup_error)
        raise
    finally:
        _added.reset(token)


def rendition_widths(width: int) -> list[int]:
    widths = {w for w in settings.MEDIA_RENDITION_WIDTHS if w < width}
    return sorted(widths | {width})


def make_renditions(image: Image, content: bytes) -> list[Rendition]:
    """(Re)write the image's renditions: each width in its format and in WebP."""
    folder, stem = image.file.name.rsplit("/", 1)
    stem = stem.rsplit(".", 1)[0]
    keep = set()
    renditions = []
    with PILImage.open(io.BytesIO(content)) as picture:
        picture.load()
        for width in rendition_widths(image.width):
            for fmt in (image.format, "webp"):
                data = encode(picture, fmt, width=width)
                name = f"{folder}/{stem}-{width}w.{EXTENSIONS[fmt]}"
                store(name, data)
                keep.add(name)
                with PILImage.open(io.BytesIO(data)) as done:
                    height = done.height
                rendition, _ = Rendition.objects.update_or_create(
                    image=image,
                    width=width,
                    format=fmt,
                    defaults={"file": name, "height": height, "size": len(data)},
                )
                renditions.append(rendition)
    for old in image.renditions.exclude(file__in=keep):
        remove(old.file.name)
        old.delete()
    return renditions


@all_or_nothing("create_image")
def create_image(upload, *, user=None, image=None, **fields) -> Image:
    """Check, re-encode and store an uploaded image with its renditions.

    `image` is an unsaved Image holding the editor's fields (a form's), or
    the fields are given as keywords.
    """
    checked = check_image(upload)
    original = getattr(upload, "name", "") or ""
    name = (
        f"{new_folder('images')}/{safe_stem(original, fallback='image')}"
        f".{EXTENSIONS[checked.format]}"
    )
    image = image or Image(**fields)
    image.format = checked.format
    image.width, image.height = checked.width, checked.height
    image.original_name = original[:255]
    if user is not None and user.is_authenticated:
        image.uploaded_by = user
    image.file.name = name
    image.full_clean(exclude=["file"])
    store(name, checked.content)
    image.save()
    make_renditions(image, checked.content)
    return image


@all_or_nothing("replace_image")
def replace_image(image: Image, upload) -> Image:
    """Put a new picture behind the same URLs: same names, new version."""
    checked = check_image(upload)
    content = checked.content
    if checked.format != image.format:
        with PILImage.open(io.BytesIO(content)) as picture:
            picture.load()
            content = encode(picture, image.format)
    store(image.file.name, content)
    image.width, image.height = checked.width, checked.height
    image.version += 1
    image.original_name = (getattr(upload, "name", "") or "")[:255]
    image.save()
    make_renditions(image, content)
    return image


@all_or_nothing("create_attachment")
def create_attachment(upload, *, attachment=None, **fields) -> Attachment:
    """Check and store an uploaded document for a text.

    `attachment` is an unsaved Attachment with its text, title and language
    (a form's), or they are given as keywords.
    """
    checked = check_attachment(upload)
    original = getattr(upload, "name", "") or ""
    name = f"{new_folder('files')}/{safe_stem(original)}.{checked.kind}"
    attachment = attachment or Attachment(**fields)
    attachment.kind = checked.kind
    attachment.content_type = checked.content_type
    attachment.size = len(checked.content)
    attachment.original_name = original[:255]
    attachment.file.name = name
    attachment.full_clean(exclude=["file"])
    store(name, checked.content)
    attachment.save()
    return attachment


@all_or_nothing("replace_attachment")
def replace_attachment(attachment: Attachment, upload) -> Attachment:
    """Put a new version of the same kind of document behind the same URL."""
    checked = check_attachment(upload)
    if checked.kind != attachment.kind:
        raise ValidationError(
            _(
                "A replacement must be of the same type (%(kind)s); add a new "
                "attachment for another type."
            )
            % {"kind": attachment.get_kind_display()},
            code="kind_changed",
        )
    store(attachment.file.name, checked.content)
    attachment.size = len(checked.content)
    attachment.version += 1
    attachment.original_name = (getattr(upload, "name", "") or "")[:255]
    attachment.save()
    return attachment


def delete_files(instance) -> None:
    """Remove a deleted row's file (image, rendition, attachment) once it commits."""
    name = instance.file.name

    def remove_file():
        if not name:
            return
        try:
            default_storage.delete(name)
        except STORAGE_ERRORS as error:
            # The row is gone; the file is an orphan `remove_orphan_media` finds.
            log_failure("delete after commit", error, name=name)

    transaction.on_commit(remove_file)


def stored_names() -> set[str]:
    """Return every file name the database knows."""
    names = set(Image.objects.values_list("file", flat=True))
    names |= set(Rendition.objects.values_list("file", flat=True))
    names |= set(Attachment.objects.values_list("file", flat=True))
    return names


def orphan_names() -> list[str]:
    """Return stored files under images/ and files/ that no row names."""
    known = stored_names()
    found = []
    for top in ("images", "files"):
        found += [n for n in walk(top) if n not in known]
    return sorted(found)


def walk(folder: str) -> list[str]:
    try:
        directories, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = [f"{folder}/{f}" for f in files]
    for directory in directories:
        names += walk(f"{folder}/{directory}")
    return names
