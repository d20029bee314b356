"""Reads that the pages, feeds, charts and the API share."""

import datetime
from collections import defaultdict

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from announcements.models import Announcement
from announcements.querysets import SOURCE_TEXT_DEFERRED


def counts_by_subtraction(rows, column: str, *, text: str = "announcement") -> dict:
    """Return {value of `column`: how many `rows` cite a public text}, in one query.

    Counting public rows directly joins each one to its text, a cost that
    grows with the archive. Grouping every row by an indexed column reads
    that index alone; the rows whose text (at the path `text`) the public may
    not read, few in any archive, are then taken off. Every text is public,
    unpublished or scheduled (`AnnouncementQuerySet`); tests run each status
    through the counts that use this (tests/site/test_public_rule.py).
    """
    everything = rows.order_by().values_list(column).annotate(n=Count("pk"))
    hidden = [
        rows.filter(**{f"{text}__in": texts.values("pk")})
        .order_by()
        .values_list(column)
        .annotate(n=Value(0) - Count("pk"))
        # Two reads, because an OR of both sends the databases through every
        # text instead of two ranges of announcement_public_idx.
        for texts in (
            Announcement.objects.unpublished(),
            Announcement.objects.scheduled(),
        )
    ]
    counts = defaultdict(int)
    for value, n in everything.union(*hidden, all=True):
        counts[value] += n
    return {value: n for value, n in counts.items() if n}


class ObservationQuerySet(models.QuerySet):
    def public(self):
        """Return observations whose source text the public may read."""
        return self.filter(Announcement.public_condition("announcement__"))

    def sharing_periods_with(self, announcement):
        """Return the text's own figures and every public figure for the same periods.

        One join on the unique (indicator, period, announcement) key, so each
        row comes once; the caller tells current from superseded. Cheaper to
        build than `with_revision_flags`' correlated subqueries.
        """
        return self.filter(
            Q(announcement=announcement)
            | Announcement.public_condition("announcement__"),
            indicator__observations__announcement=announcement,
            period_start=F("indicator__observations__period_start"),
            period_end=F("indicator__observations__period_end"),
        )

    def known_on(self, as_of: datetime.date | None):
        """Return observations from texts held on or before `as_of` (all if None)."""
        if as_of is None:
            return self
        return self.filter(announcement__held_on__lte=as_of)

    def _restatements(self, as_of, *, newer: bool):
        # The current value of a period comes from the most recently *held*
        # announcement, not the most recently saved row: editors back-fill old
        # press conferences. Ties on the date go to the later announcement id.
        candidates = self.model.objects.public().known_on(as_of)
        same_period = candidates.filter(
            indicator=OuterRef("indicator"),
            period_start=OuterRef("period_start"),
            period_end=OuterRef("period_end"),
        )
        if newer:
            return same_period.filter(
                Q(announcement__held_on__gt=OuterRef("announcement__held_on"))
                | Q(
                    announcement__held_on=OuterRef("announcement__held_on"),
                    announcement_id__gt=OuterRef("announcement_id"),
                )
            )
        return same_period.filter(
            Q(announcement__held_on__lt=OuterRef("announcement__held_on"))
            | Q(
                announcement__held_on=OuterRef("announcement__held_on"),
                announcement_id__lt=OuterRef("announcement_id"),
            )
        ).exclude(value=OuterRef("value"), qualifier=OuterRef("qualifier"))

    def current(self, as_of: datetime.date | None = None):
        """Return one observation per indicator and period: the latest restatement.

        With `as_of`, answer as the series stood on that date: only figures from
        texts held by then count.
        """
        return (
            self.public()
            .known_on(as_of)
            .filter(~Exists(self._restatements(as_of, newer=True)))
        )

    def with_revision_flags(self, as_of: datetime.date | None = None):
        """Annotate `is_superseded` (a later text restated it) and `is_revision`."""
        return self.annotate(
            is_superseded=Exists(self._restatements(as_of, newer=True)),
            is_revision=Exists(self._restatements(as_of, newer=False)),
        )

    def series_order(self):
        return self.order_by(
            "period_end", "period_start", "announcement__held_on", "id"
        )


class IndicatorQuerySet(models.QuerySet):
    def public(self):
        """Return indicators with at least one figure the public may read."""
        from .models import Observation

        public_figures = Observation.objects.public().filter(indicator=OuterRef("pk"))
        return self.filter(Exists(public_figures))

    def with_last_published(self):
        """Annotate `last_published`: when its latest public figure went out."""
        return self.annotate(
            last_published=Max(
                "observations__announcement__published_at",
                filter=Announcement.public_condition("observations__announcement__"),
            )
        )

    def with_current_series(self):
        """Prefetch `current_series`: the current figure of each period, in order.

        One query for all indicators, whatever their number.
        """
        from .models import Observation

        current = (
            Observation.objects.current()
            .select_related("announcement")
            .defer(*SOURCE_TEXT_DEFERRED)
            .series_order()
        )
        return self.prefetch_related(
            Prefetch("observations", queryset=current, to_attr="current_series")
        )


class PolicyActionQuerySet(models.QuerySet):
    def public(self):
        """Return actions announced in a text the public may read."""
        return self.filter(Announcement.public_condition("announcement__"))

    def status_counts(self):
        """Return {status: count} for every status, zero included."""
        counts = dict(
            self.order_by()
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        return {status: counts.get(status, 0) for status in self.model.Status.values}

    def public_status_counts(self):
        """Return `public().status_counts()`, counted by subtraction (see above).

        Measured on the bench's archive (10,000 actions, SQLite): 7.6 ms
        counted directly, 2.8 ms by subtraction, on the home page and tracker.
        """
        if self.query.has_filters():
            return self.public().status_counts()
        counts = counts_by_subtraction(self, "status")
        return {status: counts.get(status, 0) for status in self.model.Status.values}

    def overdue(self):
        return self.filter(target_date__lt=timezone.localdate()).exclude(
            status__in=["completed", "dropped"]
        )

    def with_sibling_count(self):
        """Annotate `sibling_count`: how many actions the same text announced.

        `PolicyAction.ordinal_label` reads it to say "2nd of 5".
        """
        siblings = (
            self.model.objects.filter(announcement=OuterRef("announcement"))
            .order_by()
            .values("announcement")
            .annotate(n=Count("id"))
            .values("n")
        )
        return self.annotate(
            sibling_count=Subquery(siblings, output_field=IntegerField())
        )

    def for_tracker(self):
        """Return the rows the tracker shows, in a fixed number of queries.

        Each action gets `topic_list` and `indicator_list`. Only indicators
        with public figures are attached: a link to any other would be a 404.
        """
        from .models import Indicator

        # Plain lists (to_attr), not related managers: a page of fifty actions
        # would otherwise build two managers per action while rendering.
        return (
            self.with_sibling_count()
            .select_related("announcement")
            .defer(*SOURCE_TEXT_DEFERRED)
            .prefetch_related(
                Prefetch("topics", to_attr="topic_list"),
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.public().order_by("name"),
                    to_attr="indicator_list",
                ),
            )
        )
