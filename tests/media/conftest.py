import pytest

from tests.media import samples


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Store every test's files in a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def stored_image(db):
    from media.library import create_image

    return create_image(
        samples.upload("Briefing room.png", samples.png_bytes(1800, 1200)),
        alt_text="The briefing room with the speaker at the lectern",
        caption="The press conference",
        credit="Pressroom",
    )


@pytest.fixture(autouse=True)
def pillow_limit(settings):
    """Pillow's pixel limit is process-wide: give each test the default."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.MEDIA_IMAGE_MAX_PIXELS
