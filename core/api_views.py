"""Base views of the JSON API and the schema class every operation shares.

Kept apart from core.api, which DRF imports while it is still loading its
own generic views (DEFAULT_PAGINATION_CLASS), so that module must not import
them back.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiExample
from rest_framework import (
    exceptions,
    parsers,
    permissions,
    renderers,
    status,
    viewsets,
)
from rest_framework.response import Response

from core.api import (
    AnonRateThrottle,
    ErrorSerializer,
    JSONParser,
    OrderingFilter,
    RequestTooLarge,
)
from core.api_i18n import LANG_PARAMETER, activate_for
from core.cache import shows

# --- Schema -------------------------------------------------------------------

ERROR_EXAMPLES = {
    "400": OpenApiExample(
        "Invalid input",
        value={
            "detail": "Invalid input.",
            "errors": {"held_after": ["Enter a valid date."]},
        },
        response_only=True,
        status_codes=["400"],
    ),
    "404": OpenApiExample(
        "Not found",
        value={"detail": "No Announcement matches the given query.", "errors": {}},
        response_only=True,
        status_codes=["404"],
    ),
    "429": OpenApiExample(
        "Throttled",
        value={
            "detail": "Request was throttled. Expected available in 42 seconds.",
            "errors": {},
        },
        response_only=True,
        status_codes=["429"],
    ),
}

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: a filter, page size, ordering field or body field "
    "was refused. `errors` names each field.",
    "401": "Credentials were missing or wrong (send `Authorization: Token …`).",
    "403": "Not allowed for this user, or comments are closed.",
    "404": "No such resource or page (unpublished content is 404 for the public).",
    "406": "The Accept header asks for a format this endpoint cannot give.",
    "409": "The change conflicts with other data (for example deleting a text "
    "that figures still cite).",
    "413": "The request body is larger than the server accepts.",
    "415": "The request body's Content-Type is not JSON, form or multipart.",
    "429": "Too many requests; retry after `Retry-After` seconds.",
}
READ_ERRORS = ["400", "401", "403", "404", "406", "429"]
WRITE_ERRORS = ["409", "413", "415"]


class AutoSchema(SpectacularAutoSchema):
    """Document the shared error answers on every operation, and ContentViewSet's
    "write one serializer, answer with another"."""

    def get_auth(self):
        auths = super().get_auth()
        # DRF's "anonymous may read" permission: say so, or a client (and the
        # fuzzer's ignored-auth check) would take the token as required.
        anonymous_reads = any(
            isinstance(permission, permissions.DjangoModelPermissionsOrAnonReadOnly)
            for permission in self.view.get_permissions()
        )
        if (
            anonymous_reads
            and self.method in permissions.SAFE_METHODS
            and {} not in auths
        ):
            auths.append({})
        return auths

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "GET":
            parameters = [*parameters, LANG_PARAMETER]
        return parameters

    def _get_parameters(self):
        parameters = super()._get_parameters()
        # An empty query value ("?topic=", as a browser's filter form sends)
        # means "no filter", never an error; say so.
        for parameter in parameters:
            if parameter.get("in") == "query":
                parameter["allowEmptyValue"] = True
        return parameters

    def get_request_serializer(self):
        write_serializer = getattr(self.view, "write_serializer_class", None)
        if write_serializer is not None and self.method in {"POST", "PUT", "PATCH"}:
            return write_serializer
        return super().get_request_serializer()

    def get_response_serializers(self):
        if isinstance(self.view, ContentViewSet) and self.method in {
            "POST",
            "PUT",
            "PATCH",
        }:
            return self.view.detail_serializer_class or self.view.serializer_class
        return super().get_response_serializers()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = list(READ_ERRORS)
        if self.method in {"POST", "PUT", "PATCH", "DELETE"}:
            codes += WRITE_ERRORS
        error_ref = self.resolve_serializer(ErrorSerializer, direction).ref
        for code in codes:
            if code in responses:
                continue
            response = {
                "description": ERROR_DESCRIPTIONS[code],
                "content": {"application/json": {"schema": error_ref}},
            }
            example = ERROR_EXAMPLES.get(code)
            if example is not None:
                response["content"]["application/json"]["examples"] = {
                    example.name.replace(" ", ""): {"value": example.value}
                }
            if code == "429":
                response["headers"] = {
                    "Retry-After": {
                        "description": "Seconds to wait before trying again.",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                }
            responses[code] = response
        return dict(sorted(responses.items()))


# --- Views --------------------------------------------------------------------


class ApiViewMixin:
    # The defaults every Pressroom API view shares. (A comment: a docstring
    # here would become the schema's description of views without their own.)

    parser_classes = [JSONParser, parsers.FormParser, parsers.MultiPartParser]
    throttle_classes = [AnonRateThrottle]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    schema = AutoSchema()

    def initial(self, request, *args, **kwargs):
        # A method the endpoint does not have is 405 for everyone, before
        # authentication or permissions could answer 401/403 instead.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        # DRF reads JSON bodies straight from the stream, past Django's
        # DATA_UPLOAD_MAX_MEMORY_SIZE check, so the limit is enforced here.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = self.request_body_limit()
        if limit is not None and length > limit:
            raise RequestTooLarge(f"The request body is larger than {limit} bytes.")
        # Issue 21: names and descriptions in the language asked for (and an
        # unknown `?lang=` is a 400, as the schema says, on every endpoint).
        activate_for(request)
        super().initial(request, *args, **kwargs)

    def request_body_limit(self) -> int | None:
        """Return the largest request body this endpoint takes, in bytes."""
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    def finalize_response(self, request, response, *args, **kwargs):
        # Only a successful read is CSV; an error, or the answer to OPTIONS
        # or a write, is always JSON even when the client asked for CSV.
        renderer = getattr(request, "accepted_renderer", None)
        if (
            renderer is not None
            and renderer.format not in {"json", "api"}
            and (response.status_code >= 400 or request.method not in {"GET", "HEAD"})
        ):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        # What a signed-in editor reads may include drafts: no shared cache
        # (nor the site's anonymous page cache) may keep it.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ["Authorization", "Cookie"])
        return response


class ModelPermissionsWithView(permissions.DjangoModelPermissions):
    """Model permissions that also guard reads: for the moderation queue."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


