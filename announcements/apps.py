from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Announcements")

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import cache

        from .fulltext import after_migrate
        from .models import Announcement, Comment
        from .moderation import sign_timestamp

        # A new comment held for moderation (or caught as spam) changes no
        # page a reader can see; approving it later counts like any change.
        cache.watch_content(
            self.label,
            unseen_when_created=lambda row: (
                isinstance(row, Comment) and row.status != Comment.Status.APPROVED
            ),
        )
        # A text scheduled for later goes public without any write.
        cache.watch_schedule(Announcement.objects.next_publication_time)
        cache.fill_per_reader("timestamp", lambda request: sign_timestamp())
        post_migrate.connect(after_migrate, sender=self)
