"""One RSS feed per indicator (new and revised figures) and per action (updates)."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from announcements.querysets import SOURCE_TEXT_DEFERRED
from core.cache import shows

from .models import Indicator, Observation, PolicyAction

FEED_LENGTH = 50


class IndicatorFeed(Feed):
    """Each item is one published figure: a new period, or a restated one."""

    def get_object(self, request, slug):
        return get_object_or_404(Indicator.objects.public(), slug=slug)

    def title(self, indicator):
        return _("Pressroom: %(name)s") % {"name": indicator.name}

    def link(self, indicator):
        return indicator.get_absolute_url()

    def description(self, indicator):
        return _("New and revised figures for %(name)s, in %(unit)s.") % {
            "name": indicator.name,
            "unit": indicator.unit,
        }

    def items(self, indicator):
        shows(indicator)
        return (
            Observation.objects.public()
            .filter(indicator=indicator)
            .select_related("indicator", "announcement")
            .defer(*SOURCE_TEXT_DEFERRED)
            .with_revision_flags()
            .order_by("-announcement__published_at", "-period_end", "-id")[:FEED_LENGTH]
        )

    def item_title(self, observation):
        title = f"{observation.reader_period_label}: {observation.display_value}"
        if observation.is_revision:
            return _("%(title)s (revised)") % {"title": title}
        return title

    def item_description(self, observation):
        # RSS descriptions are HTML: escape, so "< 5%" is not read as a tag.
        announcement = observation.announcement
        source = format_html(
            '{} <a href="{}">{}</a>, {}.',
            _("Reported in"),
            announcement.get_absolute_url(),
            announcement.title,
            announcement.held_on.isoformat(),
        )
        if observation.quote:
            return format_html(
                "<p>{}</p><blockquote>{}</blockquote>", source, observation.quote
            )
        return format_html("<p>{}</p>", source)

    def item_link(self, observation):
        return (
            f"{observation.indicator.get_absolute_url()}#observation-{observation.pk}"
        )

    def item_pubdate(self, observation):
        return observation.announcement.published_at


class PolicyActionFeed(Feed):
    """Each item is one status update on the action's timeline."""

    def get_object(self, request, slug):
        return get_object_or_404(
            PolicyAction.objects.public()
            .select_related("announcement")
            .defer(*SOURCE_TEXT_DEFERRED),
            slug=slug,
        )

    def title(self, action):
        return _("Pressroom: %(title)s") % {"title": action.title}

    def link(self, action):
        return action.get_absolute_url()

    def description(self, action):
        return _("Status updates on an action announced in %(announcement)s.") % {
            "announcement": action.announcement.title
        }

    def items(self, action):
        shows(action)
        return action.updates.select_related("evidence_announcement").order_by(
            "-date", "-id"
        )[:FEED_LENGTH]

    def item_title(self, update):
        return f"{update.date.isoformat()}: {update.get_status_display()}"

    def item_description(self, update):
        evidence = update.evidence_announcement
        if evidence is not None and evidence.is_public:
            return format_html(
                '<p>{}</p><p>{} <a href="{}">{}</a></p>',
                update.note,
                _("Evidence:"),
                evidence.get_absolute_url(),
                evidence.title,
            )
        if update.evidence_url:
            return format_html(
                '<p>{}</p><p>{} <a href="{}">{}</a></p>',
                update.note,
                _("Evidence:"),
                update.evidence_url,
                update.evidence_url,
            )
        return format_html("<p>{}</p>", update.note)

    def item_link(self, update):
        return f"{update.action.get_absolute_url()}#update-{update.pk}"

    def item_pubdate(self, update):
        # Updates carry a date only; midnight local time keeps readers' order.
        return timezone.make_aware(
            datetime.datetime.combine(update.date, datetime.time())
        )
