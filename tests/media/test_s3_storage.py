"""The S3 path: the same uploads against a local S3-compatible server (moto)."""

import socket

import boto3
import pytest
from django.core.exceptions import ValidationError

from media import library
from tests.factories import AnnouncementFactory
from tests.media import samples

pytestmark = pytest.mark.django_db

BUCKET = "pressroom-media"
CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """Run moto's S3 server on a loopback port for this module."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "media.storage.MediaS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "file_overwrite": True,
                "default_acl": None,
                **CREDENTIALS,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {
        item["Key"]
        for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    }


def test_image_and_renditions_are_stored_in_the_bucket(s3):
    image = library.create_image(
        samples.upload("room.png", samples.png_bytes(700, 400)), alt_text="A room"
    )

    stored = keys(s3)
    assert image.file.name in stored
    assert {r.file.name for r in image.renditions.all()} <= stored
    head = s3.head_object(Bucket=BUCKET, Key=image.file.name)
    assert head["ContentType"] == "image/png"
    assert "ContentDisposition" not in head
    assert image.file.url.startswith("http://127.0.0.1:")


def test_attachment_in_the_bucket_is_a_download_with_its_true_type(s3):
    attachment = library.create_attachment(
        samples.upload("Transcript.txt", samples.pdf_bytes()),
        announcement=AnnouncementFactory(),
        title="Transcript",
    )

    head = s3.head_object(Bucket=BUCKET, Key=attachment.file.name)
    assert head["ContentType"] == "application/pdf"
    assert head["ContentDisposition"] == "attachment"


def test_replacing_in_the_bucket_keeps_the_key(s3):
    image = library.create_image(
        samples.upload("room.png", samples.png_bytes(700, 400)), alt_text="A room"
    )
    before = keys(s3)

    library.replace_image(
        image, samples.upload("new.png", samples.png_bytes(700, 400, (1, 2, 3)))
    )

    assert keys(s3) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.png", samples.SVG),
        ("x.png", samples.png_bytes(40, 40) + b"<script>alert(1)</script>"),
        ("x.png", b""),
        ("x.png", samples.png_claiming(100_000, 100_000)),
    ],
)
def test_hostile_image_leaves_nothing_in_the_bucket(s3, name, content):
    with pytest.raises(ValidationError):
        library.create_image(samples.upload(name, content), alt_text="x")

    assert keys(s3) == set()


def test_orphans_and_deletes_work_in_the_bucket(s3, django_capture_on_commit_callbacks):
    image = library.create_image(
        samples.upload("room.png", samples.png_bytes(400, 300)), alt_text="A room"
    )
    s3.put_object(Bucket=BUCKET, Key="images/stray/left-behind.png", Body=b"x")

    assert library.orphan_names() == ["images/stray/left-behind.png"]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert keys(s3) == {"images/stray/left-behind.png"}
