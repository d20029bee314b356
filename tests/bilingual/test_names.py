"""Names in both languages (issue 21): fallback marked with `lang`, bad input refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from announcements.models import Announcement
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_a_topic_shows_its_chinese_name_on_chinese_pages_and_english_on_english(client):
    TopicFactory(name="Digital economy", name_zh_hans="数字经济", slug="digital")

    english = client.get("/topics/digital/").content.decode()
    chinese = client.get("/zh-hans/topics/digital/").content.decode()

    assert "<h1>Digital economy</h1>" in english
    assert "<h1>数字经济</h1>" in chinese


def test_a_name_missing_in_chinese_shows_the_english_one_marked_with_its_lang(client):
    TopicFactory(name="Telecoms", slug="telecoms")

    chinese = client.get("/zh-hans/topics/telecoms/").content.decode()

    assert '<h1><span lang="en">Telecoms</span></h1>' in chinese


def test_a_name_missing_in_english_shows_the_chinese_one_marked(client):
    topic = TopicFactory(name="placeholder", slug="only-zh")
    type(topic).objects.filter(pk=topic.pk).update(
        name_en="", name_zh_hans="工业互联网"
    )

    english = client.get("/topics/only-zh/").content.decode()

    assert '<h1><span lang="zh-hans">工业互联网</span></h1>' in english


def test_an_indicator_page_in_chinese_shows_the_chinese_name_unit_and_qualifier(client):
    indicator = IndicatorFactory(
        name="Revenue",
        name_zh_hans="收入",
        unit="trillion yuan",
        slug="revenue",
        decimals=0,
    )
    indicator.unit_zh_hans = "万亿元"
    indicator.save()
    ObservationFactory(
        indicator=indicator,
        announcement=AnnouncementFactory(published=True),
        period_label="2022 H1",
        value=Decimal("10"),
        qualifier="more_than",
    )

    chinese = client.get("/zh-hans/indicators/revenue/").content.decode()
    english = client.get("/indicators/revenue/").content.decode()

    assert "<h1>收入</h1>" in chinese
    assert "超过10万亿元" in chinese
    assert "&gt; 10 trillion yuan" in english


def test_a_rank_keeps_being_a_rank_whatever_its_chinese_unit():
    indicator = IndicatorFactory(unit="rank")
    indicator.unit_zh_hans = "位"

    with translation.override("zh-hans"):
        assert indicator.is_rank


def test_action_titles_and_speaker_names_follow_the_page_language(client):
    text = AnnouncementFactory(published=True, held_on=datetime.date(2022, 7, 19))
    speaker = SpeakerFactory(name="Wang Peng", name_zh_hans="王鹏")
    text.speakers.add(speaker)
    action = PolicyActionFactory(
        announcement=text, title="Strengthen research", title_zh_hans="加强核心技术攻关"
    )

    text_url, action_url = text.get_absolute_url(), action.get_absolute_url()
    page = client.get("/zh-hans" + text_url).content.decode()
    action_page = client.get("/zh-hans" + action_url).content.decode()

    assert "王鹏" in page
    assert "加强核心技术攻关" in page
    assert "<h1>加强核心技术攻关</h1>" in action_page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name_en", "数字经济"),  # Chinese in the English box
        ("name_zh_hans", "Digital economy"),  # English in the Chinese box
        ("name_en", "Digitаl economy"),  # a Cyrillic "а" among Latin letters
    ],
)
def test_a_mixed_script_name_is_a_form_error(field, value):
    topic = TopicFactory.build(name="Digital economy", slug="digital")
    setattr(topic, field, value)

    with pytest.raises(ValidationError) as error:
        topic.full_clean()

    assert field in error.value.message_dict


def test_a_chinese_name_may_hold_latin_letters_and_digits():
    indicator = IndicatorFactory.build(name="5G base stations", slug="bs")
    indicator.name_zh_hans = "5G基站"

    indicator.full_clean()


def test_a_text_cannot_be_a_translation_of_itself():
    text = AnnouncementFactory()
    text.translation_of = text

    with pytest.raises(ValidationError):
        text.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Announcement.objects.filter(pk=text.pk).update(translation_of=text)


def test_a_translation_of_a_translation_is_refused_so_no_cycle_can_form():
    original = AnnouncementFactory()
    chinese = AnnouncementFactory(language="zh-hans", translation_of=original)
    original.translation_of = chinese

    with pytest.raises(ValidationError) as error:
        original.full_clean()

    assert "translation_of" in error.value.message_dict


def test_a_translation_in_the_original_language_is_refused():
    original = AnnouncementFactory()
    copy = AnnouncementFactory.build(language="en", translation_of=original)

    with pytest.raises(ValidationError) as error:
        copy.full_clean()

    assert "language" in error.value.message_dict


def test_two_chinese_versions_of_one_original_are_refused():
    original = AnnouncementFactory()
    AnnouncementFactory(language="zh-hans", translation_of=original)
    second = AnnouncementFactory.build(language="zh-hans", translation_of=original)

    with pytest.raises(ValidationError):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnouncementFactory(language="zh-hans", translation_of=original)
