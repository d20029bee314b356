import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from announcements.models import Announcement
from indicators.demo import ANNOUNCEMENT
from indicators.models import Observation, PolicyAction

pytestmark = pytest.mark.django_db

SEED_FIGURES = {
    # indicator slug: (value, qualifier, period label)
    "digital-industry-revenue": (Decimal("10"), "exceeded", "Jan–Jun 2022"),
    "5g-industrial-internet-projects": (Decimal("3100"), "more_than", "2022 H1"),
    "new-5g-industrial-internet-projects": (Decimal("700"), "exact", "2022 Q2"),
    "intelligent-manufacturing-solution-providers": (
        Decimal("6000"),
        "more_than",
        "2022 H1",
    ),
    "manufacturing-covered-by-solution-providers": (
        Decimal("90"),
        "more_than",
        "2022 H1",
    ),
    "key-process-numerical-control-rate": (Decimal("55.7"), "exact", "2022 H1"),
    "digital-rd-design-tool-penetration": (Decimal("75.1"), "exact", "2022 H1"),
    "digital-economy-world-rank": (Decimal("2"), "exact", "2021"),
}


def snapshot():
    return {
        model._meta.label: sorted(
            map(repr, model.objects.values_list()) if model._meta.managed else []
        )
        for model in apps.get_models()
        if model._meta.app_label in {"announcements", "indicators"}
    }


def test_load_demo_twice_leaves_the_same_rows():
    call_command("load_demo", verbosity=0)
    first = snapshot()

    call_command("load_demo", verbosity=0)

    assert snapshot() == first


def test_demo_holds_the_press_conference_of_19_july_2022():
    call_command("load_demo", verbosity=0)

    announcement = Announcement.objects.public().get(slug=ANNOUNCEMENT["slug"])

    assert announcement.held_on == datetime.date(2022, 7, 19)
    assert [s.name for s in announcement.speakers.all()] == ["Wang Peng"]
    assert announcement.organizer == "State Council Information Office"


def test_demo_contains_each_figure_of_the_seed():
    call_command("load_demo", verbosity=0)

    figures = {
        o.indicator.slug: (o.value, o.qualifier, o.period_label)
        for o in Observation.objects.filter(
            announcement__slug=ANNOUNCEMENT["slug"]
        ).select_related("indicator")
    }

    assert figures == SEED_FIGURES


def test_demo_contains_the_five_actions_in_order():
    call_command("load_demo", verbosity=0)

    titles = list(
        PolicyAction.objects.filter(announcement__slug=ANNOUNCEMENT["slug"])
        .order_by("ordinal")
        .values_list("ordinal", "title")
    )

    assert [ordinal for ordinal, _ in titles] == [1, 2, 3, 4, 5]
    assert "core technologies" in titles[0][1]
    assert "governance" in titles[4][1]


def test_demo_text_is_in_our_own_words(seed_text):
    call_command("load_demo", verbosity=0)
    demo_text = " ".join(
        " ".join([text.title, text.summary, text.body])
        for text in Announcement.objects.all()
    )
    seed_sentences = [
        s.strip() for s in seed_text.replace("\n", " ").split(". ") if len(s) > 60
    ]

    copied = [sentence for sentence in seed_sentences if sentence in demo_text]

    assert copied == []
