"""Database constraints every content model states the same way."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def valid_choices(model_name: str, **fields) -> list[models.CheckConstraint]:
    """Return a check constraint per choice field: its value is one of its choices.

    `fields` maps a field name to its TextChoices. Forms and the API already
    refuse other values; the database refuses them from every other writer.
    A model adds them below its Meta (`Meta.constraints += valid_choices(...)`),
    because Meta's body cannot see the choices classes beside it.
    """
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__in": choices.values}),
            name=f"{model_name}_{field}_valid",
            violation_error_message=_("Choose one of the listed values."),
        )
        for field, choices in fields.items()
    ]
