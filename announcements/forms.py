"""Forms for the public pages: the list's search and filters, the comment box."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, validate_slug
from django.forms.renderers import Jinja2
from django.forms.utils import flatatt
from django.http import Http404
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from markupsafe import escape as fast_escape

from .models import (
    COMMENT_BODY_MAX_LENGTH,
    Announcement,
    Comment,
    Speaker,
    Topic,
    web_url_validator,
)
from .moderation import sign_timestamp

SEARCH_QUERY_MAX_LENGTH = 200

# The public forms render their widgets with Django's Jinja2 widget templates,
# like the pages around them: a comment form's fields render several times
# faster than through Django's template language. One instance, so its
# template engine is built once per process; the admin keeps the default.
PUBLIC_FORM_RENDERER = Jinja2()


def without_nul(data):
    """Return a plain dict of the submitted values with NUL characters removed.

    PostgreSQL refuses NUL in text, so a NUL that reached a lookup would be a
    500; readers never type one, so dropping it changes nothing for them.
    """
    if data is None:
        return None
    return {key: data.get(key, "").replace("\x00", "") for key in data}


class QuickSelect(forms.Select):
    """A select box rendered in Python: the same HTML as Django's templates.

    Django renders each option through two included templates; a list page's
    filter boxes hold a hundred options, and that was a quarter of its time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in self.format_value(value)}
        options = "\n".join(
            '<option value="{}"{}>{}</option>'.format(
                fast_escape(option),
                " selected" if option in chosen else "",
                fast_escape(str(label)),
            )
            for option, label in (
                ("" if choice is None else str(choice), label)
                for choice, label in self.choices
            )
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 - every part escaped above
        )


class SearchQueryField(forms.CharField):
    """A search box that keeps the first words of an over-long query."""

    def to_python(self, value):
        return super().to_python(value)[:SEARCH_QUERY_MAX_LENGTH].strip()


class SlugChoiceField(forms.ModelChoiceField):
    """Choose a row by slug; a value that cannot be a slug is refused unread."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            validate_slug(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None
        return super().to_python(value[:200])


class AnnouncementSearchForm(forms.Form):
    """Read every query parameter of the announcement list.

    A value that makes no sense is dropped with a message beside its field,
    and the rest of the search still runs: a bad link never becomes a 500.
    """

    default_renderer = PUBLIC_FORM_RENDERER

    q = SearchQueryField(label=_("Search"), required=False)
    # Topics and speakers are offered, and checked, as (slug, name) pairs:
    # the boxes list every one, and a model instance per option cost more
    # than the rest of the form (the filter then joins on the slug).
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=QuickSelect)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *Announcement.Kind.choices],
        widget=QuickSelect,
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1900,
        max_value=2100,
        widget=QuickSelect,
    )
    speaker = forms.ChoiceField(label=_("Speaker"), required=False, widget=QuickSelect)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, *, years=(), **kwargs):
        super().__init__(without_nul(data), **kwargs)
        self.fields["year"].widget.choices = [("", _("All"))] + [
            (year, year) for year in years
        ]
        for name, model in (("topic", Topic), ("speaker", Speaker)):
            self.fields[name].choices = [
                ("", _("All")),
                *model.objects.values_list("slug", "name"),
            ]

    def value_of(self, name):
        """Return the cleaned value of one field, or None when it was invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name)

    def filter(self, announcements):
        """Return `announcements` narrowed by every valid filter and the search."""
        if topic := self.value_of("topic"):
            announcements = announcements.filter(topics__slug=topic)
        if speaker := self.value_of("speaker"):
            announcements = announcements.filter(speakers__slug=speaker)
        if kind := self.value_of("kind"):
            announcements = announcements.filter(kind=kind)
        if year := self.value_of("year"):
            announcements = announcements.filter(held_on__year=year)
        if q := self.value_of("q"):
            announcements = announcements.search(q)
        return announcements

    def page_number(self):
        """Return the page asked for; a page that cannot exist is a 404."""
        if "page" in self.errors:
            raise Http404(_("There is no such page."))
        return self.value_of("page") or 1

    def is_filtered(self, *, besides=None):
        """Return whether any filter (other than `besides`) narrows the list."""
        return any(
            self.value_of(name)
            for name in ("q", "topic", "speaker", "kind", "year")
            if name != besides
        )


class CommentBodyField(forms.CharField):
    """Comment text with newlines as one character each.

    Browsers count a newline as one character against `maxlength` but send
    it as CR LF; counting it once here keeps the two limits in agreement.
    """

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class HoneypotInput(forms.TextInput):
    """A text box people never see; bots that fill every field fill it too."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class CommentForm(forms.Form):
    """The "Leave a Reply" box. Spam rules run later, in the moderation service."""

    default_renderer = PUBLIC_FORM_RENDERER

    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never shown on the site."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        validators=[web_url_validator],
        error_messages={"invalid": _("Enter a web address starting with http(s)://.")},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    comment = CommentBodyField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 7})
    )
    notify = forms.BooleanField(
        label=_("Email me when my comment is published or answered"),
        required=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Named like a field a form-filling bot would want to complete.
    homepage = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=HoneypotInput()
    )
    timestamp = forms.CharField(required=False, widget=forms.HiddenInput)

    # Model field names, so errors raised by the model land beside the right box.
    MODEL_FIELDS = {
        "author_name": "name",
        "author_email": "email",
        "author_url": "website",
        "body": "comment",
        "parent": "parent",
    }

    def __init__(self, data=None, *, announcement, **kwargs):
        super().__init__(without_nul(data), **kwargs)
        self.announcement = announcement
        if not self.is_bound:
            self.initial.setdefault("timestamp", sign_timestamp())
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        # Read here, not at import time, so the setting can change per test
        # or deployment; the model's cap is the hard ceiling either way.
        limit = min(settings.COMMENT_MAX_LENGTH, COMMENT_BODY_MAX_LENGTH)
        self.max_length = limit
        body = self.fields["comment"]
        body.max_length = limit
        body.widget.attrs["maxlength"] = str(limit)
        body.validators.append(MaxLengthValidator(limit))
        body.error_messages["max_length"] = _(
            "Your comment is too long: at most %(limit_value)d characters "
            "(it has %(show_value)d)."
        )

    def clean_parent(self):
        """Return the comment being answered, which must take replies."""
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(announcement=self.announcement, parent__isnull=True, pk=parent_id)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                _("The comment you are replying to cannot be answered.")
            )
        return parent

    def comment_fields(self):
        """Return the keyword arguments moderation.submit_comment expects."""
        data = self.cleaned_data
        return {
            "author_name": data["name"],
            "author_email": data["email"],
            "author_url": data.get("website") or "",
            "body": data["comment"],
            "parent": data.get("parent"),
        }

    def add_model_errors(self, error):
        """Show a model ValidationError beside the fields it is about."""
        for field, messages in error.message_dict.items():
            self.add_error(self.MODEL_FIELDS.get(field), messages)
