import difflib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import moderation, review
from .models import (
    Announcement,
    AnnouncementChange,
    Comment,
    ImportSuggestion,
    Speaker,
    Topic,
)

# Editing these on a published text changes what readers were told.
SIGNIFICANT_FIELDS = ("title", "summary", "body", "held_on")


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    # Each translated field shows its English and Chinese boxes on one line
    # (modeltranslation expands "name" to name_en and name_zh_hans in place).
    fields = [("name",), "slug", ("description",)]
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_zh_hans", "description_en", "description_zh_hans"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(TranslationAdmin):
    fields = [("name",), "slug", ("position",), ("organization",)]
    list_display = ["name", "position", "organization"]
    search_fields = [
        "name_en",
        "name_zh_hans",
        "position_en",
        "position_zh_hans",
        "organization_en",
        "organization_zh_hans",
    ]
    prepopulated_fields = {"slug": ["name"]}


class AnnouncementChangeInline(admin.TabularInline):
    model = AnnouncementChange
    extra = 0
    fields = ["changed_at", "note", "changed_by"]
    readonly_fields = ["changed_by"]
    verbose_name_plural = _("Published changes (shown on the page)")


class AnnouncementAdminForm(forms.ModelForm):
    change_note = forms.CharField(
        label=_("Public change note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when a published text's title, summary, body or date "
            "changes: readers see it at the foot of the page."
        ),
    )
    minor_edit = forms.BooleanField(
        label=_("Minor edit (typo, formatting): no change note"),
        required=False,
    )
    publish_reason_input = forms.CharField(
        label=_("Reason for publishing without review"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Publishers only, when no second editor reviewed the text: kept "
            "in the history."
        ),
    )
    # The digest of the text as the page showed it: publishing refuses a
    # text someone changed meanwhile.
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    # Set by AnnouncementAdmin.get_form: the rule depends on who saves.
    request = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("seen_version", review.digest(self.instance))

    class Meta:
        model = Announcement
        fields = [
            "title",
            "slug",
            "kind",
            "held_on",
            "organizer",
            "venue",
            "summary",
            "body",
            "speakers",
            "topics",
            "source_name",
            "source_url",
            "language",
            "translation_of",
            "status",
            "published_at",
            "withdrawn_reason",
            "allow_comments",
        ]

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        was_public = instance.pk is not None and (
            Announcement.objects.filter(pk=instance.pk).public().exists()
        )
        significant = any(field in self.changed_data for field in SIGNIFICANT_FIELDS)
        if (
            was_public
            and significant
            and not cleaned.get("change_note", "").strip()
            and not cleaned.get("minor_edit")
        ):
            self.add_error(
                "change_note",
                _(
                    "This text is public: describe the change for readers, or "
                    "tick “minor edit”."
                ),
            )
        self._check_status_change(cleaned)
        return cleaned

    def _check_status_change(self, cleaned):
        new_status = cleaned.get("status")
        if new_status is None or self.request is None:
            return
        stored = (
            Announcement.objects.filter(pk=self.instance.pk).first()
            if self.instance.pk
            else Announcement()
        )
        if stored is None:
            return
        # What the editor saw is what the form showed, edits included: an
        # editor publishing their own correction has read it.
        seen = cleaned.get("seen_version") or None
        problem = review.refusal(
            stored,
            new_status,
            self.request.user,
            reason=cleaned.get("publish_reason_input", ""),
            seen_version=seen,
        )
        if problem is not None:
            self.add_error("status", problem.message)


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("send", _("Send to review")),
            ("publish", _("Publish")),
            ("send_back", _("Send back")),
            ("publish_alone", _("Publish without review")),
        ]
    )
    note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason for publishing without review"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    publish_at = forms.SplitDateTimeField(
        label=_("Go live at (empty: now)"),
        required=False,
        widget=admin.widgets.AdminSplitDateTime,
    )
    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)


