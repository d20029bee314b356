"""S3-compatible storage for media, through django-storages.

Objects get their true Content-Type, and every file but a raster image is
sent as a download (`Content-Disposition: attachment`), so a browser never
renders an uploaded document as a page of this site's origin.
"""

from storages.backends.s3 import S3Storage

from .files import content_type_for, shown_inline


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters["ContentType"] = content_type_for(name)
        if not shown_inline(name):
            parameters["ContentDisposition"] = "attachment"
        return parameters
