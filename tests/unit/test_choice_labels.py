"""Choice labels looked up once per language are the labels Django gives."""

from django.db.models import Model
from django.utils import translation

from announcements.models import Announcement
from indicators.models import Observation, PolicyAction


def django_label(instance, field_name):
    return Model._get_FIELD_display(instance, instance._meta.get_field(field_name))


def test_labels_match_djangos_in_each_language_and_follow_the_language():
    cases = [
        (PolicyAction(status=value), "status") for value in PolicyAction.Status.values
    ] + [
        (Observation(quality=value), "quality") for value in Observation.Quality.values
    ]
    cases.append((Announcement(kind=Announcement.Kind.values[0]), "kind"))
    seen = {}
    for language in ["en", "zh-hans"]:
        with translation.override(language):
            for instance, field in cases:
                label = getattr(instance, f"get_{field}_display")()
                assert label == django_label(instance, field)
                seen.setdefault((field, getattr(instance, field)), set()).add(label)
    # At least one label differs between English and Chinese: not one cache.
    assert any(len(labels) == 2 for labels in seen.values())


def test_a_value_outside_the_choices_is_shown_as_itself():
    assert PolicyAction(status="unheard-of").get_status_display() == "unheard-of"
