"""Names and descriptions in the reader's language, with a marked fallback.

Issue 21: a topic, speaker, indicator or action carries a value per language
(django-modeltranslation's `name_en`, `name_zh_hans`). A reader sees their
language's value; where it is missing, the other language's, marked with its
own `lang` attribute so that screen readers and fonts treat it right. Never
an empty cell.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup, escape
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def served_language(code: str | None) -> str | None:
    """Return the site's language for `code` ('zh-Hans', 'zh-hans'), or None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    return code if code in site_languages() else None


def with_translations(model, fields) -> list[str]:
    """Return `fields` for `.only()`, with each translated field's every language.

    A model's own queryset does this itself; a query from another model
    ("indicator__name" from an observation) must, or reading the name in
    the reader's language would load it again, one query per row.
    """
    expanded = []
    for path in fields:
        expanded.append(path)
        *relations, name = path.split("__")
        target = model
        for relation in relations:
            target = target._meta.get_field(relation).related_model
        try:
            translated = translator.get_options_for_model(target).all_fields
        except NotRegistered:
            continue
        prefix = "__".join(relations) + "__" if relations else ""
        expanded += [prefix + field.name for field in translated.get(name, ())]
    return expanded


def named_with_all(queryset, words, field: str = "name"):
    """Return the rows whose `field`, in some language, contains every word.

    A search for "数字经济" finds a topic by its Chinese name and "digital" by
    its English one, whichever language the page is in. Names are short and
    their tables small: a substring match (LIKE) on each language's column.
    """
    for word in words:
        condition = Q()
        for code in site_languages():
            lookup = f"{build_localized_fieldname(field, code)}__icontains"
            condition |= Q(**{lookup: word})
        queryset = queryset.filter(condition)
    return queryset


def value_in(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """Return (value, its language): the reader's, else the first one filled."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    order = [language] + [code for code in site_languages() if code != language]
    for code in order:
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if value:
            return value, code
    return getattr(obj, field, "") or "", language


def values_by_language(obj, field: str) -> dict[str, str]:
    """Return the field's value in every language, "" where missing."""
    return {
        code: getattr(obj, build_localized_fieldname(field, code), None) or ""
        for code in site_languages()
    }


def tr(obj, field: str, paragraphs: bool = False) -> Markup:
    """Render `obj.field` in the reader's language; mark a fallback with `lang`.

    With `paragraphs`, the text is split into paragraphs (Django's
    `linebreaks`), inside a `<div lang=...>` when it is a fallback.
    """
    if obj is None:
        return Markup("")
    value, language = value_in(obj, field)
    current = translation.get_language() or settings.LANGUAGE_CODE
    if paragraphs:
        html = Markup(linebreaks(value, autoescape=True))
        if language == current:
            return html
        return format_html('<div lang="{}">{}</div>', language, html)
    if language == current or not value:
        return escape(value)
    return format_html('<span lang="{}">{}</span>', language, value)


def url_in_language(obj, language: str | None = None) -> str:
    """Return `obj`'s page under a language's prefix (its own language by default).

    A text's Chinese version is linked at /zh-hans/..., its English one
    without a prefix, whichever language the linking page is in.
    """
    language = served_language(language or getattr(obj, "language", None))
    with translation.override(language or settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


# --- Bad input: mixed scripts ------------------------------------------------

_LETTER_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _script(char: str) -> str | None:
    if CJK.match(char):
        return "CJK"
    name = unicodedata.name(char, "")
    return next((script for script in _LETTER_SCRIPTS if name.startswith(script)), None)


def check_name_script(value: str | None, language: str) -> None:
    """Refuse a name written in the wrong script for its language.

    An English name holds no Chinese characters; a Chinese name holds at
    least one (Latin letters and digits beside them are fine: "5G 基站"); no
    word mixes Latin with Cyrillic or Greek letters, the look-alikes of
    spoofed names ("Wаng" with a Cyrillic "а").
    """
    if not value:
        return
    if language == "en" and CJK.search(value):
        raise ValidationError(
            _(
                "The English value holds Chinese characters: put it in the Chinese field."
            ),
            code="mixed_script",
        )
    if (
        language == "zh-hans"
        and not CJK.search(value)
        and re.search(r"[^\W\d_]", value)
    ):
        raise ValidationError(
            _(
                "The Chinese value holds no Chinese characters: put it in the English field."
            ),
            code="mixed_script",
        )
    for word in re.findall(r"[^\W\d_]+", value):
        scripts = {_script(char) for char in word} - {None, "CJK"}
        if len(scripts) > 1:
            raise ValidationError(
                _("“%(word)s” mixes letters of different alphabets.") % {"word": word},
                code="mixed_script",
            )


def check_names(obj, fields: tuple[str, ...]) -> None:
    """Run `check_name_script` over each field's value in each language."""
    errors = {}
    for field in fields:
        for code in site_languages():
            name = build_localized_fieldname(field, code)
            try:
                check_name_script(getattr(obj, name, None), code)
            except ValidationError as error:
                errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
