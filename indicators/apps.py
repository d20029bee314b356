from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators and actions")

    def ready(self):
        from announcements.models import Announcement
        from core import cache

        from .models import Indicator, Observation, PolicyAction, PolicyActionUpdate

        def texts(*ids) -> list[str]:
            return [cache.object_key(Announcement, pk) for pk in ids if pk]

        def what_the_text_states(text) -> list[str]:
            # Publishing, withdrawing or retitling a text changes the pages of
            # the indicators it has figures for and of the actions it set;
            # editing its body or summary does not. A translation is cited in
            # its original's place for readers of its language, so it changes
            # the pages that cite the original.
            if not text.cited_fields_changed():
                return []
            cited = [pk for pk in (text.pk, text.translation_of_id) if pk]
            figures = list(
                Observation.objects.filter(announcement__in=cited).values_list(
                    "pk", "indicator_id"
                )
            )
            indicator_ids = {indicator_id for _, indicator_id in figures}
            action_ids = set(
                PolicyAction.objects.filter(announcement__in=cited).values_list(
                    "pk", flat=True
                )
            ) | set(
                PolicyActionUpdate.objects.filter(
                    evidence_announcement__in=cited
                ).values_list("action_id", flat=True)
            )
            return [
                *(cache.object_key(Observation, pk) for pk, _ in figures),
                *(cache.object_key(Indicator, pk) for pk in indicator_ids),
                *(cache.object_key(PolicyAction, pk) for pk in action_ids),
                *([Observation, Indicator] if figures else []),
                *([PolicyAction] if action_ids else []),
            ]

        cache.watch(Announcement, also=what_the_text_states)
        cache.watch(Indicator)
        # A figure shows on its indicator's pages and the text that stated it.
        cache.watch(
            Observation,
            also=lambda figure: [
                cache.object_key(Indicator, figure.indicator_id),
                Indicator,
                *texts(figure.announcement_id),
            ],
        )
        cache.watch(PolicyAction, also=lambda action: texts(action.announcement_id))
        cache.watch(
            PolicyActionUpdate,
            also=lambda update: [
                cache.object_key(PolicyAction, update.action_id),
                PolicyAction,
                *texts(update.evidence_announcement_id),
            ],
        )
