"""The desk's view of subscriptions and the mail log, with a test mail for staff."""

import uuid

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import letters
from .models import Mail, Subscription
from .outbox import queue_mail


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "target_label", "frequency", "confirmed_at"]
    list_filter = ["kind", "frequency", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["created_at", "confirmation_sent_at", "confirmed_at"]
    raw_id_fields = ["topic", "speaker", "indicator", "action"]


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "subject", "status", "attempts"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Mail._meta.fields]
    actions = ["send_test_mail"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send a test mail to yourself"))
    def send_test_mail(self, request, queryset):
        if not request.user.email:
            self.message_user(
                request, _("Your account has no email address."), messages.ERROR
            )
            return
        letter = letters.test_mail(request.LANGUAGE_CODE)
        queue_mail(key=f"test:{uuid.uuid4().hex}", to=request.user.email, **letter)
        self.message_user(request, _("A test mail is queued for you."))
