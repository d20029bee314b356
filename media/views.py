"""Serving stored media files from the file system, with safe headers.

With MEDIA_STORAGE=s3 the files are fetched from the object store instead
(their headers are set on each object); in production with the file system,
the proxy may serve MEDIA_ROOT itself with the same headers (see README).
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

from .files import content_type_for, shown_inline

MEDIA_FOLDERS = ("images/", "files/")


def serve(request, path):
    """Return a stored file: its true type, nosniff, a download unless an image."""
    if not path.startswith(MEDIA_FOLDERS) or ".." in path.split("/") or "\\" in path:
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404 from None
    except Exception:  # noqa: BLE001 - SuspiciousFileOperation and the like
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type_for(path))
    response["X-Content-Type-Options"] = "nosniff"
    # Nothing here is a page: no script, no plugin, no framing, even if opened.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=3600"
    if not shown_inline(path):
        response["Content-Disposition"] = content_disposition_header(
            True, path.rsplit("/", 1)[-1]
        )
    return response
