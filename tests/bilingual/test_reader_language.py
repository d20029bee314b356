"""One text, two languages: each reader meets the version in their own (issue 21).

Lists, feeds and the pages that cite a text show its version in the reader's
language where a public one exists, and the text as published otherwise;
the sitemap names every version of a page with hreflang.
"""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def topic():
    return TopicFactory(slug="telecoms", name="Telecoms", name_zh_hans="通信")


@pytest.fixture
def original(topic):
    return AnnouncementFactory(
        published=True,
        slug="base-stations-2023",
        title="3.377 million 5G base stations at the end of 2023",
        body="There were 3.377 million 5G base stations.",
        topics=[topic],
    )


@pytest.fixture
def chinese(original, topic):
    return AnnouncementFactory(
        published=True,
        slug="base-stations-2023-zh",
        title="2023年底5G基站达到337.7万个",
        body="5G基站达到337.7万个。",
        language="zh-hans",
        translation_of=original,
        topics=[topic],
    )


@pytest.fixture
def english_only(topic):
    return AnnouncementFactory(
        published=True,
        slug="english-only",
        title="Software revenue above 10.81 trillion yuan",
        topics=[topic],
    )


def titles_linked(html: str) -> list[str]:
    return re.findall(r'class="item-title"><a [^>]*>([^<]+)</a>', html)


def test_each_list_shows_one_version_of_a_text_in_the_readers_language(
    client, original, chinese, english_only
):
    english = client.get("/announcements/").content.decode()
    zh = client.get("/zh-hans/announcements/").content.decode()

    assert sorted(titles_linked(english)) == sorted(
        [original.title, english_only.title]
    )
    assert sorted(titles_linked(zh)) == sorted([chinese.title, english_only.title])
    # A text with no Chinese version is listed as published, marked English.
    assert f'lang="en">{english_only.title}</a>' in zh


def test_the_home_page_and_a_topic_list_one_version_per_text(
    client, original, chinese, english_only, topic
):
    for path, shown, hidden in [
        ("/", original, chinese),
        ("/zh-hans/", chinese, original),
        (f"/topics/{topic.slug}/", original, chinese),
        (f"/zh-hans/topics/{topic.slug}/", chinese, original),
    ]:
        html = client.get(path).content.decode()
        assert shown.title in html, path
        assert hidden.title not in html, path
        assert english_only.title in html, path


def test_a_translation_whose_original_is_not_public_is_listed_on_its_own(
    client, original, chinese
):
    original.status = original.Status.DRAFT
    original.save()

    english = client.get("/announcements/").content.decode()

    assert titles_linked(english) == [chinese.title]


def test_a_search_finds_texts_in_either_language_from_any_page(
    client, original, chinese
):
    chinese_query = client.get("/announcements/", {"q": "基站"}).content.decode()
    english_query = client.get("/zh-hans/announcements/", {"q": "stations"})

    assert titles_linked(chinese_query) == [chinese.title]
    assert titles_linked(english_query.content.decode()) == [original.title]


def feed_items(client, path):
    root = ET.fromstring(client.get(path).content)
    channel = root.find("channel")
    items = [
        (item.findtext("title"), item.findtext("link"))
        for item in channel.findall("item")
    ]
    return channel.findtext("language"), items


def test_each_language_has_its_own_feed_of_texts(client, original, chinese):
    english_language, english_items = feed_items(client, "/feeds/announcements/")
    zh_language, zh_items = feed_items(client, "/zh-hans/feeds/announcements/")

    assert english_language == "en"
    assert english_items == [
        (original.title, "http://testserver/announcements/base-stations-2023/")
    ]
    assert zh_language == "zh-hans"
    assert zh_items == [
        (
            chinese.title,
            "http://testserver/zh-hans/announcements/base-stations-2023-zh/",
        )
    ]


