"""What a reader sees: lead image, body images, attachments, portraits, feeds, files."""

import pytest
from django.core.management import call_command

from media import library
from media.models import LeadImage, SpeakerPortrait
from tests.factories import AnnouncementFactory
from tests.media import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def text_with_media(stored_image):
    text = AnnouncementFactory(
        published=True, body=f"Opening words.\n\n[image:{stored_image.pk}]\n\nMore."
    )
    LeadImage.objects.create(announcement=text, image=stored_image)
    library.create_attachment(
        samples.upload("Transcript.pdf", samples.pdf_bytes()),
        announcement=text,
        title="Transcript",
    )
    return text


def test_reader_sees_the_lead_image_with_alt_srcset_and_size(client, text_with_media):
    page = client.get(text_with_media.get_absolute_url()).content.decode()

    assert 'alt="The briefing room with the speaker at the lectern"' in page
    assert 'srcset="/media/images/' in page
    assert 'type="image/webp"' in page
    assert 'width="1800" height="1200"' in page
    assert 'property="og:image" content="http://testserver/media/images/' in page
    assert "Credit: Pressroom" in page


def test_body_snippet_becomes_a_lazy_figure(client, text_with_media):
    page = client.get(text_with_media.get_absolute_url()).content.decode()

    body = page.split('class="body prose"', 1)[1].split("</div>", 1)[0]
    assert "[image:" not in body
    assert 'loading="lazy"' in body


def test_attachment_listed_with_type_and_size(client, text_with_media):
    page = client.get(text_with_media.get_absolute_url()).content.decode()

    assert ">Transcript</a>" in page
    assert "(PDF, " in page


def test_pages_name_the_media_they_show(client, text_with_media, stored_image):
    response = client.get(text_with_media.get_absolute_url())

    assert f"image-{stored_image.pk}" in response["Surrogate-Key"].split()


def test_speaker_portrait_shows_beside_the_name(client, text_with_media):
    from tests.factories import SpeakerFactory

    speaker = SpeakerFactory()
    text_with_media.speakers.add(speaker)
    portrait = library.create_image(
        samples.upload("p.png", samples.png_bytes(300, 300)), decorative=True
    )
    SpeakerPortrait.objects.create(speaker=speaker, image=portrait)

    page = client.get(text_with_media.get_absolute_url()).content.decode()

    assert 'class="speaker-portrait"' in page and 'alt=""' in page


def test_attachment_is_served_as_a_download_with_its_true_type(client, text_with_media):
    attachment = text_with_media.attachments.get()

    response = client.get(attachment.file.url)

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_media_paths_outside_the_folders_are_404(client):
    assert client.get("/media/../db.sqlite3").status_code == 404
    assert client.get("/media/images/%2e%2e/x").status_code == 404


def test_feed_carries_attachments_as_enclosures(client, text_with_media):
    feed = client.get("/feeds/announcements/").content.decode()

    assert "<enclosure " in feed and 'type="application/pdf"' in feed


def test_orphan_command_lists_and_removes_stray_files(media_root, stored_image, capsys):
    stray = media_root / "files" / "abc" / "left.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-1.4")

    call_command("remove_orphan_media")
    assert "files/abc/left.pdf" in capsys.readouterr().out
    call_command("remove_orphan_media", "--delete")

    assert not stray.exists()
    assert (media_root / stored_image.file.name).exists()


def test_demo_media_is_generated_and_idempotent(capsys):
    from announcements.models import Speaker
    from media.demo import SEED_SLUG, SPEAKER_SLUG

    text = AnnouncementFactory(slug=SEED_SLUG, published=True)
    Speaker.objects.create(name="Wang Peng", slug=SPEAKER_SLUG)

    call_command("load_demo_media")
    call_command("load_demo_media")

    assert LeadImage.objects.get(announcement=text).image.credit.startswith("Pressroom")
    assert text.attachments.get().kind == "pdf"
    assert SpeakerPortrait.objects.count() == 1
