"""Uploads are judged by their content; hostile files are refused, nothing stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from media import library
from media.files import safe_stem
from media.models import Attachment, Image, Rendition
from tests.factories import AnnouncementFactory
from tests.media import samples

pytestmark = pytest.mark.django_db


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def refuse_image(name, content, media_root, match):
    with pytest.raises(ValidationError, match=match):
        library.create_image(samples.upload(name, content), alt_text="x")
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_image_is_stored_with_renditions_in_its_format_and_webp(media_root):
    image = library.create_image(
        samples.upload("photo.png", samples.png_bytes(1800, 1200)), alt_text="A room"
    )

    widths = sorted({r.width for r in image.renditions.all()})
    formats = {r.format for r in image.renditions.all()}
    assert widths == [320, 640, 1024, 1600, 1800]
    assert formats == {"png", "webp"}
    for rendition in image.renditions.all():
        with default_storage.open(rendition.file.name) as handle:
            assert PILImage.open(handle).width == rendition.width


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("chart.png", samples.HTML, "HTML, SVG or script"),
        ("chart.png", samples.SVG, "HTML, SVG or script"),
        ("chart.svg", samples.SVG, "HTML, SVG or script"),
        (
            "polyglot.png",
            samples.png_bytes(40, 40) + b"<script>alert(1)</script>",
            "HTML, SVG or script",
        ),
        (
            "trailing.jpg",
            samples.jpeg_bytes(40, 40) + b"PK\x03\x04 payload",
            "data after",
        ),
        ("empty.png", b"", "empty"),
        ("bomb.png", samples.png_claiming(100_000, 100_000), "more than"),
        ("noise.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "not an image"),
        ("doc.png", samples.pdf_bytes(), "not an image"),
    ],
)
def test_hostile_image_is_refused_and_nothing_stored(name, content, match, media_root):
    refuse_image(name, content, media_root, match)


def test_image_over_the_size_limit_is_refused_naming_the_limit(settings, media_root):
    settings.MEDIA_IMAGE_MAX_BYTES = 1024

    refuse_image(
        "big.png", samples.png_bytes(600, 600, mode="RGB"), media_root, "limit of 1.0"
    )


def test_image_over_the_pixel_limit_is_refused(settings, media_root):
    settings.MEDIA_IMAGE_MAX_PIXELS = 1000

    refuse_image("wide.png", samples.png_bytes(100, 100), media_root, "more than 1,000")


def test_reencoding_drops_exif_gps(media_root):
    original = samples.jpeg_with_gps()
    assert PILImage.open(io.BytesIO(original)).getexif().get(0x8825)

    image = library.create_image(samples.upload("gps.jpg", original), alt_text="x")

    for name in [image.file.name, *(r.file.name for r in image.renditions.all())]:
        with default_storage.open(name) as handle:
            data = handle.read()
        assert not PILImage.open(io.BytesIO(data)).getexif()
        assert b"PhoneMaker" not in data


def test_image_needs_alt_text_unless_decorative(media_root):
    with pytest.raises(ValidationError, match="alt text"):
        library.create_image(samples.upload("a.png", samples.png_bytes(50, 50)))

    image = library.create_image(
        samples.upload("a.png", samples.png_bytes(50, 50)), decorative=True
    )

    assert image.alt == ""


def test_replacing_an_image_keeps_its_urls_and_moves_its_version(stored_image):
    names = {stored_image.file.name} | {
        r.file.name for r in stored_image.renditions.all()
    }

    library.replace_image(
        stored_image, samples.upload("new.jpg", samples.jpeg_bytes(1800, 1200))
    )

    stored_image.refresh_from_db()
    assert stored_image.version == 2
    assert {stored_image.file.name} | {
        r.file.name for r in stored_image.renditions.all()
    } == names


def test_deleting_an_image_removes_its_files(
    stored_image, media_root, django_capture_on_commit_callbacks
):
    assert stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        stored_image.delete()

    assert stored_files(media_root) == []
    assert Rendition.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("Transcript.pdf", samples.pdf_bytes(), "pdf", "application/pdf"),
        ("figures.docx", samples.docx_bytes(), "docx", None),
        ("figures.csv", "区域,值\n北京,1\n".encode(), "csv", "text/csv; charset=utf-8"),
        ("notes.txt", b"plain words", "txt", "text/plain; charset=utf-8"),
        # The name does not decide: a PDF called .txt is a PDF.
        ("misnamed.txt", samples.pdf_bytes(), "pdf", "application/pdf"),
    ],
)
def test_attachment_type_comes_from_its_content(name, content, kind, content_type):
    attachment = library.create_attachment(
        samples.upload(name, content),
        announcement=AnnouncementFactory(),
        title="Transcript",
    )

    assert attachment.kind == kind
    assert attachment.size == len(content)
    assert attachment.file.name.endswith(f".{kind}")
    if content_type:
        assert attachment.content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("page.pdf", samples.HTML, "HTML, SVG or script"),
        ("page.txt", samples.HTML, "HTML, SVG or script"),
        ("logo.csv", samples.SVG, "HTML, SVG or script"),
        ("empty.pdf", b"", "empty"),
        ("binary.bin", b"\x00\x01\x02\x03" * 10, "Unsupported file type"),
        ("macro.docx", samples.docx_bytes({"word/vbaProject.bin": b"x"}), "macros"),
        (
            "bomb.docx",
            samples.docx_bytes({"word/zeros.xml": b"0" * 5_000_000}),
            "zip bomb",
        ),
        (
            "script.pdf",
            b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >>",
            "script",
        ),
        ("latin1.txt", "café".encode("latin-1"), "UTF-8"),
    ],
)
def test_hostile_attachment_is_refused_and_nothing_stored(
    name, content, match, media_root
):
    with pytest.raises(ValidationError, match=match):
        library.create_attachment(
            samples.upload(name, content),
            announcement=AnnouncementFactory(),
            title="File",
        )

    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_attachment_over_the_size_limit_is_refused_naming_the_limit(settings):
    settings.MEDIA_ATTACHMENT_MAX_BYTES = 2048

    with pytest.raises(ValidationError, match="limit of 2.0"):
        library.create_attachment(
            samples.upload("big.txt", b"a" * 4096),
            announcement=AnnouncementFactory(),
            title="Big",
        )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32.dll", "system32"),
        ("report\x00\x1b[31m.pdf", "report-31m"),
        ("新闻发布会 实录.pdf", "新闻发布会-实录"),
        ("...", "file"),
        ("<script>.pdf", "script"),
    ],
)
def test_file_names_are_sanitised_and_keep_unicode(given, expected):
    assert safe_stem(given) == expected


def test_stored_names_are_unguessable_and_safe(stored_image):
    folder, name = stored_image.file.name.rsplit("/", 1)

    assert folder.startswith("images/") and len(folder.split("/")[1]) == 24
    assert name == "Briefing-room.png"
