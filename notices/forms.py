"""The subscribe form: what to follow, how often, and the comment box's guards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from announcements.forms import PUBLIC_FORM_RENDERER, HoneypotInput, without_nul
from announcements.models import Speaker, Topic
from announcements.moderation import sign_timestamp
from indicators.models import Indicator, PolicyAction

from .models import Subscription

TARGETS = {
    Subscription.Kind.TOPIC: Topic,
    Subscription.Kind.SPEAKER: Speaker,
    Subscription.Kind.INDICATOR: Indicator,
    Subscription.Kind.ACTION: PolicyAction,
}


def find_target(kind: str, slug: str):
    """Return the topic, speaker, indicator or action with this slug, or None."""
    model = TARGETS.get(kind)
    if model is None or not slug:
        return None
    rows = model.objects.filter(slug=slug[:200])
    if model is PolicyAction:
        from announcements.models import Announcement

        rows = rows.filter(Announcement.public_condition("announcement__"))
    return rows.first()


class SubscribeForm(forms.Form):
    default_renderer = PUBLIC_FORM_RENDERER

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never shown on the site. We send a link to confirm first."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kind = forms.ChoiceField(
        label=_("Follow"), choices=Subscription.Kind.choices, initial="all"
    )
    target = forms.CharField(
        label=_("Which one (its short name, as in its address)"),
        required=False,
        max_length=200,
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=HoneypotInput()
    )
    timestamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        super().__init__(without_nul(data), **kwargs)
        if not self.is_bound:
            self.initial.setdefault("timestamp", sign_timestamp())

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and kind != Subscription.Kind.ALL:
            target = find_target(kind, data.get("target", ""))
            if target is None:
                self.add_error("target", _("There is no such thing to follow."))
            data["target_object"] = target
        else:
            data["target_object"] = None
        return data