def sitemap_entries(client, section):
    root = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_names_each_texts_versions_with_hreflang(
    client, original, chinese, english_only
):
    entries = sitemap_entries(client, "announcements")

    en_url = "http://testserver/announcements/base-stations-2023/"
    zh_url = "http://testserver/zh-hans/announcements/base-stations-2023-zh/"
    both = {"en": en_url, "zh-hans": zh_url}
    assert entries[en_url] == both
    assert entries[zh_url] == both
    # A text in one language only has no alternates to name.
    assert entries["http://testserver/announcements/english-only/"] == {}


def test_the_sitemap_lists_a_topic_in_each_language_with_x_default(client, topic):
    entries = sitemap_entries(client, "topics")

    en_url = f"http://testserver/topics/{topic.slug}/"
    zh_url = f"http://testserver/zh-hans/topics/{topic.slug}/"
    expected = {"en": en_url, "zh-hans": zh_url, "x-default": en_url}
    assert entries == {en_url: expected, zh_url: expected}


def test_an_indicator_page_links_its_source_in_the_readers_language(
    client, original, chinese
):
    indicator = IndicatorFactory(slug="base-stations", name_zh_hans="5G基站")
    ObservationFactory(indicator=indicator, announcement=original)

    english = client.get("/indicators/base-stations/").content.decode()
    zh = client.get("/zh-hans/indicators/base-stations/").content.decode()

    assert f">{original.title}</a>" in english
    assert chinese.title not in english
    assert (
        f'href="/zh-hans/announcements/base-stations-2023-zh/">{chinese.title}</a>'
        in zh
    )


def test_the_tracker_and_an_action_link_the_announcing_text_in_the_readers_language(
    client, original, chinese
):
    action = PolicyActionFactory(
        announcement=original, slug="build-more", title_zh_hans="再建60万个基站"
    )

    for path in ["/zh-hans/actions/", f"/zh-hans/actions/{action.slug}/"]:
        html = client.get(path).content.decode()
        assert f">{chinese.title}</a>" in html, path
        assert original.title not in html, path


def test_retitling_a_translation_refreshes_the_cached_pages_citing_its_original(
    client, original, chinese
):
    indicator = IndicatorFactory(slug="base-stations", name_zh_hans="5G基站")
    ObservationFactory(indicator=indicator, announcement=original)
    page = "/zh-hans/indicators/base-stations/"
    client.get(page)
    assert client.get(page)["X-Pressroom-Cache"] == "hit"

    chinese.title = "2023年底5G基站达到337.7万个（修订标题）"
    chinese.save()

    assert chinese.title in client.get(page).content.decode()


def test_a_search_names_the_topics_and_indicators_called_by_its_words(
    client, original, topic
):
    indicator = IndicatorFactory(
        slug="base-stations", name="5G base stations", name_zh_hans="5G基站总数"
    )
    ObservationFactory(indicator=indicator, announcement=original)

    chinese = client.get("/announcements/", {"q": "基站"}).content.decode()
    by_topic = client.get("/zh-hans/announcements/", {"q": "通信"}).content.decode()
    english = client.get("/zh-hans/announcements/", {"q": "base stations"})
    neither = client.get("/announcements/", {"q": "基站 telecoms"}).content.decode()

    assert 'href="/indicators/base-stations/">5G base stations</a>' in chinese
    assert 'href="/zh-hans/topics/telecoms/">通信</a>' in by_topic
    assert ">5G基站总数</a>" in english.content.decode()
    # Every word must be in one name: no topic or indicator is called both.
    assert "named-heading" not in neither


def test_a_speakers_post_reads_in_chinese_without_naming_the_ministry_twice(client):
    speaker = SpeakerFactory(
        name="Wang Zhijun",
        name_zh_hans="王志军",
        position="Vice Minister",
        position_zh_hans="工业和信息化部副部长",
        organization="MIIT",
        organization_zh_hans="工业和信息化部",
    )
    AnnouncementFactory(published=True, slug="with-speaker", speakers=[speaker])

    english = client.get("/announcements/with-speaker/").content.decode()
    chinese = client.get("/zh-hans/announcements/with-speaker/").content.decode()

    assert '<span class="speaker-role">, Vice Minister, MIIT</span>' in english
    assert '<span class="speaker-role">，工业和信息化部副部长</span>' in chinese
