"""The media issue's "done when", in a real browser.

An editor signs in to the admin, gives a draft text a lead image (with its alt
text) and a PDF attachment, and publishes it; then an anonymous reader sees
the picture with its alt text and a srcset, the document's link with its type
and size, and downloading it gives the PDF.
"""

import io
import re

import pytest
from fpdf import FPDF
from PIL import Image
from playwright.sync_api import expect

from announcements.models import Announcement
from announcements.roles import EDITORS, ensure_roles
from tests.factories import AnnouncementFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
ALT = "The minister at the lectern in front of a blue backdrop"


def png_bytes() -> bytes:
    out = io.BytesIO()
    # Wide enough for renditions below its own width (the srcset).
    Image.new("RGB", (800, 450), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Fact sheet: output rose in the first quarter.")
    return bytes(pdf.output())


@pytest.fixture
def desk(settings, tmp_path):
    # Transactional tests flush every table, the roles' groups included.
    ensure_roles()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # One editor publishes alone: the review rule is off (as it is unless DEBUG),
    # and an Editor (not a Publisher) may then publish their own text.
    settings.REQUIRE_SECOND_EDITOR = False
    editor = UserFactory(username="edith", roles=[EDITORS])
    draft = AnnouncementFactory(title="Industrial output rose in the first quarter")
    return editor, draft


def sign_in(page, base, username):
    page.goto(base + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_contain_text("What needs you now")


def test_editor_adds_a_lead_image_and_a_pdf_then_a_reader_sees_and_downloads_them(
    live_server, new_page, desk
):
    _, draft = desk
    pdf = pdf_bytes()

    editor = new_page()
    sign_in(editor, live_server.url, "edith")
    editor.goto(
        f"{live_server.url}/admin/announcements/announcement/{draft.pk}/change/"
    )
    lead = editor.locator("#lead_image-group")
    lead.locator("input[name='lead_image-0-upload']").set_input_files(
        {"name": "lectern.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    lead.locator("input[name='lead_image-0-alt_text']").fill(ALT)
    documents = editor.locator("#attachments-group")
    documents.locator("input[name='attachments-0-title']").fill("Fact sheet")
    documents.locator("input[name='attachments-0-upload']").set_input_files(
        {"name": "fact-sheet.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    editor.get_by_role("button", name="Save and continue editing").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(editor.locator("#lead_image-group img.media-thumbnail")).to_have_attribute(
        "alt", ALT
    )
    expect(editor.locator("#attachments-group")).to_contain_text("(PDF, ")

    editor.get_by_role("link", name="Review and publish").click()
    editor.get_by_role("button", name="Publish", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("is published")
    draft.refresh_from_db()
    assert draft.status == Announcement.Status.PUBLISHED

    reader = new_page()
    reader.goto(live_server.url + draft.get_absolute_url())
    image = reader.locator(".lead-image img")
    expect(image).to_have_attribute("alt", ALT)
    expect(image).to_have_attribute("srcset", re.compile(r"\S+ \d+w"))
    expect(image).to_be_visible()
    # The picture loads (a broken image has no natural width).
    reader.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )

    item = reader.locator(".attachment-list li").filter(has_text="Fact sheet")
    expect(item).to_have_count(1)
    expect(item.locator(".attachment-facts")).to_have_text(
        re.compile(r"^\(PDF, \d+(\.\d)?\s(bytes|KB)\)$")
    )
    link = item.get_by_role("link", name="Fact sheet")
    with reader.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as saved:
        assert saved.read() == pdf

    response = reader.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == pdf
