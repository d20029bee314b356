"""Reads of subscriptions that the admin and the site share."""

from django.db import models
from django.db.models import Count, Q


class SubscriptionQuerySet(models.QuerySet):
    def counts_per_target(self):
        """Return one row per followed thing: its kind, key and ids, with the
        number of confirmed and of unconfirmed subscriptions, in one query."""
        return (
            self.order_by()
            .values(
                "kind",
                "target_key",
                "topic_id",
                "speaker_id",
                "indicator_id",
                "action_id",
            )
            .annotate(
                confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
                unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
            )
        )
