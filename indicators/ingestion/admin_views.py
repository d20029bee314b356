"""The admin flow: "Import press text" → draft + suggestions → review → accept.

Hooked into AnnouncementAdmin through `ingestion_urls(model_admin)`. Only
users who may add announcements (Editors) import; reviewing also needs the
right to add observations, actions and indicators.
"""

import re
from decimal import Decimal, InvalidOperation

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from announcements.models import Announcement, ImportSuggestion

from .forms import (
    ActionFormSet,
    FigureFormSet,
    PressTextImportForm,
    TitleForm,
    action_initial,
    all_indicators,
    figure_initial,
)
from .importer import EmptyPressText, accept_suggestions, import_press_text

REVIEW_PERMISSIONS = (
    "indicators.add_observation",
    "indicators.add_policyaction",
    "indicators.add_indicator",
)


def ingestion_urls(model_admin):
    """Return the admin URLs of the import flow, to put before the model's own."""
    opts = model_admin.model._meta
    wrap = model_admin.admin_site.admin_view
    prefix = f"{opts.app_label}_{opts.model_name}"
    return [
        path(
            "import/",
            wrap(lambda request: import_view(request, model_admin)),
            name=f"{prefix}_import",
        ),
        path(
            "<int:object_id>/suggestions/",
            wrap(
                lambda request, object_id: review_view(request, model_admin, object_id)
            ),
            name=f"{prefix}_suggestions",
        ),
    ]


def review_url(announcement) -> str:
    return reverse(
        "admin:announcements_announcement_suggestions", args=[announcement.pk]
    )


def _context(request, model_admin, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        **extra,
    }


def import_view(request, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = PressTextImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = import_press_text(
                form.cleaned_data["press_text"],
                held_on=form.cleaned_data.get("held_on"),
                source_url=form.cleaned_data.get("source_url") or "",
                user=request.user,
            )
        except (EmptyPressText, ValidationError) as error:
            form.add_error(None, _error_text(error))
        else:
            extraction = result.extraction
            messages.success(
                request,
                _(
                    "Draft “%(title)s” created with %(figures)s and %(actions)s to review."
                )
                % {
                    "title": result.announcement.title,
                    "figures": ngettext(
                        "%d suggested figure",
                        "%d suggested figures",
                        len(extraction.figures),
                    )
                    % len(extraction.figures),
                    "actions": ngettext(
                        "%d suggested action",
                        "%d suggested actions",
                        len(extraction.actions),
                    )
                    % len(extraction.actions),
                },
            )
            if result.date_from == "today":
                messages.warning(
                    request,
                    _(
                        "No date was given or found in the text: “held on” is today. Check it."
                    ),
                )
            return redirect(review_url(result.announcement))
    return render(
        request,
        "admin/announcements/import_press_text.html",
        _context(request, model_admin, _("Import a press text"), form=form),
    )


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def review_view(request, model_admin, object_id):
    announcement = get_object_or_404(Announcement, pk=object_id)
    if not (
        model_admin.has_change_permission(request, announcement)
        and request.user.has_perms(REVIEW_PERMISSIONS)
    ):
        raise PermissionDenied
    pending = announcement.import_suggestions.filter(
        accepted=False, rejected_at__isnull=True
    )
    figure_suggestions = list(pending.filter(kind=ImportSuggestion.Kind.FIGURE))
    action_suggestions = list(pending.filter(kind=ImportSuggestion.Kind.ACTION))
    indicators = all_indicators()
    figure_kwargs = {
        "prefix": "figures",
        "initial": [figure_initial(s, indicators) for s in figure_suggestions],
        "suggestions": figure_suggestions,
        "indicators": indicators,
    }
    action_kwargs = {
        "prefix": "actions",
        "initial": [action_initial(s) for s in action_suggestions],
        "suggestions": action_suggestions,
    }
    data = request.POST if request.method == "POST" else None
    figure_formset = FigureFormSet(data, **figure_kwargs)
    action_formset = ActionFormSet(data, **action_kwargs)
    title_form = TitleForm(
        data if data is not None and "title" in data else None,
        initial={"title": announcement.title},
    )
    errors = []
    if (
        data is not None
        and figure_formset.is_valid()
        and action_formset.is_valid()
        and (not title_form.is_bound or title_form.is_valid())
    ):
        figures = figure_formset.accepted()
        actions = action_formset.accepted()
        title = title_form.cleaned_data["title"] if title_form.is_bound else None
        reject = []
        if data.get("decision") == "accept_reject_rest":
            ticked = {item["suggestion"].pk for item in (*figures, *actions)}
            reject = [
                suggestion
                for suggestion in (*figure_suggestions, *action_suggestions)
                if suggestion.pk not in ticked
            ]
        retitled = title is not None and title.strip() != announcement.title
        if not (figures or actions or reject or retitled):
            errors.append(_("Tick at least one suggestion to accept."))
        else:
            try:
                result = accept_suggestions(
                    announcement,
                    figures=figures,
                    actions=actions,
                    user=request.user,
                    reject=reject,
                    title=title,
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Accepted: %(observations)d figures and %(actions)d "
                        "actions. Rejected: %(rejected)d."
                    )
                    % {
                        "observations": len(result.observations),
                        "actions": len(result.actions),
                        "rejected": len(reject),
                    },
                )
                return redirect(
                    reverse(
                        "admin:announcements_announcement_change",
                        args=[announcement.pk],
                    )
                )
    accepted = announcement.import_suggestions.filter(accepted=True)
    # A page posted after another editor's decision has more forms than
    # suggestions left: those rows show what was posted, with the error.
    figure_rows = []
    for index, form in enumerate(figure_formset.forms):
        suggestion = _nth(figure_suggestions, index)
        initial = _nth(figure_kwargs["initial"], index) or {}
        figure_rows.append(
            {
                "form": form,
                "suggestion": suggestion,
                "confident": bool(initial.get("accept")),
                "sentences": [
                    highlight(sentence, suggestion.data.get("value"))
                    for sentence in sentences_of(suggestion)
                ]
                if suggestion
                else [],
            }
        )
    action_rows = [
        {"form": form, "suggestion": _nth(action_suggestions, index)}
        for index, form in enumerate(action_formset.forms)
    ]
    return render(
        request,
        "admin/announcements/review_suggestions.html",
        _context(
            request,
            model_admin,
            _("Review suggestions: %(title)s") % {"title": announcement.title},
            announcement=announcement,
            original=announcement,
            figure_formset=figure_formset,
            action_formset=action_formset,
            figure_rows=figure_rows,
            action_rows=action_rows,
            confident_count=sum(1 for row in figure_rows if row["confident"]),
            title_form=title_form,
            marked_text=marked_text(announcement.body, figure_suggestions),
            accepted=accepted,
            errors=errors,
            change_url=reverse(
                "admin:announcements_announcement_change", args=[announcement.pk]
            ),
        ),
    )


