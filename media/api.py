"""The JSON API of images and attachments: public reads, editors' uploads.

Reads list what public pages show (staff see everything); writes take a
multipart upload with an editor's token and go through the same checks as
the admin (media.library).
"""

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response

from announcements.models import Announcement
from core.api_views import ApiViewMixin, sees_unpublished
from core.cache import shows
from core.middleware import RETRY_AFTER_SECONDS

from . import library
from .models import Attachment, Image, Rendition
from .storage import UNREACHABLE_MESSAGE, StorageUnavailable


class FileStoreUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = UNREACHABLE_MESSAGE
    default_code = "file_store_unavailable"
    # DRF's handler turns `wait` into a Retry-After header.
    wait = int(RETRY_AFTER_SECONDS)


class RenditionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Rendition
        fields = ["width", "height", "format", "size", "url"]

    def get_url(self, rendition) -> str:
        return absolute(self.context, rendition.file.url)


def absolute(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


class ImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    renditions = RenditionSerializer(many=True, read_only=True)
    snippet = serializers.CharField(read_only=True)

    class Meta:
        model = Image
        fields = [
            "id",
            "title",
            "alt_text",
            "decorative",
            "caption",
            "credit",
            "format",
            "width",
            "height",
            "version",
            "url",
            "snippet",
            "renditions",
        ]

    def get_url(self, image) -> str:
        return absolute(self.context, image.file.url)


def checked(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except DjangoValidationError as error:
        raise serializers.ValidationError({"file": error.messages}) from None


class ImageWriteSerializer(serializers.ModelSerializer):
    file = serializers.FileField(
        write_only=True, required=False, help_text="JPEG, PNG, WebP or GIF."
    )

    class Meta:
        model = Image
        fields = ["file", "title", "alt_text", "decorative", "caption", "credit"]

    def validate(self, attrs):
        if self.instance is None and not attrs.get("file"):
            raise serializers.ValidationError({"file": ["Upload an image file."]})
        alt = attrs.get("alt_text", getattr(self.instance, "alt_text", ""))
        decorative = attrs.get(
            "decorative", getattr(self.instance, "decorative", False)
        )
        if not decorative and not (alt or "").strip():
            raise serializers.ValidationError(
                {"alt_text": ["Describe the image, or mark it decorative."]}
            )
        return attrs

    def create(self, validated_data):
        upload = validated_data.pop("file")
        user = self.context["request"].user
        return checked(library.create_image, upload, user=user, **validated_data)

    def update(self, instance, validated_data):
        upload = validated_data.pop("file", None)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance.save()
        if upload:
            checked(library.replace_image, instance, upload)
        return instance


class AttachmentSerializer(serializers.ModelSerializer):
    announcement = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Attachment
        fields = [
            "id",
            "announcement",
            "title",
            "language",
            "kind",
            "kind_label",
            "content_type",
            "size",
            "version",
            "url",
        ]

    def get_url(self, attachment) -> str:
        return absolute(self.context, attachment.file.url)


class AttachmentWriteSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True, required=False)
    announcement = serializers.SlugRelatedField(
        slug_field="slug", queryset=Announcement.objects.all()
    )

    class Meta:
        model = Attachment
        fields = ["file", "announcement", "title", "language", "position"]

    def validate(self, attrs):
        if self.instance is None and not attrs.get("file"):
            raise serializers.ValidationError({"file": ["Upload a file."]})
        return attrs

    def create(self, validated_data):
        upload = validated_data.pop("file")
        return checked(library.create_attachment, upload, **validated_data)

    def update(self, instance, validated_data):
        upload = validated_data.pop("file", None)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance.save()
        if upload:
            checked(library.replace_attachment, instance, upload)
        return instance


class AttachmentFilter(django_filters.FilterSet):
    announcement = django_filters.CharFilter(field_name="announcement__slug")

    class Meta:
        model = Attachment
        fields = ["announcement", "kind", "language"]


class MediaViewSet(ApiViewMixin, viewsets.ModelViewSet):
    # Reads by id; writes with an editor's token, multipart. (A comment, not a
    # docstring: the schema would show it to API readers.)

    lookup_value_regex = "[0-9]+"
    write_serializer_class = None

    def request_body_limit(self):
        # Uploads may exceed the API's general body limit, up to the media
        # limits. (Through ApiViewMixin.initial, which also refuses methods
        # the endpoint lacks and an unknown `?lang=`.)
        return (
            max(settings.MEDIA_IMAGE_MAX_BYTES, settings.MEDIA_ATTACHMENT_MAX_BYTES)
            + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return self.serializer_class

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self.read_response(serializer.instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(
            self.get_object(), data=request.data, partial=partial
        )
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self.read_response(serializer.instance, status.HTTP_200_OK)

    def perform_create(self, serializer):
        self.all_or_nothing(serializer)

    def perform_update(self, serializer):
        self.all_or_nothing(serializer)

    def all_or_nothing(self, serializer):
        # The fields and the file are saved together or not at all; the
        # library removes any file written before the store failed.
        try:
            with transaction.atomic():
                serializer.save()
        except StorageUnavailable:
            raise FileStoreUnavailable from None

    def read_response(self, instance, status_code):
        # A write answers with what a read of the same object gives.
        data = self.serializer_class(
            instance, context=self.get_serializer_context()
        ).data
        return Response(data, status=status_code)

    def list(self, request, *args, **kwargs):
        shows(self.serializer_class.Meta.model, Announcement)
        return super().list(request, *args, **kwargs)

    def get_object(self):
        instance = super().get_object()
        shows(instance, Announcement)
        return instance

    def perform_destroy(self, instance):
        if isinstance(instance, Image) and (
            Image.objects.used_by_published().filter(pk=instance.pk).exists()
        ):
            raise exceptions.PermissionDenied(
                "A published text or a speaker uses this image."
            )
        instance.delete()


class ImageViewSet(MediaViewSet):
    queryset = Image.objects.none()
    serializer_class = ImageSerializer
    write_serializer_class = ImageWriteSerializer
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        images = Image.objects.all()
        if not sees_unpublished(self.request.user):
            images = Image.objects.public()
        return images.prefetch_related("renditions").order_by("-id")


class AttachmentViewSet(MediaViewSet):
    queryset = Attachment.objects.none()
    serializer_class = AttachmentSerializer
    write_serializer_class = AttachmentWriteSerializer
    filterset_class = AttachmentFilter
    ordering_fields = ["position", "id"]

    def get_queryset(self):
        attachments = Attachment.objects.select_related("announcement")
        if not sees_unpublished(self.request.user):
            attachments = attachments.filter(
                announcement__in=Announcement.objects.public()
            )
        return attachments.order_by("announcement", "position", "id")
