"""The image library in the admin: upload, search, used in, replace, delete refused."""

import pytest
from django.urls import reverse

from media.models import Image, LeadImage
from tests.factories import AnnouncementFactory
from tests.media import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_editor_uploads_an_image_in_the_library(desk):
    response = desk.post(
        reverse("admin:media_image_add"),
        {
            "upload": samples.upload("room.png", samples.png_bytes(900, 600)),
            "title": "Room",
            "alt_text": "The briefing room",
            "caption": "",
            "credit": "Pressroom",
        },
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions.count() > 0
    listing = desk.get(reverse("admin:media_image_changelist") + "?q=briefing")
    assert b"media-thumbnail" in listing.content
    assert b"The briefing room" in listing.content


def test_library_refuses_a_hostile_file_with_a_form_error(desk):
    response = desk.post(
        reverse("admin:media_image_add"),
        {"upload": samples.upload("x.png", samples.HTML), "alt_text": "x"},
    )

    assert response.status_code == 200
    assert "HTML, SVG or script" in response.content.decode()
    assert Image.objects.count() == 0


def test_image_page_says_where_it_is_used_and_gives_the_snippet(desk, stored_image):
    text = AnnouncementFactory(title="Industry in the first half")
    LeadImage.objects.create(announcement=text, image=stored_image)

    page = desk.get(reverse("admin:media_image_change", args=[stored_image.pk]))

    assert "Industry in the first half" in page.content.decode()
    assert f"[image:{stored_image.pk}]" in page.content.decode()


def test_replacing_in_the_admin_keeps_the_url(desk, stored_image):
    name = stored_image.file.name

    desk.post(
        reverse("admin:media_image_change", args=[stored_image.pk]),
        {
            "upload": samples.upload("new.jpg", samples.jpeg_bytes(1000, 700)),
            "title": "",
            "alt_text": stored_image.alt_text,
            "caption": "",
            "credit": "",
        },
    )

    stored_image.refresh_from_db()
    assert stored_image.file.name == name
    assert stored_image.version == 2
    assert stored_image.width == 1000


def test_deleting_an_image_a_published_text_uses_is_refused(desk, stored_image):
    LeadImage.objects.create(
        announcement=AnnouncementFactory(published=True), image=stored_image
    )

    response = desk.post(
        reverse("admin:media_image_delete", args=[stored_image.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert Image.objects.filter(pk=stored_image.pk).exists()
    page = desk.get(response["Location"])
    assert "cannot be deleted" in page.content.decode()


def test_body_snippet_counts_as_a_use(desk, stored_image):
    AnnouncementFactory(published=True, body=f"Intro.\n\n[image:{stored_image.pk}]\n")

    desk.post(
        reverse("admin:media_image_delete", args=[stored_image.pk]), {"post": "yes"}
    )

    assert Image.objects.filter(pk=stored_image.pk).exists()
