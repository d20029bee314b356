"""Site-wide middleware."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import JsonResponse
from django.template.response import SimpleTemplateResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "30"


class DatabaseUnavailableMiddleware:
    """Answer 503 "temporarily unavailable" while the database cannot be reached.

    Only connection-level failures land here; a query bug is still a 500 and
    is logged as one. Django reconnects on the next request by itself, so the
    site recovers without a restart once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_connection_failure(exception):
            return None
        logger.error("Database unavailable: %s", exception)
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": "The service is temporarily unavailable. Try again soon."},
                status=503,
            )
        else:
            response = SimpleTemplateResponse("503.html", status=503)
            response.render()
        response["Retry-After"] = RETRY_AFTER_SECONDS
        response["Cache-Control"] = "no-store"
        return response


def is_connection_failure(exception: BaseException) -> bool:
    """Return whether the error means the database is down, not a bad query."""
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError | DatabaseError):
        return False
    message = str(exception).lower()
    return any(
        phrase in message
        for phrase in (
            "connection",
            "could not connect",
            "server closed",
            "terminating",
            "unable to open database",
            "disk i/o error",
            "the database system is",
        )
    )