def _date_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _done_message(announcement) -> str:
    Status = Announcement.Status
    if announcement.status == Status.IN_REVIEW:
        return _("“%(title)s” is in review: another editor publishes it.") % {
            "title": announcement.title
        }
    if announcement.status == Status.DRAFT:
        return _("“%(title)s” went back to its author with your note.") % {
            "title": announcement.title
        }
    if announcement.is_scheduled:
        return _("“%(title)s” is scheduled for %(time)s.") % {
            "title": announcement.title,
            "time": _date_time(announcement.published_at),
        }
    return _("“%(title)s” is published.") % {"title": announcement.title}


def changes_since_request(announcement) -> list[dict]:
    """Return each reviewed field changed since the text was sent to review.

    Compares the history record the sending wrote with the text now, as
    {"field", "label", "lines"} with the lines of a unified diff.
    """
    if not announcement.review_requested_at:
        return []
    sent = (
        announcement.history.filter(history_date__gte=announcement.review_requested_at)
        .order_by("history_date", "history_id")
        .first()
    )
    if sent is None:
        return []
    changes = []
    for name in review.REVIEWED_FIELDS:
        before, after = (
            str(getattr(sent, name) or ""),
            str(getattr(announcement, name) or ""),
        )
        if before == after:
            continue
        lines = list(
            difflib.unified_diff(
                before.splitlines(), after.splitlines(), lineterm="", n=1
            )
        )[2:]
        changes.append(
            {
                "field": name,
                "label": Announcement._meta.get_field(name).verbose_name,
                "lines": lines,
            }
        )
    return changes


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to readers"), widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(Announcement)
class AnnouncementAdmin(SimpleHistoryAdmin):
    form = AnnouncementAdminForm
    list_display = [
        "title",
        "kind",
        "held_on",
        "status_column",
        "published_at",
        "comment_count",
    ]
    list_select_related = ["review_requested_by"]
    list_filter = ["status", "kind", "language", "topics", "held_on"]
    search_fields = ["title", "summary", "body", "slug"]
    date_hierarchy = "held_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "speakers", "translation_of"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "review_record",
    ]
    inlines = [AnnouncementChangeInline]
    actions = [
        "send_to_review_selected",
        "publish_selected",
        "unpublish_selected",
        "withdraw_selected",
    ]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "held_on", "organizer", "venue"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("People and topics"), {"fields": ["speakers", "topics"]}),
        (
            _("Source and language"),
            {"fields": ["source_name", "source_url", "language", "translation_of"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "review_record",
                    "published_at",
                    "publish_reason_input",
                    "withdrawn_reason",
                    "allow_comments",
                    "change_note",
                    "minor_edit",
                    "seen_version",
                ]
            },
        ),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": ["created_at", "created_by", "updated_at", "updated_by"],
            },
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{opts.app_label}_{opts.model_name}_review",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # An imported draft links back to the review of its machine suggestions.
        extra_context = {
            **(extra_context or {}),
            "has_import_suggestions": object_id
            and ImportSuggestion.objects.filter(announcement_id=object_id).exists(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("body", "body_html", "search_vector")
            .annotate(comment_total=Count("comments"))
        )

    @admin.display(description=_("review"))
    def review_record(self, announcement):
        """Say where the text stands in review, and who published it how."""
        if announcement.pk is None:
            return "—"
        lines = []
        if announcement.status == Announcement.Status.IN_REVIEW:
            lines.append(
                format_html(
                    "{} {} {}",
                    _("Sent to review by"),
                    announcement.review_requested_by or _("someone"),
                    _date_time(announcement.review_requested_at),
                )
            )
            if review.changed_since_request(announcement):
                lines.append(_("Changed since it was sent to review."))
        if announcement.review_note:
            lines.append(
                format_html("{} {}", _("Sent back:"), announcement.review_note)
            )
        if announcement.publish_reason:
            lines.append(
                format_html(
                    "{} {}: {}",
                    _("Published without review by"),
                    announcement.published_by or _("someone"),
                    announcement.publish_reason,
                )
            )
        elif announcement.published_by and announcement.status in {
            Announcement.Status.PUBLISHED,
            Announcement.Status.WITHDRAWN,
        }:
            lines.append(
                format_html("{} {}", _("Published by"), announcement.published_by)
            )
        if not lines:
            return "—"
        return format_html_join("", "<div>{}</div>", ((line,) for line in lines))

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, announcement):
        if announcement.status == Announcement.Status.IN_REVIEW:
            return format_html(
                "{} ({} {})",
                announcement.get_status_display(),
                announcement.review_requested_by or "—",
                _date_time(announcement.review_requested_at),
            )
        if announcement.is_scheduled:
            return format_html(
                "{} ({} {})",
                announcement.get_status_display(),
                _("scheduled for"),
                timezone.localtime(announcement.published_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            )
        return announcement.get_status_display()

    @admin.display(description=_("comments"), ordering="comment_total")
    def comment_count(self, announcement):
        return announcement.comment_total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        stored = Announcement.objects.filter(pk=obj.pk).first() if change else None
        review.stamp(
            obj,
            stored.status if stored else None,
            request.user,
            reason=form.cleaned_data.get("publish_reason_input", ""),
            reviewed=stored is not None and review.is_reviewed_by(stored, request.user),
        )
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("change_note", "").strip()
        if note:
            AnnouncementChange.objects.create(
                announcement=obj, note=note, changed_by=request.user
            )

    def _move_selected(self, request, queryset, new_status):
        """Move each text the rule allows; name each refused one and why."""
        count = 0
        for announcement in queryset.exclude(status=new_status):
            try:
                review.transition(announcement, new_status, request.user)
            except review.ReviewRefused as refused:
                self.message_user(
                    request,
                    format_html("“{}”: {}", announcement.title, refused.message),
                    messages.WARNING,
                )
            else:
                count += 1
        return count

    @admin.action(
        description=_("Send selected texts to review"), permissions=["change"]
    )
    def send_to_review_selected(self, request, queryset):
        count = self._move_selected(
            request,
            queryset.filter(status=Announcement.Status.DRAFT),
            Announcement.Status.IN_REVIEW,
        )
        self.message_user(
            request,
            ngettext("%d text sent to review.", "%d texts sent to review.", count)
            % count,
        )

    @admin.action(description=_("Publish selected texts now"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = self._move_selected(request, queryset, Announcement.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%d text published.", "%d texts published.", count) % count,
        )

    def review_view(self, request, object_id):
        """The second pair of eyes: read the text, then publish or send it back."""
        announcement = get_object_or_404(Announcement, pk=object_id)
        if not self.has_change_permission(request, announcement):
            raise PermissionDenied
        form = ReviewDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            decision = form.cleaned_data["decision"]
            new_status = {
                "send": Announcement.Status.IN_REVIEW,
                "send_back": Announcement.Status.DRAFT,
            }.get(decision, Announcement.Status.PUBLISHED)
            try:
                moved = review.transition(
                    announcement,
                    new_status,
                    request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    seen_version=form.cleaned_data["seen_version"] or None,
                    published_at=form.cleaned_data["publish_at"],
                )
            except review.ReviewRefused as refused:
                form.add_error(None, refused.message)
                announcement.refresh_from_db()
            else:
                self.message_user(request, _done_message(moved), messages.SUCCESS)
                return redirect(reverse("admin:index"))
        opts = self.model._meta
        user = request.user
        in_review = announcement.status == Announcement.Status.IN_REVIEW
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _("Review: %(title)s") % {"title": announcement.title},
            "announcement": announcement,
            "original": announcement,
            "form": form,
            "version": review.digest(announcement),
            "rule_on": review.second_editor_required(),
            "is_own": review.is_own(announcement, user),
            "in_review": in_review,
            "may_publish_alone": review.may_publish_alone(user),
            "may_review": in_review and not review.is_own(announcement, user),
            "changes": changes_since_request(announcement) if in_review else [],
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[announcement.pk],
            ),
        }
        return render(request, "admin/announcements/announcement/review.html", context)

    @admin.action(
        description=_("Unpublish selected texts (back to draft)"),
        permissions=["change"],
    )
    def unpublish_selected(self, request, queryset):
        count = 0
        for announcement in queryset.exclude(status=Announcement.Status.DRAFT):
            announcement.status = Announcement.Status.DRAFT
            announcement.updated_by = request.user
            announcement.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d text returned to draft.", "%d texts returned to draft.", count)
            % count,
        )

    @admin.action(
        description=_("Withdraw selected texts, with a reason"), permissions=["change"]
    )
    def withdraw_selected(self, request, queryset):
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = 0
            for announcement in queryset:
                announcement.status = Announcement.Status.WITHDRAWN
                announcement.withdrawn_reason = form.cleaned_data["reason"]
                announcement.published_at = announcement.published_at or timezone.now()
                announcement.updated_by = request.user
                announcement.save()
                count += 1
            self.message_user(
                request,
                ngettext("%d text withdrawn.", "%d texts withdrawn.", count) % count,
            )
            return None
        return render(
            request,
            "admin/announcements/withdraw.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Withdraw texts"),
                "announcements": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


class CommentStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(
            Comment.objects.order_by().values_list("status").annotate(n=Count("id"))
        )
        return [
            (value, f"{label} ({counts.get(value, 0)})")
            for value, label in Comment.Status.choices
        ]

    def queryset(self, request, queryset):
        if self.value() in Comment.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "author_name",
        "excerpt",
        "announcement",
        "status",
        "created_at",
        "held_because",
    ]
    list_filter = [CommentStatusFilter, "created_at"]
    list_select_related = ["announcement"]
    search_fields = ["author_name", "author_email", "body", "announcement__title"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "announcement",
        "parent",
        "ip",
        "user_agent",
        "verdicts_list",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    fields = [
        "announcement",
        "parent",
        "author_name",
        "author_email",
        "author_url",
        "body",
        "status",
        "moderation_reason",
        "verdicts_list",
        "created_at",
        "ip",
        "user_agent",
        "moderated_by",
        "moderated_at",
    ]
    actions = ["approve_selected", "mark_selected_as_spam", "remove_selected"]

    def has_add_permission(self, request):
        # Comments come from readers through the moderation service only.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("announcement__body", "announcement__body_html")
        )

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return comment.body[:80] + ("…" if len(comment.body) > 80 else "")

    @admin.display(description=_("held because"))
    def held_because(self, comment):
        return "; ".join(comment.held_reasons()) or "—"

    @admin.display(description=_("spam-rule verdicts"))
    def verdicts_list(self, comment):
        if not comment.verdicts:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join_items(comment.verdicts),
        )

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = moderation.approve_comments(queryset, moderator=request.user)
        self.message_user(
            request,
            ngettext("%d comment approved.", "%d comments approved.", count) % count,
        )

    @admin.action(
        description=_("Mark selected comments as spam"), permissions=["change"]
    )
    def mark_selected_as_spam(self, request, queryset):
        count = moderation.mark_spam(queryset, moderator=request.user)
        self.message_user(
            request,
            ngettext("%d comment marked as spam.", "%d comments marked as spam.", count)
            % count,
        )

    @admin.action(description=_("Remove selected comments"), permissions=["change"])
    def remove_selected(self, request, queryset):
        count = moderation.remove_comments(queryset, moderator=request.user)
        self.message_user(
            request,
            ngettext("%d comment removed.", "%d comments removed.", count) % count,
            messages.SUCCESS,
        )


def format_html_join_items(verdicts):
    return format_html_join(
        "",
        "<li>{}: {}</li>",
        (
            (
                verdict.get("rule", "?"),
                _("passed")
                if verdict.get("passed")
                else verdict.get("reason", _("failed")),
            )
            for verdict in verdicts
        ),
    )


admin.site.index_title = _("Pressroom editorial desk")
admin.site.site_header = _("Pressroom")
admin.site.site_title = _("Pressroom admin")
