"""Project-wide DRF plumbing: pagination and the one error shape."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from rest_framework import exceptions, pagination, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from config.middleware import is_connection_failure


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE


def exception_handler(exc, context):
    """Answer every API error as JSON: {"detail": ..., "errors": {...}}.

    `errors` maps field names to lists of messages when the error is about
    particular fields, and is empty otherwise.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, DatabaseError) and is_connection_failure(exc):
        response = Response(
            {
                "detail": "The service is temporarily unavailable. Try again soon.",
                "errors": {},
            },
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
        response["Retry-After"] = "30"
        return response
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": "Invalid input.", "errors": errors}
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": data["detail"], "errors": {}}
    else:
        response.data = {"detail": str(data), "errors": {}}
    return response
