"""A text and its translation are one text to a subscriber: one alert, in
their language where the text has a version in it (issue 20 and 21)."""

import pytest

from tests.factories import AnnouncementFactory

from .test_alert_paths import follow, publish, subjects

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def readers():
    follow("english@example.org", language="en")
    follow("chinese@example.org", language="zh-hans")


def draft_pair():
    original = AnnouncementFactory(title="5G base stations pass 2.31 million")
    chinese = AnnouncementFactory(
        title="5G基站突破231万个", language="zh-hans", translation_of=original
    )
    return original, chinese


def test_a_text_published_with_its_translation_alerts_each_reader_once_in_their_language(
    smtp, run_worker, readers
):
    original, chinese = draft_pair()

    publish(original)
    publish(chinese)
    run_worker()
    run_worker()

    assert subjects(smtp, "english@example.org") == [f"New: {original.title}"]
    [chinese_subject] = subjects(smtp, "chinese@example.org")
    assert chinese.title in chinese_subject


def test_a_translation_published_later_sends_no_second_alert(smtp, run_worker, readers):
    original, chinese = draft_pair()
    publish(original)
    run_worker()
    run_worker()

    publish(chinese)
    run_worker()
    run_worker()

    # The Chinese reader had the text when it came out, in English (it had no
    # Chinese version yet), in a Chinese mail.
    assert subjects(smtp, "english@example.org") == [f"New: {original.title}"]
    assert subjects(smtp, "chinese@example.org") == [f"新发布：{original.title}"]
