"""Search in Chinese and in English on the demo: what a reader wants is found.

`manage.py measure_search` runs the same probes and prints found / missed
for the README; here each probe the README does not list as a known miss
must find every text it wants, on SQLite and on PostgreSQL alike.
"""

import pytest

from announcements.management.commands.measure_search import PROBES, measure
from indicators.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo()
            rows = measure()
            transaction.set_rollback(True)
    return {row["probe"].query: row for row in rows}


@pytest.mark.parametrize(
    "probe", [p for p in PROBES if not p.known_miss], ids=lambda p: p.query
)
def test_a_search_finds_every_text_in_its_language_that_speaks_of_it(measured, probe):
    row = measured[probe.query]

    assert row["wanted"] > 0
    assert row["missed"] == 0, row


def test_a_chinese_query_finds_no_english_text_and_an_english_one_no_chinese(
    measured,
):
    from announcements.models import Announcement

    load_demo()
    chinese = Announcement.objects.public().search("数字经济")
    english = Announcement.objects.public().search("digital economy")

    assert {text.language for text in chinese} == {"zh-hans"}
    assert {text.language for text in english} == {"en"}
