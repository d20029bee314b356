"""Reads compiled once: the same rows as the ORM, and never a skipped conversion."""

import pytest

from announcements.models import Announcement, Comment
from announcements.querysets import tag_links
from config.compiled import fetch_rows
from tests.factories import AnnouncementFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db


def texts_with_topics():
    economy, trade = TopicFactory(name="Economy"), TopicFactory(name="Trade")
    first, second = AnnouncementFactory(), AnnouncementFactory()
    first.topics.set([trade, economy])
    second.topics.set([trade])
    return first, second, economy, trade


def test_a_compiled_read_answers_for_the_ids_it_is_given_not_those_it_was_built_with():
    first, second, economy, trade = texts_with_topics()
    rows = fetch_rows(
        tag_links, Announcement, "topics", 2, params=[second.pk, first.pk]
    )
    # Each row: the text, then the topic's columns.
    assert sorted((text, topic) for text, topic, *_ in rows) == [
        (first.pk, economy.pk),
        (first.pk, trade.pk),
        (second.pk, trade.pk),
    ]
    only_second = fetch_rows(tag_links, Announcement, "topics", 1, params=[second.pk])
    assert [(text, topic) for text, topic, *_ in only_second] == [(second.pk, trade.pk)]


def test_texts_on_a_page_show_their_own_topics_and_speakers():
    first, second, economy, trade = texts_with_topics()
    speaker = SpeakerFactory(name="Li Wei")
    second.speakers.set([speaker])
    texts = {text.pk: text for text in Announcement.objects.with_tags()}
    assert [t.name for t in texts[first.pk].topics.all()] == ["Economy", "Trade"]
    assert [t.name for t in texts[second.pk].topics.all()] == ["Trade"]
    assert list(texts[first.pk].speakers.all()) == []
    assert [s.name for s in texts[second.pk].speakers.all()] == ["Li Wei"]


def test_a_compiled_read_refuses_a_wrong_number_of_parameters():
    texts_with_topics()
    with pytest.raises(ValueError, match="takes 2 parameters"):
        fetch_rows(tag_links, Announcement, "topics", 2, params=[1])


def comment_verdicts():
    return Comment.objects.values_list("pk", "verdicts")


def test_a_read_whose_columns_need_converting_is_never_compiled_raw():
    # JSON comes from the database as text and must be decoded: a raw row
    # would hand the page a string where the code expects a list.
    with pytest.raises(ValueError, match="need converting"):
        fetch_rows(comment_verdicts)
