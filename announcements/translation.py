"""Names and descriptions in both languages (issue 21), by django-modeltranslation.

Each field named here gets `<field>_en` and `<field>_zh_hans` beside it; the
field itself reads the active language's value, falling back to the other.
Slugs stay one per object, so a URL differs between languages only by its
language prefix.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Speaker, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("name", "position", "organization")
    required_languages = ("en",)
