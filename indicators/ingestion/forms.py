"""Forms of the admin import flow: the paste/upload form and the review formsets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Indicator, Observation
from . import MAX_BYTES, UnreadableText, decode_bytes
from .importer import indicator_candidates, match_indicator

CREATE_NEW = ""


class PressTextImportForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the press text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text=_(
            "Plain text or HTML copied from the page. Site boilerplate is removed."
        ),
    )
    upload = forms.FileField(
        label=_("…or upload a file"),
        required=False,
        help_text=_("A UTF-8 text or HTML file, at most %(mb)d MB.")
        % {"mb": MAX_BYTES // (1024 * 1024)},
    )
    held_on = forms.DateField(
        label=_("Held on"),
        required=False,
        help_text=_(
            "The date of the briefing. Empty: the date in the text, else today."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    source_url = forms.URLField(
        label=_("Source URL"), required=False, max_length=500, assume_scheme="https"
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: the limit is %(mb)d MB.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        try:
            return decode_bytes(upload.read())
        except UnreadableText as error:
            raise forms.ValidationError(str(error)) from None

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise forms.ValidationError(
                _("The text is too long: the limit is %(mb)d MB.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        if "\x00" in text:
            raise forms.ValidationError(_("The text contains binary data."))
        return text

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        uploaded = cleaned.get("upload")
        if self.errors:
            return cleaned
        if text.strip() and uploaded:
            raise forms.ValidationError(_("Paste a text or upload a file, not both."))
        press_text = uploaded if uploaded else text
        if not press_text or not press_text.strip():
            raise forms.ValidationError(_("Paste a press text or upload a file."))
        cleaned["press_text"] = press_text
        return cleaned


def indicator_choices(name: str, unit: str, indicators) -> list:
    """Return the choices for a figure's indicator: "create new", then matches."""
    same_unit = [
        (str(indicator.pk), f"{indicator.name} ({indicator.unit})")
        for _score, indicator in indicator_candidates(name, unit, indicators)
    ]
    choices = [(CREATE_NEW, _("Create a new indicator"))]
    if same_unit:
        choices.append((_("Existing indicators with this unit"), same_unit))
    others = [
        (str(indicator.pk), f"{indicator.name} ({indicator.unit})")
        for indicator in indicators
        if str(indicator.pk) not in {pk for pk, _label in same_unit}
    ]
    if others:
        choices.append((_("Other indicators"), others))
    return choices


class FigureSuggestionForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("accept"), required=False)
    name = forms.CharField(
        label=_("name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"size": 30}),
    )
    value = forms.DecimalField(
        label=_("value"), max_digits=24, decimal_places=6, required=False
    )
    unit = forms.CharField(
        label=_("unit"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"size": 12}),
    )
    qualifier = forms.ChoiceField(
        label=_("qualifier"), choices=Observation.Qualifier.choices
    )
    period_label = forms.CharField(
        label=_("period"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"size": 12}),
    )
    period_start = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    quote = forms.CharField(
        label=_("quote"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
    )
    indicator = forms.ChoiceField(
        label=_("indicator"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "This indicator no longer exists (deleted meanwhile?): choose "
                "another or create a new one."
            )
        },
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {str(i.pk): i for i in indicators}
        initial = self.initial
        self.fields["indicator"].choices = indicator_choices(
            initial.get("name", ""), initial.get("unit", ""), list(indicators)
        )

    def clean_indicator(self):
        value = self.cleaned_data.get("indicator") or CREATE_NEW
        if value != CREATE_NEW and value not in self.indicators:
            raise forms.ValidationError(
                _(
                    "This indicator no longer exists (deleted meanwhile?): choose "
                    "another or create a new one."
                )
            )
        return self.indicators.get(value)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("accept"):
            return cleaned
        for field in (
            "name",
            "value",
            "unit",
            "period_label",
            "period_start",
            "period_end",
        ):
            if cleaned.get(field) in (None, "") and field not in self.errors:
                self.add_error(field, _("Required to accept this figure."))
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class ActionSuggestionForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("accept"), required=False)
    ordinal = forms.IntegerField(
        label=_("No."), min_value=1, max_value=32767, required=False
    )
    title = forms.CharField(
        label=_("title"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )
    text = forms.CharField(
        label=_("text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
    responsible_body = forms.CharField(
        label=_("responsible body"), max_length=300, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept"):
            for field in ("ordinal", "title"):
                if cleaned.get(field) in (None, "") and field not in self.errors:
                    self.add_error(field, _("Required to accept this action."))
        return cleaned


class _SuggestionFormSet(forms.BaseFormSet):
    """Formset whose forms may only refer to the suggestions it was built from."""

    def __init__(self, *args, suggestions=(), **kwargs):
        self.suggestions = {s.pk: s for s in suggestions}
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            pk = form.cleaned_data.get("suggestion")
            if pk not in self.suggestions or pk in seen:
                raise forms.ValidationError(
                    _("The suggestions changed since this page was loaded. Reload it.")
                )
            seen.add(pk)
            form.cleaned_data["suggestion"] = self.suggestions[pk]

    def accepted(self) -> list[dict]:
        return [
            form.cleaned_data for form in self.forms if form.cleaned_data.get("accept")
        ]


class FigureFormSet(
    forms.formset_factory(FigureSuggestionForm, formset=_SuggestionFormSet, extra=0)
):
    def __init__(self, *args, indicators=(), **kwargs):
        self.indicators = list(indicators)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "indicators": self.indicators}


ActionFormSet = forms.formset_factory(
    ActionSuggestionForm, formset=_SuggestionFormSet, extra=0
)


class TitleForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the text"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "vTextField review-title"}),
        help_text=_("Taken from the headline; correct it here if it is wrong."),
    )


def is_confident(data: dict, match) -> bool:
    """Return whether the extractor is sure: value, unit and period found, and an
    existing indicator matched. Such suggestions start ticked (issue 17)."""
    return bool(
        data.get("value")
        and data.get("unit")
        and data.get("period_start")
        and data.get("period_end")
        and data.get("period_label")
        and match is not None
    )


def figure_initial(suggestion, indicators) -> dict:
    data = suggestion.data
    match = match_indicator(data.get("name", ""), data.get("unit", ""), indicators)
    return {
        "suggestion": suggestion.pk,
        "accept": is_confident(data, match),
        "name": data.get("name", ""),
        "value": data.get("value"),
        "unit": data.get("unit", ""),
        "qualifier": data.get("qualifier", Observation.Qualifier.EXACT),
        "period_label": data.get("period_label", ""),
        "period_start": data.get("period_start"),
        "period_end": data.get("period_end"),
        "quote": data.get("quote", ""),
        "indicator": str(match.pk) if match else CREATE_NEW,
    }


def action_initial(suggestion) -> dict:
    data = suggestion.data
    return {
        "suggestion": suggestion.pk,
        "accept": False,
        "ordinal": data.get("ordinal"),
        "title": data.get("title", ""),
        "text": data.get("text", ""),
        "responsible_body": data.get("responsible_body", ""),
    }


def all_indicators():
    return list(Indicator.objects.order_by("name", "pk"))
