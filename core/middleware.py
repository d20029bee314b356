"""Site-wide middleware, and the responses it and django-axes send."""

import logging

from django.conf import settings
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.template.response import SimpleTemplateResponse
from django.utils import translation
from django.utils.html import format_html
from django.views.defaults import bad_request

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "30"


class DatabaseUnavailableMiddleware:
    """Answer 503 "temporarily unavailable" while the database cannot be reached.

    Only connection-level failures land here; a query bug is still a 500 and
    is logged as one. Django reconnects on the next request by itself, so the
    site recovers without a restart once the database is back.

    It also answers 400, not 500, when a client's value is one the parser or
    the database cannot take at all (see is_unprocessable_input).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_unprocessable_input(exception):
            # A safety net, not the validation: fields should refuse such
            # values themselves, with a message beside the field.
            logger.warning("Refused unprocessable input: %s", exception)
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": "The request contains a value that cannot be "
                        "processed (too long, too deeply nested, or a NUL "
                        "character).",
                        "errors": {},
                    },
                    status=400,
                )
            return bad_request(request, exception)
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


def is_unprocessable_input(exception: BaseException) -> bool:
    """Return whether a client's value, not our code, broke the parser or database.

    Deeply nested JSON exhausts Python's json module (RecursionError); a NUL
    character is refused by PostgreSQL text columns; an enormous LIKE pattern
    is refused by SQLite. Each is the client's doing and deserves a 400.
    """
    message = str(exception)
    if isinstance(exception, RecursionError):
        return "decoding a JSON" in message
    if isinstance(exception, DataError):
        return "NUL (0x00)" in message
    if isinstance(exception, OperationalError):
        return "pattern too complex" in message
    return False


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


def admin_lockout_response(request, original_response=None, credentials=None):
    """Tell a locked-out admin user what happened and when to try again.

    django-axes calls this (AXES_LOCKOUT_CALLABLE) instead of answering with
    its one-line default. Plain HTML without the site template: the lockout
    must render even when the rest of the site cannot.
    """
    minutes = max(int(settings.AXES_COOLOFF_TIME * 60), 1)
    body = format_html(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Too many failed logins · Pressroom</title></head>\n"
        "<body><main><h1>Too many failed logins</h1>"
        "<p>Sign-in is locked for this account from your address after "
        "{limit} failed attempts. Try again in {minutes} minutes, or ask "
        "another editor to unlock it.</p></main></body></html>\n",
        limit=settings.AXES_FAILURE_LIMIT,
        minutes=minutes,
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the admin in the editor's own language.

    Public pages take their language from the URL alone (English unprefixed,
    `/zh-hans/...`), so that every reader of a URL gets the same bytes. The
    admin's pages are never shared: there the language an editor chose (the
    language cookie) or their browser's wins, as Django's default does.
    """

    def process_request(self, request):
        if not request.path_info.startswith("/" + settings.ADMIN_URL):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None
