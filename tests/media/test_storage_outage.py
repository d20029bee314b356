"""Object storage down: pages still render, uploads refuse clearly, nothing half-stored.

A real S3-compatible server (moto's, in its own process on a loopback port)
is started, then terminated: the failure is a closed port, not a mock. The
file-system store fails for real too (MEDIA_ROOT under a plain file).
"""

import json
import logging
import socket
import subprocess
import sys
import time

import boto3
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from media import library
from media.models import Attachment, Image, LeadImage, Rendition
from tests.api.conftest import token_client
from tests.factories import AnnouncementFactory
from tests.media import samples
from tests.media.test_s3_storage import BUCKET, CREDENTIALS, free_port

pytestmark = pytest.mark.django_db

# A dead store must answer within the client's budget (a couple of seconds),
# not the default minute of retries.
QUICKLY = 5.0
UNREACHABLE = "The file store is unreachable, so nothing was saved."


class MotoProcess:
    """moto's S3 server as a process of its own, to be killed and restarted."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                assert self.process.poll() is None, "moto's server did not start"
                time.sleep(0.1)
        else:  # pragma: no cover
            raise AssertionError("moto's server did not listen in time")
        # moto keeps its buckets in memory: a restarted server has none.
        self.client().create_bucket(Bucket=BUCKET)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def stored_keys(self) -> set[str]:
        found = self.client().list_objects_v2(Bucket=BUCKET).get("Contents", [])
        return {item["Key"] for item in found}


@pytest.fixture
def moto():
    server = MotoProcess()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def s3(settings, moto):
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": moto.endpoint,
                "region_name": "us-east-1",
                "file_overwrite": True,
                "default_acl": None,
                **CREDENTIALS,
            },
        },
    }
    return moto


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def admin_upload(desk):
    return desk.post(
        reverse("admin:media_image_add"),
        {
            "upload": samples.upload("room.png", samples.png_bytes(900, 600)),
            "title": "Room",
            "alt_text": "The briefing room",
            "caption": "",
            "credit": "Pressroom",
        },
    )


def api_upload(editor):
    return token_client(editor).post(
        "/api/v1/images/",
        {
            "file": samples.upload("room.jpg", samples.jpeg_bytes(900, 600)),
            "alt_text": "The briefing room",
        },
        format="multipart",
    )


def nothing_stored():
    return (
        Image.objects.count() == 0
        and Rendition.objects.count() == 0
        and Attachment.objects.count() == 0
    )


def test_admin_upload_to_a_dead_store_is_a_form_error_and_saves_nothing(s3, desk):
    s3.stop()

    started = time.monotonic()
    response = admin_upload(desk)
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert UNREACHABLE in response.content.decode()
    assert 'name="alt_text" value="The briefing room"' in response.content.decode()
    assert elapsed < QUICKLY
    assert nothing_stored()


def test_library_write_to_a_dead_store_raises_and_saves_nothing(s3):
    # What the text and speaker pages' inlines call (media.admin's forms).
    text = AnnouncementFactory()
    s3.stop()

    started = time.monotonic()
    with pytest.raises(library.StorageUnavailable):
        library.create_attachment(
            samples.upload("Transcript.pdf", samples.pdf_bytes()),
            announcement=text,
            title="Transcript",
        )

    assert time.monotonic() - started < QUICKLY
    assert nothing_stored()


def test_api_upload_to_a_dead_store_is_a_503_and_saves_nothing(s3, editor, caplog):
    text = AnnouncementFactory()
    s3.stop()

    with caplog.at_level(logging.WARNING, logger="pressroom.dependencies"):
        started = time.monotonic()
        image = api_upload(editor)
        attachment = token_client(editor).post(
            "/api/v1/attachments/",
            {
                "file": samples.upload("Transcript.pdf", samples.pdf_bytes()),
                "announcement": text.slug,
                "title": "Transcript",
            },
            format="multipart",
        )
        elapsed = time.monotonic() - started

    for response in (image, attachment):
        assert response.status_code == 503
        assert response["Retry-After"].isdigit()
        assert response.json()["detail"].startswith(UNREACHABLE)
    assert elapsed < 2 * QUICKLY
    assert nothing_stored()
    logged = [r for r in caplog.records if getattr(r, "dependency", "") == "storage"]
    assert len(logged) == 2
    assert {r.operation for r in logged} == {"create_image", "create_attachment"}
    assert all(r.error for r in logged)


def test_api_replacement_on_a_dead_store_keeps_the_old_fields(s3, editor):
    image = library.create_image(
        samples.upload("room.png", samples.png_bytes(700, 400)), alt_text="A room"
    )
    s3.stop()

    response = token_client(editor).patch(
        f"/api/v1/images/{image.pk}/",
        {
            "file": samples.upload("new.png", samples.png_bytes(700, 400, (1, 2, 3))),
            "alt_text": "Another room",
        },
        format="multipart",
    )

    assert response.status_code == 503
    image.refresh_from_db()
    assert (image.alt_text, image.version) == ("A room", 1)


def test_page_with_a_lead_image_renders_while_the_store_is_down(s3, client):
    image = library.create_image(
        samples.upload("room.png", samples.png_bytes(900, 600)),
        alt_text="The briefing room with the speaker at the lectern",
    )
    text = AnnouncementFactory(published=True)
    LeadImage.objects.create(announcement=text, image=image)
    library.create_attachment(
        samples.upload("Transcript.pdf", samples.pdf_bytes()),
        announcement=text,
        title="Transcript",
    )
    s3.stop()

    started = time.monotonic()
    response = client.get(text.get_absolute_url())
    elapsed = time.monotonic() - started

    page = response.content.decode()
    assert response.status_code == 200
    assert 'alt="The briefing room with the speaker at the lectern"' in page
    assert f"{s3.endpoint}/{BUCKET}/images/" in page  # links built locally
    assert ">Transcript</a>" in page
    assert elapsed < 1.0


def test_readiness_says_storage_degraded_with_a_200(s3, client):
    up = client.get("/readyz").json()
    assert up["checks"]["storage"]["status"] == "up"
    assert up["checks"]["storage"]["kind"] == "s3"

    s3.stop()
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["storage"]["status"] == "degraded"
    assert body["checks"]["storage"]["error"]
    assert body["checks"]["database"]["status"] == "up"
    assert elapsed < 3.0


def test_uploads_work_again_when_the_store_returns(s3, desk, editor):
    s3.stop()
    assert api_upload(editor).status_code == 503

    s3.start()  # the same port

    assert api_upload(editor).status_code == 201
    assert admin_upload(desk).status_code == 302
    assert Image.objects.count() == 2
    stored = s3.stored_keys()
    for image in Image.objects.all():
        assert image.file.name in stored
        assert {r.file.name for r in image.renditions.all()} <= stored
    assert (
        json.loads(desk.get("/readyz").content)["checks"]["storage"]["status"] == "up"
    )


def test_a_failed_write_removes_the_files_it_had_added(s3):
    with pytest.raises(RuntimeError), library.all_or_nothing("test"):
        library.store("images/half/written.png", samples.png_bytes(40, 40))
        assert "images/half/written.png" in s3.stored_keys()
        raise RuntimeError("a later step failed")

    assert s3.stored_keys() == set()


# --- The file system --------------------------------------------------------


@pytest.fixture
def broken_media_root(settings, tmp_path):
    """MEDIA_ROOT below a plain file: every write fails with a real OSError."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = str(blocker / "media")
    settings.PAGE_CACHE_SECONDS = 0
    return blocker


def test_file_system_failure_is_a_form_error_and_saves_nothing(broken_media_root, desk):
    response = admin_upload(desk)

    assert response.status_code == 200
    assert UNREACHABLE in response.content.decode()
    assert nothing_stored()


def test_file_system_failure_is_a_503_in_the_api(broken_media_root, editor):
    response = api_upload(editor)

    assert response.status_code == 503
    assert nothing_stored()


def test_readiness_checks_the_media_folder(settings, client, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    assert client.get("/readyz").json()["checks"]["storage"]["status"] == "up"
    (tmp_path / "media").mkdir()
    assert client.get("/readyz").json()["checks"]["storage"]["status"] == "up"
    assert list((tmp_path / "media").iterdir()) == []  # the probe cleans up

    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = str(blocker / "media")
    response = client.get("/readyz")

    assert response.status_code == 200
    storage = response.json()["checks"]["storage"]
    assert storage == {**storage, "status": "degraded", "kind": "filesystem"}
    assert default_storage.location == str(blocker / "media")
