"""Images and attachments in the API: public reads, editors' multipart uploads."""

import pytest
from rest_framework.test import APIClient

from media import library
from media.models import Attachment, Image, LeadImage
from tests.api.conftest import token_client
from tests.factories import AnnouncementFactory
from tests.media import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


def test_editor_uploads_an_image_and_gets_its_renditions(editor_api):
    response = editor_api.post(
        "/api/v1/images/",
        {
            "file": samples.upload("room.jpg", samples.jpeg_bytes(1200, 800)),
            "alt_text": "The briefing room",
            "credit": "Pressroom",
        },
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["width"] == 1200 and body["height"] == 800
    assert body["snippet"] == f"[image:{body['id']}]"
    assert {(r["width"], r["format"]) for r in body["renditions"]} >= {
        (640, "jpeg"),
        (640, "webp"),
        (1200, "webp"),
    }


def test_hostile_upload_through_the_api_is_a_400_naming_the_problem(editor_api):
    response = editor_api.post(
        "/api/v1/images/",
        {"file": samples.upload("x.png", samples.SVG), "alt_text": "x"},
        format="multipart",
    )

    assert response.status_code == 400
    assert "SVG" in str(response.json())
    assert Image.objects.count() == 0


def test_image_without_alt_text_is_a_400(editor_api):
    response = editor_api.post(
        "/api/v1/images/",
        {"file": samples.upload("x.png", samples.png_bytes(20, 20))},
        format="multipart",
    )

    assert response.status_code == 400
    assert "alt_text" in response.json()["errors"]


def test_anonymous_cannot_upload():
    response = APIClient().post(
        "/api/v1/images/",
        {"file": samples.upload("x.png", samples.png_bytes(20, 20)), "alt_text": "x"},
        format="multipart",
    )

    assert response.status_code in {401, 403}


def test_public_reads_list_only_what_public_texts_show(stored_image):
    public = AnnouncementFactory(published=True)
    draft = AnnouncementFactory()
    LeadImage.objects.create(announcement=public, image=stored_image)
    hidden = library.create_image(
        samples.upload("draft.png", samples.png_bytes(50, 50)), alt_text="Draft"
    )
    LeadImage.objects.create(announcement=draft, image=hidden)
    library.create_attachment(
        samples.upload("t.pdf", samples.pdf_bytes()),
        announcement=public,
        title="Transcript",
    )
    library.create_attachment(
        samples.upload("d.pdf", samples.pdf_bytes()), announcement=draft, title="Secret"
    )
    client = APIClient()

    images = client.get("/api/v1/images/").json()["results"]
    attachments = client.get("/api/v1/attachments/").json()["results"]

    assert [i["id"] for i in images] == [stored_image.pk]
    assert [a["title"] for a in attachments] == ["Transcript"]
    assert attachments[0]["kind"] == "pdf" and attachments[0]["size"] > 0
    assert client.get(f"/api/v1/images/{hidden.pk}/").status_code == 404


def test_editor_attaches_a_pdf_to_a_text(editor_api):
    text = AnnouncementFactory()

    response = editor_api.post(
        "/api/v1/attachments/",
        {
            "file": samples.upload("Transcript.pdf", samples.pdf_bytes()),
            "announcement": text.slug,
            "title": "Transcript",
            "language": "en",
        },
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    assert Attachment.objects.get().content_type == "application/pdf"
