"""`manage.py generate_corpus`: a deterministic, clearly synthetic archive."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from announcements.models import Announcement, Comment, Speaker, Topic
from indicators.models import Indicator, Observation, PolicyAction

pytestmark = pytest.mark.django_db

ARGS = ["--announcements", "12", "--comments-per", "2", "--observations", "300"]


def test_corpus_has_the_requested_size_and_is_marked_synthetic():
    out = io.StringIO()

    call_command("generate_corpus", *ARGS, stdout=out)

    texts = Announcement.objects.all()
    assert texts.count() == 12
    assert all(text.title.startswith("[Synthetic]") for text in texts)
    assert all(text.slug.startswith("synthetic-") for text in texts)
    # The benchmark's page has 50 approved comments; the others 2 each.
    assert Comment.objects.count() == 50 + 11 * 2
    assert Observation.objects.count() == 300
    assert PolicyAction.objects.filter(topics__isnull=False).count() == 12
    assert "Synthetic corpus written" in out.getvalue()


def test_corpus_is_the_same_for_the_same_arguments():
    call_command("generate_corpus", *ARGS, stdout=io.StringIO())
    first = list(Observation.objects.order_by("pk").values_list("value", flat=True))
    for model in [Observation, PolicyAction, Indicator, Announcement, Topic, Speaker]:
        model.objects.all().delete()

    call_command("generate_corpus", *ARGS, stdout=io.StringIO())
    second = list(Observation.objects.order_by("pk").values_list("value", flat=True))

    assert first == second


def test_corpus_refuses_to_be_written_twice():
    call_command("generate_corpus", *ARGS, stdout=io.StringIO())

    with pytest.raises(CommandError):
        call_command("generate_corpus", *ARGS, stdout=io.StringIO())


def test_corpus_leaves_planner_statistics_behind():
    call_command("generate_corpus", *ARGS, stdout=io.StringIO())

    # Each database keeps them in its own catalogue; a table never analysed
    # has none (PostgreSQL: reltuples -1).
    statistics = {
        "sqlite": "SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s",
        "postgresql": "SELECT reltuples FROM pg_class WHERE relname = %s",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(statistics, ["indicators_observation"])
        assert cursor.fetchone()[0] > 0
