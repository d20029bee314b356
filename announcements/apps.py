from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Announcements")

    def ready(self):
        from django.db.models.signals import post_migrate

        from core import cache

        from .fulltext import after_migrate
        from .models import Announcement, AnnouncementChange, Comment, Speaker, Topic
        from .roles import restore_missing_roles

        def text_of(row) -> list[str]:
            return [cache.object_key(Announcement, row.announcement_id)]

        cache.watch(Topic)
        cache.watch(Speaker)

        def listed_with(text) -> list[str]:
            # A translation is listed on its original's page; a text going
            # public or away, or retitled, changes its topics' lists of texts.
            keys = []
            if text.translation_of_id:
                keys.append(cache.object_key(Announcement, text.translation_of_id))
            if text.cited_fields_changed():
                keys += [
                    cache.members_key(Topic, pk, Announcement)
                    for pk in text.topics.values_list("pk", flat=True)
                ]
            return keys

        cache.watch(Announcement, also=listed_with)
        cache.watch(AnnouncementChange, also=text_of)
        # A comment shows only on its text's page and API reads. A new one
        # held for moderation (or caught as spam) changes nothing a reader
        # sees; approving it later counts like any change.
        cache.watch(
            Comment,
            also=text_of,
            unseen_when_created=lambda comment: (
                comment.status != Comment.Status.APPROVED
            ),
        )
        # A text scheduled for later goes public without any write.
        cache.watch_schedule(
            Announcement,
            next_change=Announcement.objects.next_publication_time,
            due_between=lambda start, end: Announcement.objects.public().filter(
                published_at__range=(start, end)
            ),
        )
        post_migrate.connect(after_migrate, sender=self)
        # Roles come back after a flush, as permissions do (the groups are data
        # that `migrate` made once and `flush` deletes).
        post_migrate.connect(
            restore_missing_roles, sender=self, dispatch_uid="announcements-roles"
        )
