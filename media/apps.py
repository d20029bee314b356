from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Media")

    def ready(self):
        from django.db.models.signals import post_delete

        from announcements.models import Announcement, Speaker
        from core import cache
        from core.views import register_readiness_check

        from . import storage
        from .library import delete_files
        from .models import Attachment, Image, LeadImage, Rendition, SpeakerPortrait

        register_readiness_check("storage", storage.readiness)

        def text_of(row) -> list[str]:
            return [cache.object_key(Announcement, row.announcement_id)]

        def where_shown(image) -> list[str]:
            # An image shows on the texts and speakers that use it (their pages
            # name it with `shows(image)`); a replacement changes its version.
            return [Image]

        cache.watch(Image, also=where_shown)
        cache.watch(Rendition, also=lambda r: [cache.object_key(Image, r.image_id)])
        cache.watch(Attachment, also=text_of)
        cache.watch(LeadImage, also=text_of)
        cache.watch(
            SpeakerPortrait,
            also=lambda row: [cache.object_key(Speaker, row.speaker_id), Speaker],
        )
        for model in (Image, Rendition, Attachment):
            post_delete.connect(
                lambda sender, instance, **kwargs: delete_files(instance),
                sender=model,
                weak=False,
                dispatch_uid=f"media-files-{model.__name__}",
            )