def _nth(items, index):
    return items[index] if index < len(items) else None


def sentences_of(suggestion) -> list[str]:
    """Return every sentence that states a suggested figure, first one first."""
    data = suggestion.data
    sentences = [data.get("quote", ""), *data.get("restated_in", [])]
    return [" ".join(sentence.split()) for sentence in sentences if sentence]


# A number as written: grouped thousands ("3,100", "48 500") or plain ("55.7").
_NUMBER = re.compile(
    r"\d{1,3}(?:[,\u00a0\u2009\u202f ]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[,\u00a0\u2009\u202f ]", "", text))
    except InvalidOperation:
        return None


def highlight(sentence: str, value) -> str:
    """Return the sentence as HTML with the figure's number marked."""
    wanted = _number(str(value)) if value not in (None, "") else None
    for match in _NUMBER.finditer(sentence):
        if wanted is not None and _number(match.group()) == wanted:
            return format_html(
                "{}<mark>{}</mark>{}",
                sentence[: match.start()],
                match.group(),
                sentence[match.end() :],
            )
    return escape(sentence)


def marked_text(body: str, figure_suggestions) -> list[str]:
    """Return the text's paragraphs as HTML, each suggested sentence marked."""
    sentences = {
        escape(sentence): suggestion.position
        for suggestion in figure_suggestions
        for sentence in sentences_of(suggestion)
    }
    paragraphs = []
    for paragraph in body.split("\n\n"):
        html = escape(" ".join(paragraph.split()))
        for sentence, position in sentences.items():
            html = html.replace(
                sentence,
                f'<mark title="{position}">{sentence}<sup>{position}</sup></mark>',
                1,
            )
        paragraphs.append(mark_safe(html))  # every part above is escaped
    return paragraphs


@admin.register(ImportSuggestion)
class ImportSuggestionAdmin(admin.ModelAdmin):
    """Read-only list of what imports suggested, with a link to each review page."""

    list_display = ["announcement", "kind", "position", "summary", "accepted", "review"]
    list_filter = ["accepted", "kind"]
    list_select_related = ["announcement"]
    search_fields = ["announcement__title"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("announcement__body", "announcement__body_html")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("suggestion"))
    def summary(self, suggestion):
        data = suggestion.data
        if suggestion.kind == ImportSuggestion.Kind.FIGURE:
            return f"{data.get('name', '')}: {data.get('value', '')} {data.get('unit', '')}"
        return f"{data.get('ordinal', '')}. {data.get('title', '')}"

    @admin.display(description=gettext_lazy("review"))
    def review(self, suggestion):
        return format_html(
            '<a href="{}">{}</a>', review_url(suggestion.announcement), _("Review")
        )
