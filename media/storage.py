"""Where media files live, and what happens when that place is unreachable.

S3-compatible storage goes through django-storages. Objects get their true
Content-Type, and every file but a raster image is sent as a download
(`Content-Disposition: attachment`), so a browser never renders an uploaded
document as a page of this site's origin.

The object store is a helper, not the site: its client has short connect
and read timeouts and one retry (settings `MEDIA_S3_CONNECT_TIMEOUT`,
`MEDIA_S3_READ_TIMEOUT`, `MEDIA_S3_MAX_ATTEMPTS`), so an upload to a dead
store fails within seconds instead of holding a worker. Pages never call the
store: URLs are built locally (a public domain, or a signature computed in
the process). A write that fails raises `StorageUnavailable`, which the admin
and the API answer as "the file store is unreachable, nothing was saved".
"""

import logging
import os
import tempfile
import time

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from storages.backends.s3 import S3Storage

from .files import content_type_for, shown_inline

logger = logging.getLogger("pressroom.dependencies")

# What a failing store raises: botocore's connection errors and timeouts
# (BotoCoreError), an error answer of the store (ClientError, and boto3's
# S3UploadFailedError, which wraps one), and the file system's OSError.
try:
    from boto3.exceptions import S3UploadFailedError
except ImportError:  # pragma: no cover - boto3 is a dependency
    S3UploadFailedError = ClientError
STORAGE_ERRORS = (BotoCoreError, ClientError, S3UploadFailedError, OSError)

# What an API client reads (the admin says it in the editor's language).
UNREACHABLE_MESSAGE = (
    "The file store is unreachable, so nothing was saved. Try again in a few minutes."
)


class StorageUnavailable(Exception):
    """The file store failed during a write; what was written is removed."""

    def __init__(self, operation: str, error: Exception):
        super().__init__(f"{operation}: {type(error).__name__}: {error}")
        self.operation = operation
        self.error = error


def log_failure(operation: str, error: Exception, **extra) -> None:
    """One structured line per degraded call (see core.cache_backends)."""
    logger.warning(
        "File store unavailable",
        extra={
            "dependency": "storage",
            "operation": operation,
            "error": f"{type(error).__name__}: {error}"[:500],
            **extra,
        },
    )


def client_config(**overrides) -> Config:
    """The botocore Config for the media store: short timeouts, few retries."""
    values = {
        "connect_timeout": settings.MEDIA_S3_CONNECT_TIMEOUT,
        "read_timeout": settings.MEDIA_S3_READ_TIMEOUT,
        "retries": {"total_max_attempts": settings.MEDIA_S3_MAX_ATTEMPTS},
    }
    values.update(overrides)
    return Config(**values)


class MediaS3Storage(S3Storage):
    def __init__(self, **options):
        if options.get("client_config") is None:
            # django-storages' own defaults, plus the timeouts and retries.
            options["client_config"] = client_config(
                s3={"addressing_style": options.get("addressing_style")},
                signature_version=options.get("signature_version"),
                proxies=options.get("proxies"),
            )
        super().__init__(**options)

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters["ContentType"] = content_type_for(name)
        if not shown_inline(name):
            parameters["ContentDisposition"] = "attachment"
        return parameters


# --- Readiness ---------------------------------------------------------------

_probe_clients = {}


def _probe_client(storage: S3Storage):
    """A client of the store with a tighter budget than uploads get: one try."""
    key = (
        storage.endpoint_url,
        storage.region_name,
        storage.access_key,
        storage.bucket_name,
    )
    client = _probe_clients.get(key)
    if client is None:
        timeout = settings.MEDIA_STORAGE_PROBE_TIMEOUT
        client = storage._create_session().client(
            "s3",
            region_name=storage.region_name,
            use_ssl=storage.use_ssl,
            endpoint_url=storage.endpoint_url,
            verify=storage.verify,
            config=client_config(
                connect_timeout=timeout,
                read_timeout=timeout,
                retries={"total_max_attempts": 1},
            ),
        )
        _probe_clients[key] = client
    return client


def readiness() -> dict:
    """The store's state for /readyz: a cheap call, "degraded" with the error."""
    storage = storages["default"]
    started = time.monotonic()
    try:
        if isinstance(storage, S3Storage):
            kind = "s3"
            _probe_client(storage).head_bucket(Bucket=storage.bucket_name)
        elif isinstance(storage, FileSystemStorage):
            kind = "filesystem"
            probe_folder(storage.location)
        else:
            kind = type(storage).__name__
            storage.exists("readyz-probe")
    except STORAGE_ERRORS as error:
        return {
            "status": "degraded",
            "kind": kind,
            "error": f"{type(error).__name__}: {error}"[:200],
            "effect": "pages show images' alt text; uploads refused (503)",
        }
    return {
        "status": "up",
        "kind": kind,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }


def probe_folder(location: str) -> None:
    """Write and remove a small file in MEDIA_ROOT, or raise OSError.

    Before the first upload the folder may not exist yet: the nearest folder
    above it must then be one the process can write in.
    """
    path = os.path.abspath(location)
    if not os.path.exists(path):
        parent = path
        while not os.path.exists(parent):
            parent = os.path.dirname(parent)
        if not os.path.isdir(parent):
            raise NotADirectoryError(f"{parent} is not a folder")
        if not os.access(parent, os.W_OK):
            raise PermissionError(f"{parent} is not writable")
        return
    with tempfile.NamedTemporaryFile(dir=path, prefix=".readyz-") as probe:
        probe.write(b"ok")
        probe.flush()
