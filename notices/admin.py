"""The desk's view of subscriptions and the mail log, with a test mail for staff.

Who sees what (issue 20): Editors see how many follow each topic, speaker,
indicator and action (`view_subscribercount`), never who; the addresses
(`view_subscription`) and the mail log (`view_mail`) are for those given
them, superusers by default. Any staff member may send a test mail, to their
own address only.
"""

import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from announcements.models import Speaker, Topic
from indicators.models import Indicator, PolicyAction

from . import letters
from .models import Mail, SubscriberCount, Subscription
from .outbox import queue_mail

TARGET_MODELS = {
    Subscription.Kind.TOPIC: Topic,
    Subscription.Kind.SPEAKER: Speaker,
    Subscription.Kind.INDICATOR: Indicator,
    Subscription.Kind.ACTION: PolicyAction,
}


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Waiting for confirmation"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "kind",
        "followed",
        "language",
        "frequency",
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["kind", ConfirmedFilter, "frequency", "language"]
    list_select_related = ["topic", "speaker", "indicator", "action"]
    search_fields = ["email"]
    fields = [
        "email",
        "kind",
        "followed",
        "language",
        "frequency",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
    ]
    # What is followed, and by whom, only its address may change: a changed
    # target would leave the row's target key (and its uniqueness) behind.
    readonly_fields = [
        "email",
        "kind",
        "followed",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
    ]

    def has_add_permission(self, request):
        # A subscription exists because its address asked and confirmed.
        return False

    @admin.display(description=_("target"))
    def followed(self, subscription):
        return subscription.target_label


@admin.register(SubscriberCount)
class SubscriberCountAdmin(admin.ModelAdmin):
    """One page: the confirmed and waiting subscriptions of each followed thing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name=f"{opts.app_label}_{opts.model_name}_changelist",
            ),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        may_see_addresses = request.user.has_perm("notices.view_subscription")
        rows = counts_per_target(link=may_see_addresses)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Subscribers per target"),
            "rows": rows,
            "total_confirmed": sum(row["confirmed"] for row in rows),
            "total_unconfirmed": sum(row["unconfirmed"] for row in rows),
            "subscriptions_url": (
                reverse("admin:notices_subscription_changelist")
                if may_see_addresses
                else ""
            ),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/notices/subscribercount/change_list.html", context
        )


def counts_per_target(*, link: bool) -> list[dict]:
    """Return a row per followed thing with its counts, "all texts" first.

    Counting is one grouped query; naming the things one more per kind.
    With `link`, each count links to the subscriptions behind it.
    """
    counts = list(Subscription.objects.counts_per_target())
    if not any(row["kind"] == Subscription.Kind.ALL for row in counts):
        counts.append(
            {"kind": "all", "target_key": "all", "confirmed": 0, "unconfirmed": 0}
        )
    wanted = {kind: set() for kind in TARGET_MODELS}
    for row in counts:
        if row["kind"] in wanted:
            wanted[row["kind"]].add(row[f"{row['kind']}_id"])
    named = {
        kind: TARGET_MODELS[kind].objects.in_bulk(ids)
        for kind, ids in wanted.items()
        if ids
    }
    changelist = reverse("admin:notices_subscription_changelist") if link else ""

    def subscriptions_url(row, confirmed: str) -> str:
        query = urlencode({"target_key": row["target_key"], "confirmed": confirmed})
        return f"{changelist}?{query}" if changelist else ""

    kinds = list(Subscription.Kind)
    rows = []
    for row in counts:
        kind = Subscription.Kind(row["kind"])
        if kind == Subscription.Kind.ALL:
            label = str(kind.label)
        else:
            label = str(named[kind].get(row[f"{row['kind']}_id"], "—"))
        rows.append(
            {
                "kind": kind.label,
                "label": label,
                "confirmed": row["confirmed"],
                "unconfirmed": row["unconfirmed"],
                "confirmed_url": subscriptions_url(row, "yes"),
                "unconfirmed_url": subscriptions_url(row, "no"),
                "order": (kinds.index(kind), -row["confirmed"], label),
            }
        )
    return sorted(rows, key=lambda row: row["order"])


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "to",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "kind"]
    # The filter shows how many mails are sent, retrying and failed.
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Mail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "send-test/",
                self.admin_site.admin_view(self.send_test_mail_view),
                name="notices_mail_send_test",
            ),
            *super().get_urls(),
        ]

    def send_test_mail_view(self, request):
        """Show where the test mail goes; queue it on the button's POST.

        Open to any staff member: it mails only their own address.
        """
        address = request.user.email
        if request.method == "POST" and address:
            letter = letters.test_mail(get_language())
            mail = queue_mail(key=f"test:{uuid.uuid4().hex}", to=address, **letter)
            if mail is None:
                self.message_user(
                    request,
                    _("Your account's address cannot receive mail."),
                    messages.ERROR,
                )
            else:
                self.message_user(request, _("A test mail is queued for you."))
            if self.has_view_permission(request):
                return redirect("admin:notices_mail_changelist")
            return redirect("admin:index")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Send a test mail to yourself"),
            "address": address,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/notices/send_test_mail.html", context)
