from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import moderation
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
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "organization"]
    search_fields = ["name", "position", "organization"]
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
        return cleaned


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
    list_filter = ["status", "kind", "language", "topics", "held_on"]
    search_fields = ["title", "summary", "body", "slug"]
    date_hierarchy = "held_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "speakers", "translation_of"]
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by"]
    inlines = [AnnouncementChangeInline]
    actions = ["publish_selected", "unpublish_selected", "withdraw_selected"]
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
                    "published_at",
                    "withdrawn_reason",
                    "allow_comments",
                    "change_note",
                    "minor_edit",
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

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, announcement):
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
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("change_note", "").strip()
        if note:
            AnnouncementChange.objects.create(
                announcement=obj, note=note, changed_by=request.user
            )

    @admin.action(description=_("Publish selected texts now"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = 0
        for announcement in queryset.exclude(status=Announcement.Status.PUBLISHED):
            announcement.status = Announcement.Status.PUBLISHED
            announcement.published_at = announcement.published_at or timezone.now()
            announcement.withdrawn_reason = ""
            announcement.updated_by = request.user
            announcement.save()
            count += 1
        self.message_user(
            request,
            ngettext("%d text published.", "%d texts published.", count) % count,
        )

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
