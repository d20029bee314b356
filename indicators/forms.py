"""Query-string forms: what the tracker's filters accept, and nothing else."""

from django import forms
from django.utils.translation import gettext_lazy as _

from announcements.forms import QuickSelect, SlugChoiceField
from announcements.models import Announcement, Topic

from .models import PolicyAction
from .querysets import counts_by_subtraction


def public_topic_links():
    """Return the (action, topic) links of actions the public may read."""
    return PolicyAction.topics.through.objects.filter(
        Announcement.public_condition("policyaction__announcement__")
    )


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *PolicyAction.Status.choices],
        widget=QuickSelect,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.none(),
        to_field_name="slug",
        empty_label=_("Any topic"),
        widget=QuickSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only topics that have a public action: another would list nothing.
        self.fields["topic"].queryset = Topic.objects.filter(
            pk__in=public_topic_links().values("topic_id")
        ).order_by("name")
        # The select box and the topic counts share one evaluated list: the
        # count runs over every action, so it should run once per page.
        self._topics = None

    @property
    def topics(self):
        """Return the topics with public actions, each with `action_count`."""
        if self._topics is None:
            # Counted on the topic links alone (by subtraction: every link,
            # less those of texts not public), then the few topics fetched by key.
            counts = counts_by_subtraction(
                PolicyAction.topics.through.objects.all(),
                "topic_id",
                text="policyaction__announcement",
            )
            self._topics = list(Topic.objects.filter(pk__in=counts).order_by("name"))
            for topic in self._topics:
                topic.action_count = counts[topic.pk]
            field = self.fields["topic"]
            field.choices = [("", field.empty_label)] + [
                (topic.slug, topic.name) for topic in self._topics
            ]
        return self._topics

    def filter(self, actions):
        """Apply the filters that are valid; an invalid one is ignored, not fatal."""
        # cleaned_data holds only the fields that validated, so "?status=nope"
        # still narrows by a good topic and shows an error beside the status.
        data = getattr(self, "cleaned_data", {})
        if data.get("status"):
            actions = actions.filter(status=data["status"])
        if data.get("topic"):
            actions = actions.filter(topics=data["topic"])
        return actions


class IndicatorFilterForm(forms.Form):
    """The indicator list's one filter: `?topic=<slug>` (the topic pages link it)."""

    topic = SlugChoiceField(
        Topic.objects.all(), label=_("Topic"), required=False, empty_label=_("All")
    )

    def filter(self, indicators):
        """Narrow to the topic if it is a valid one; an unknown topic is ignored."""
        topic = self.cleaned_data.get("topic") if self.is_valid() else None
        return indicators.filter(topic=topic) if topic else indicators
