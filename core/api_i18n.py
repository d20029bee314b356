"""The API's language (issue 21): `?lang=` or Accept-Language, and every value.

API paths carry no language prefix (LanguageMiddleware answers /api/ in
English), so the API chooses its answer's language itself: `?lang=zh-hans`
first, then the request's Accept-Language, else English. A language the site
does not serve in `?lang=` is a 400 naming the ones it does. Each translated
name also comes in every language (`name_i18n`).
"""

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, serializers

from core.i18n import served_language, site_languages, values_by_language

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    enum=["en", "zh-hans"],
    description=(
        "Language of names and descriptions in the answer (`en`, `zh-hans`). "
        "Without it, the request's Accept-Language chooses, else English. A value "
        "missing in that language is given in the other; every translated field "
        "also comes in all languages as `<field>_i18n`."
    ),
)


def language_of_request(request) -> str:
    """Return the answer's language; raise a 400 for an unknown `?lang=`."""
    raw = request.query_params.get("lang")
    if raw:
        language = served_language(raw)
        if language is None:
            raise exceptions.ValidationError(
                {
                    "lang": [
                        f"Unknown language {raw[:20]!r}: use one of "
                        + ", ".join(site_languages())
                        + "."
                    ]
                }
            )
        return language
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(",")[:10]:
        code = part.split(";", 1)[0].strip()
        language = served_language(code)
        if language is None and code.lower().startswith("zh"):
            language = "zh-hans"
        if language is None and code.lower().startswith("en"):
            language = "en"
        if language is not None:
            return language
    return settings.LANGUAGE_CODE


@extend_schema_field(
    {
        "type": "object",
        "properties": {"en": {"type": "string"}, "zh-hans": {"type": "string"}},
        "description": "The value in each language; an empty string where missing.",
    }
)
class TranslationsField(serializers.Field):
    """A translated field's value in every language, read only."""

    def __init__(self, field: str, **kwargs):
        self.translated_field = field
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return values_by_language(value, self.translated_field)


def activate_for(request) -> None:
    translation.activate(language_of_request(request))
