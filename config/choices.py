"""Choice labels that are translated once per language, not on every call."""

import functools

from django.utils.encoding import force_str
from django.utils.translation import get_language


class ChoiceLabels:
    """Make `get_<field>_display()` a lookup.

    Django's version builds a dictionary of the field's choices on every
    call, and hashing the lazily translated labels translates each of them:
    a page of a hundred figures translated a thousand labels. Mixed into the
    models with choice fields; the result is the same string.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return _choice_label(field, value, get_language())
        except TypeError:  # an unhashable value: Django's own way copes
            return super()._get_FIELD_display(field)


@functools.lru_cache(maxsize=4096)
def _choice_label(field, value, language):
    labels = dict(field.flatchoices)
    return force_str(labels.get(value, value), strings_only=True)
