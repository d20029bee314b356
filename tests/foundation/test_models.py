"""Invariants hold in the database itself, not only in forms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from announcements.models import Announcement
from indicators.models import Observation, PolicyAction
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
)

pytestmark = pytest.mark.django_db


def assert_refused_by_database(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_observation_period_cannot_end_before_it_starts():
    observation = ObservationFactory.build(
        indicator=IndicatorFactory(),
        announcement=AnnouncementFactory(published=True),
        period_start=datetime.date(2024, 6, 30),
        period_end=datetime.date(2024, 1, 1),
    )

    assert_refused_by_database(observation.save)


def test_observation_is_unique_per_indicator_period_and_source():
    first = ObservationFactory()

    assert_refused_by_database(
        lambda: Observation.objects.create(
            indicator=first.indicator,
            announcement=first.announcement,
            period_start=first.period_start,
            period_end=first.period_end,
            period_label="again",
            value=Decimal("1"),
        )
    )


def test_a_later_announcement_may_restate_the_same_period():
    first = ObservationFactory()

    ObservationFactory(
        indicator=first.indicator,
        announcement=AnnouncementFactory(
            published=True, held_on=datetime.date(2024, 9, 1)
        ),
        value=Decimal("5.7"),
    )

    assert first.indicator.observations.count() == 2


def test_action_ordinal_is_unique_within_an_announcement():
    action = PolicyActionFactory(ordinal=1)

    assert_refused_by_database(
        lambda: PolicyActionFactory(announcement=action.announcement, ordinal=1)
    )


def test_action_ordinal_must_be_positive():
    assert_refused_by_database(lambda: PolicyActionFactory(ordinal=0))


def test_announcement_slug_is_unique():
    AnnouncementFactory(slug="same")

    assert_refused_by_database(lambda: AnnouncementFactory(slug="same"))


def test_published_announcement_needs_a_publication_time():
    assert_refused_by_database(
        lambda: AnnouncementFactory(
            status=Announcement.Status.PUBLISHED, published_at=None
        )
    )


def test_withdrawn_announcement_needs_a_reason():
    assert_refused_by_database(
        lambda: AnnouncementFactory(
            status=Announcement.Status.WITHDRAWN,
            published_at=timezone.now(),
            withdrawn_reason="",
        )
    )


def test_comment_body_is_capped_in_the_database():
    comment = CommentFactory.build(
        announcement=AnnouncementFactory(published=True), body="x" * 5001
    )

    assert_refused_by_database(comment.save)


def test_comment_website_must_be_a_web_address_in_the_database():
    comment = CommentFactory.build(
        announcement=AnnouncementFactory(published=True),
        author_url="javascript:alert(1)",
    )

    assert_refused_by_database(comment.save)


def test_comment_replies_go_only_one_level_deep():
    top = CommentFactory()
    reply = CommentFactory(announcement=top.announcement, parent=top)
    nested = CommentFactory.build(announcement=top.announcement, parent=reply)

    with pytest.raises(ValidationError) as error:
        nested.full_clean()

    assert "parent" in error.value.message_dict


def test_markdown_body_is_rendered_and_sanitized_on_save():
    announcement = AnnouncementFactory(
        body="**Bold** <script>alert(1)</script> [x](javascript:alert(2))"
    )

    assert "<strong>Bold</strong>" in announcement.body_html
    assert "<script" not in announcement.body_html
    assert "javascript:" not in announcement.body_html


def test_public_queryset_hides_drafts_reviews_scheduled_and_withdrawn():
    published = AnnouncementFactory(published=True)
    AnnouncementFactory(status=Announcement.Status.DRAFT)
    AnnouncementFactory(status=Announcement.Status.IN_REVIEW)
    AnnouncementFactory(
        status=Announcement.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    AnnouncementFactory(
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=1),
        withdrawn_reason="Figures were wrong.",
    )

    assert list(Announcement.objects.public()) == [published]


def test_scheduled_announcement_becomes_public_when_its_time_comes():
    scheduled = AnnouncementFactory(
        status=Announcement.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert not scheduled.is_public

    scheduled.published_at = timezone.now() - datetime.timedelta(seconds=1)
    scheduled.save()

    assert Announcement.objects.public().filter(pk=scheduled.pk).exists()


def test_current_observation_comes_from_the_most_recently_held_announcement():
    indicator = IndicatorFactory()
    late_back_fill = ObservationFactory(
        indicator=indicator,
        announcement=AnnouncementFactory(
            published=True, held_on=datetime.date(2024, 4, 10)
        ),
        value=Decimal("5.5"),
    )
    revision = ObservationFactory(
        indicator=indicator,
        announcement=AnnouncementFactory(
            published=True, held_on=datetime.date(2024, 7, 15)
        ),
        value=Decimal("5.3"),
    )
    # Saved last, but held first: it must not win.
    late_back_fill.save()

    current = list(Observation.objects.current())
    as_of_may = list(Observation.objects.current(as_of=datetime.date(2024, 5, 1)))

    assert current == [revision]
    assert as_of_may == [late_back_fill]


def test_action_is_overdue_after_its_target_date_unless_completed():
    past = timezone.localdate() - datetime.timedelta(days=1)
    open_action = PolicyActionFactory(target_date=past)
    done_action = PolicyActionFactory(
        target_date=past, status=PolicyAction.Status.COMPLETED
    )

    assert open_action.is_overdue
    assert not done_action.is_overdue


def test_observation_display_value_keeps_the_qualifier():
    observation = ObservationFactory(
        indicator=IndicatorFactory(unit="trillion yuan", decimals=0),
        value=Decimal("10"),
        qualifier=Observation.Qualifier.EXCEEDED,
    )

    assert observation.display_value == "> 10 trillion yuan"


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (AnnouncementFactory, "kind"),
        (AnnouncementFactory, "status"),
        (AnnouncementFactory, "language"),
        (CommentFactory, "status"),
        (IndicatorFactory, "frequency"),
        (ObservationFactory, "qualifier"),
        (ObservationFactory, "quality"),
        (PolicyActionFactory, "status"),
        (PolicyActionUpdateFactory, "status"),
    ],
)
def test_database_refuses_a_value_outside_a_fields_choices(factory, field):
    row = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: "unheard-of"})
