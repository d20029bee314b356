"""Names and descriptions of figures and actions in both languages (issue 21)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, PolicyAction, PolicyActionUpdate


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "description", "unit")
    required_languages = ("en",)


@register(PolicyAction)
class PolicyActionTranslationOptions(TranslationOptions):
    fields = ("title", "description", "responsible_body")
    required_languages = ("en",)


@register(PolicyActionUpdate)
class PolicyActionUpdateTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = ("en",)


# The edit history of indicators and actions, registered once the fields in
# each language exist: a history created with the model (`HistoricalRecords()`
# in its body) would not know them and could not record a save.
simple_history.register(Indicator, app="indicators")
simple_history.register(PolicyAction, app="indicators")
