from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """Mail: subscriptions and their alerts, commenters' notices, the outbox."""

    name = "notices"
    verbose_name = _("Email and subscriptions")

    def ready(self):
        from core.views import register_readiness_check

        from . import events, tasks

        events.connect_signals()
        register_readiness_check("tasks", tasks.readiness)
