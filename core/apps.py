from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What both content apps share: API plumbing, the page cache, templating."""

    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from .cache import connect_signals

        connect_signals()
