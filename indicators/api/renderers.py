"""CSV for the observation endpoints, written by the same code as the page's."""

import io

from rest_framework import renderers

from ..exports import write_observations_csv


class ObservationCSVRenderer(renderers.BaseRenderer):
    """Render a queryset of observations as CSV with a header row.

    The view hands over the queryset itself (not serializer output), so each
    Decimal goes to `write_observations_csv` exactly as stored.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        buffer = io.StringIO()
        rows = data.iterator(chunk_size=2000) if hasattr(data, "iterator") else data
        write_observations_csv(rows, buffer)
        return buffer.getvalue().encode(self.charset)
