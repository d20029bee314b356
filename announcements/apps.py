from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Announcements")

    def ready(self):
        from django.db.models.signals import post_migrate

        from config.caching import connect_signals

        from .fulltext import after_migrate

        connect_signals()
        post_migrate.connect(after_migrate, sender=self)
