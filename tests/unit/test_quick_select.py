"""The filter boxes' select widget writes the HTML Django's Select writes."""

import re

from django import forms

from announcements.forms import QuickSelect

CHOICES = [
    ("", "All"),
    ("press_conference", "Press conference"),
    ("speech", "Speech & remarks <live>"),
    (2024, 2024),
]


def normalised(html: str) -> str:
    # Django's templates put newlines and indentation between options.
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_quick_select_renders_the_same_html_as_djangos_select_for_every_value():
    for value in ["", "speech", "2024", None, "not-a-choice"]:
        quick = QuickSelect(choices=CHOICES).render("kind", value, {"id": "id_kind"})
        django = forms.Select(choices=CHOICES).render("kind", value, {"id": "id_kind"})

        assert normalised(quick) == normalised(django)
