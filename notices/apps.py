from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """Mail: subscriptions and their alerts, commenters' notices, the outbox."""

    name = "notices"
    verbose_name = _("Email and subscriptions")

    def ready(self):
        from . import events

        events.connect_signals()
