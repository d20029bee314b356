from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators and actions")

    def ready(self):
        from core import cache

        cache.watch_content(self.label)
