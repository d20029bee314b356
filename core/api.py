"""Project-wide DRF plumbing: the one error shape, paging, ordering, throttles,
parsers, and the schema additions every operation shares.

Every API view of both apps derives from `ApiViewMixin`, so they all answer
errors the same way (see the README's "JSON API" section).
"""

import copy
import json
from collections.abc import Mapping

from django import forms
from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import QueryDict
from django_filters import rest_framework as django_filters
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import (
    exceptions,
    filters,
    pagination,
    parsers,
    serializers,
    status,
    throttling,
)
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.cache_backends import degraded_share
from core.clients import client_ip
from core.middleware import is_connection_failure
from core.urlpaths import path_for

# Keys a browser adds to form posts of the browsable API; never model data.
FORM_PLUMBING_KEYS = {"csrfmiddlewaretoken", "_content", "_content_type"}


# --- Errors -----------------------------------------------------------------


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the data."
    default_code = "conflict"


def exception_handler(exc, context):
    """Answer every API error as JSON: {"detail": ..., "errors": {...}}.

    `errors` maps field names to lists of messages when the error is about
    particular fields, and is empty otherwise.
    """
    exc = _as_api_exception(exc)
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


def _as_api_exception(exc):
    """Translate Django's own errors into the DRF exception they amount to."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    # Raised while parsing a form body past DATA_UPLOAD_MAX_MEMORY_SIZE; Django
    # would otherwise answer with its HTML 400 page.
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ParseError(str(exc) or "Malformed request.")
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(
            "Other records still refer to this one; remove or reassign them first."
        )
    # Validation runs before saving; a unique row written by a concurrent
    # request between the check and the insert is still a client-visible clash.
    if isinstance(exc, IntegrityError):
        return Conflict("The change clashes with existing data.")
    return exc


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error answer (documentation only)."""

    detail = serializers.CharField(help_text="What went wrong, for a person.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Field name → messages; empty unless particular fields are wrong.",
    )


# --- Parsing ----------------------------------------------------------------


class JSONParser(parsers.JSONParser):
    """Parse JSON, refusing text PostgreSQL and UTF-8 cannot store.

    `json.loads` accepts lone surrogates ("\\ud800"); stored, they would fail
    deep inside the database driver instead of as a 400 here.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            raise exceptions.ParseError(
                "JSON parse error - text must be valid Unicode."
            ) from error
        return data


# --- Paging and ordering ----------------------------------------------------


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    page_size_query_description = (
        "Number of results per page; larger values are capped by the server "
        "(API_MAX_PAGE_SIZE)."
    )

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        """Return the requested page size, capped; refuse anything but a number."""
        raw = request.query_params.get(self.page_size_query_param, "").strip()
        if not raw:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise exceptions.ValidationError(
                {self.page_size_query_param: ["Give a whole number of at least 1."]}
            )
        return min(size, self.max_page_size)

    def check_query(self, request):
        """Refuse a `page` or `page_size` that is not a whole number from 1.

        For answers that are not paged (a CSV download): the parameters are
        ignored there, but malformed ones are still refused, as the schema
        documents them the same on every format.
        """
        self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param, "").strip()
        if not raw:
            return
        try:
            number = int(raw)
        except ValueError:
            number = 0
        if number < 1:
            raise exceptions.ValidationError(
                {self.page_query_param: ["Give a whole number of at least 1."]}
            )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=` that refuses unknown fields instead of ignoring them.

    A researcher who misspells a field should learn it, not get a silently
    differently-ordered download. The primary key always breaks ties, so pages
    never overlap.
    """

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = {name for name, _label in self.get_valid_fields(queryset, view)}
        terms = [field for field in fields if field]
        unknown = [term for term in terms if term.removeprefix("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        f"Unknown ordering field: {', '.join(unknown)}. "
                        f"Use one of: {', '.join(sorted(valid))} "
                        "(prefix '-' for descending)."
                    ]
                }
            )
        return terms

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        if not any(term.removeprefix("-") in {"pk", "id"} for term in ordering):
            ordering = [*ordering, "pk"]
        return queryset.order_by(*ordering)

    def get_schema_operation_parameters(self, view):
        names = [name for name, _label in self.get_valid_fields(None, view)]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    "Comma-separated fields to order by; prefix '-' for descending. "
                    "Unknown fields are refused with 400."
                ),
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": [term for name in names for term in (name, f"-{name}")],
                    },
                },
                "style": "form",
                "explode": False,
            }
        ]


class StrictBooleanField(forms.Field):
    """Accept exactly "true" or "false"; anything else is an error."""

    default_error_messages = {"invalid": 'Use "true" or "false".'}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.Filter):
    """A yes/no filter that refuses anything but "true" or "false".

    django-filter's BooleanFilter quietly ignores "?current=maybe"; a client
    deserves to hear that its filter did nothing. Filter methods using it
    annotate `value: bool`, which is how the schema learns the type.
    """

    field_class = StrictBooleanField