def sees_unpublished(user) -> bool:
    """Return whether reads include drafts: staff, as on the site's pages."""
    return bool(user and user.is_authenticated and user.is_staff)


WRITE_ACTIONS = {"create", "update", "partial_update"}


class ContentViewSet(ApiViewMixin, viewsets.ModelViewSet):
    # Public reads and editors' writes of one content model, by slug. Reads
    # and writes use different serializers: `serializer_class` for lists,
    # `detail_serializer_class` for one object, `write_serializer_class` for
    # what an editor sends; a write answers with the detail representation.
    # (A comment, not a docstring: the schema would show it to API readers.)

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    detail_serializer_class = None
    write_serializer_class = None
    # Other models whose rows (or whose public state) the answers show, for
    # the cache keys (core.cache); the endpoint's own model is implied.
    shows_also = ()

    def list(self, request, *args, **kwargs):
        shows(self.get_queryset().model, *self.shows_also)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        instance = super().get_object()
        shows(instance, *self.shows_also)
        return instance

    def get_serializer_class(self):
        if self.action in WRITE_ACTIONS:
            return self.write_serializer_class
        return self.get_read_serializer_class()

    def get_read_serializer_class(self):
        if self.action == "list":
            return self.serializer_class
        return self.detail_serializer_class or self.serializer_class

    def write_response(self, instance, status_code):
        # Read the row back the way a GET would, so the answer carries the
        # same prefetched and annotated fields (an indicator's series, an
        # observation's revision flags) as the detail it claims to be.
        stored = (
            self.filter_queryset(self.get_queryset()).filter(pk=instance.pk).first()
        )
        serializer_class = self.detail_serializer_class or self.serializer_class
        data = serializer_class(
            stored or instance, context=self.get_serializer_context()
        ).data
        return Response(data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self.write_response(serializer.instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self.write_response(serializer.instance, status.HTTP_200_OK)
