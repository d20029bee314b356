"""Test data builders: factories over fixtures, so each test shows what it needs."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from announcements.models import Announcement, Comment, Speaker, Topic
from indicators.models import Indicator, Observation, PolicyAction, PolicyActionUpdate


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if extracted:
            user.is_staff = True
            user.save()
            user.groups.add(*Group.objects.filter(name__in=extracted))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    position = "Spokesperson"
    organization = "Ministry of Examples"


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Announcement.Status.PUBLISHED,
            published_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(hours=1)
            ),
        )
        scheduled = factory.Trait(
            status=Announcement.Status.PUBLISHED,
            published_at=factory.LazyFunction(
                lambda: timezone.now() + datetime.timedelta(days=1)
            ),
        )
        withdrawn = factory.Trait(
            status=Announcement.Status.WITHDRAWN,
            published_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=1)
            ),
            withdrawn_reason="Retracted.",
        )

    title = factory.Sequence(lambda n: f"Briefing number {n} on industrial output")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    kind = Announcement.Kind.PRESS_CONFERENCE
    held_on = datetime.date(2024, 3, 5)
    organizer = "State Council Information Office"
    summary = "Officials reported output figures."
    body = "Output **rose** in the first quarter."
    status = Announcement.Status.DRAFT

    @factory.post_generation
    def topics(announcement, create, extracted, **kwargs):
        if extracted:
            announcement.topics.set(extracted)

    @factory.post_generation
    def speakers(announcement, create, extracted, **kwargs):
        if extracted:
            announcement.speakers.set(extracted)


def hidden_announcements():
    """Return a draft, a scheduled and a withdrawn text: none is public."""
    return [
        AnnouncementFactory(title="Draft briefing never shown"),
        AnnouncementFactory(scheduled=True, title="Scheduled briefing never shown"),
        AnnouncementFactory(withdrawn=True, title="Withdrawn briefing never shown"),
    ]


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    announcement = factory.SubFactory(AnnouncementFactory, published=True)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = "A thoughtful question about the figures."
    status = Comment.Status.APPROVED


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Industrial output index {n}")
    slug = factory.Sequence(lambda n: f"output-index-{n}")
    unit = "%"
    decimals = 1


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    announcement = factory.SubFactory(AnnouncementFactory, published=True)
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2024, 3, 31)
    period_label = "2024 Q1"
    value = Decimal("5.5")


class PolicyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyAction

    announcement = factory.SubFactory(AnnouncementFactory, published=True)
    ordinal = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Expand broadband to rural areas ({n})")
    slug = factory.Sequence(lambda n: f"expand-broadband-{n}")
    responsible_body = "Ministry of Examples"


class PolicyActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyActionUpdate

    action = factory.SubFactory(PolicyActionFactory)
    date = datetime.date(2024, 6, 1)
    status = PolicyAction.Status.IN_PROGRESS
    note = "Work has started in three provinces."