# --- Throttles --------------------------------------------------------------


class _ClientRateThrottle:
    """Read the rate when the request comes (so tests may change it), and key
    anonymous clients by the address moderation trusts, not a forgeable
    X-Forwarded-For. A rate of None turns the throttle off.

    The counters live in Django's default cache: Redis in production, shared
    by every worker process.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def parse_rate(self, rate):
        # While Redis is away each process counts alone, so each gets a share.
        allowed, duration = super().parse_rate(rate)
        if allowed is None:
            return allowed, duration
        return degraded_share(allowed, self.cache), duration

    def get_ident(self, request):
        return client_ip(request) or request.META.get("REMOTE_ADDR", "")


class AnonRateThrottle(_ClientRateThrottle, throttling.AnonRateThrottle):
    scope = "anon"


class CommentRateThrottle(_ClientRateThrottle, throttling.SimpleRateThrottle):
    """Limit comment submissions (POST only), per user or per address."""

    scope = "comments"

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


# --- Serializers ------------------------------------------------------------


class StrictInputMixin:
    """Refuse fields a serializer does not take, instead of dropping them.

    Mass assignment (an anonymous commenter sending "status": "approved")
    must fail loudly; silently ignoring it would hide the attempt and the
    client's mistake alike.
    """

    # False for input validated whole even on PATCH (a moderator's decision).
    partial_allowed = True

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            from_json = not isinstance(data, QueryDict)
            writable = {
                name for name, field in self.fields.items() if not field.read_only
            }
            unknown = sorted(
                key
                for key in data
                if key not in writable and key not in FORM_PLUMBING_KEYS
            )
            if unknown:
                raise serializers.ValidationError(
                    dict.fromkeys(unknown, ["This field is not accepted."])
                )
            wrong_types = {
                name: [message]
                for name, value in data.items()
                if from_json
                and name in writable
                and (message := self._json_type_error(self.fields[name], value))
            }
            if wrong_types:
                raise serializers.ValidationError(wrong_types)
        return super().to_internal_value(data)

    @staticmethod
    def _json_type_error(field, value):
        """Return why a JSON value has the wrong type for the field, if it does.

        DRF turns 0 into "0" and "7" into 7; a JSON client sending the wrong
        type has a bug it should hear about. Form data is all strings, so it
        is only checked for JSON (a plain dict).
        """
        if value is None:
            return None
        if isinstance(field, serializers.CharField) and not isinstance(value, str):
            return "Not a valid string."
        if isinstance(field, serializers.IntegerField) and (
            isinstance(value, bool) or not isinstance(value, int)
        ):
            return "A valid integer is required."
        if isinstance(field, serializers.BooleanField) and not isinstance(value, bool):
            return "Must be a valid boolean."
        return None


class StrictInputSerializerExtension(OpenApiSerializerExtension):
    """Say in the schema what StrictInputMixin enforces: no extra properties."""

    target_class = StrictInputMixin
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        target = self.target
        if getattr(target, "partial", False) and not target.partial_allowed:
            # The schema generator marks every PATCH body partial; this one
            # is validated whole, so its required fields stay required.
            target = copy.copy(target)
            target.partial = False
        schema = auto_schema._map_serializer(target, direction, bypass_extensions=True)
        if direction == "request":
            schema["additionalProperties"] = False
        return schema


class SlugOrNullField(serializers.SlugRelatedField):
    """An object by its slug, or null for none; never an empty string.

    DRF reads "" from a form as null; the schema says a slug is at least one
    character, so a client sending "" meant something else and hears so.
    """

    default_error_messages = {
        **serializers.SlugRelatedField.default_error_messages,
        "blank": "Give a slug, or null for none.",
    }

    def get_value(self, dictionary):
        # DRF turns a form's "" into None before validation when null is
        # allowed (and relational fields do again in run_validation); keep
        # the "" so that it can be refused.
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("blank")
        return super().run_validation(data)


class SlugHyperlinkField(serializers.HyperlinkedIdentityField):
    """The absolute URL of a resource addressed by its slug, built cheaply.

    DRF reverses the URL for every row and field; a page of 20 texts has over
    a hundred links. The path comes from core.urlpaths instead.
    """

    def __init__(self, view_name, **kwargs):
        kwargs.setdefault("lookup_field", "slug")
        super().__init__(view_name, **kwargs)

    def get_url(self, obj, view_name, request, format):
        if format is not None or self.lookup_field != "slug":
            return super().get_url(obj, view_name, request, format)
        path = path_for(view_name, obj.slug)
        return request.build_absolute_uri(path) if request is not None else path
