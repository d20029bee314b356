"""The announcement list, search, one text's page, and the topic pages."""

import datetime
import html
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement, AnnouncementChange, Comment
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("announcements:announcement_list")


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These tests are about what the views render and the queries they run.
    settings.PAGE_CACHE_SECONDS = 0


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def hidden_texts():
    """Return a draft, a scheduled and a withdrawn text: none belongs in lists."""
    return [
        AnnouncementFactory(title="Draft on steel output", body="steel"),
        AnnouncementFactory(
            title="Scheduled note on steel output",
            body="steel",
            status=Announcement.Status.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
        AnnouncementFactory(
            title="Withdrawn note on steel output",
            body="steel",
            status=Announcement.Status.WITHDRAWN,
            published_at=timezone.now() - datetime.timedelta(days=2),
            withdrawn_reason="The figures were wrong.",
        ),
    ]


# --- The list -------------------------------------------------------------------


def test_announcement_list_shows_public_texts_and_hides_the_rest(client):
    AnnouncementFactory(published=True, title="Public note on steel output")
    hidden_texts()

    text = page_text(client.get(LIST_URL))

    assert "Public note on steel output" in text
    assert "Draft on steel output" not in text
    assert "Scheduled note on steel output" not in text
    assert "Withdrawn note on steel output" not in text


def test_announcement_list_counts_and_pages_only_public_texts(client):
    for number in range(20):
        AnnouncementFactory(published=True, title=f"Public note {number}")
    hidden_texts()
    AnnouncementFactory(title="In review", status=Announcement.Status.IN_REVIEW)

    first = page_text(client.get(LIST_URL))
    second = client.get(LIST_URL, {"page": 2})

    assert "20 announcements." in first
    # Twenty public texts fill one page: the hidden four make no second one.
    assert second.status_code == 404


def test_announcement_search_finds_words_in_title_summary_and_body(client):
    AnnouncementFactory(published=True, title="Broadband reaches villages")
    AnnouncementFactory(published=True, title="Ports", summary="Broadband at sea")
    AnnouncementFactory(published=True, title="Mines", body="Broadband underground.")
    AnnouncementFactory(published=True, title="Harvest figures", body="Grain rose.")

    text = page_text(client.get(LIST_URL, {"q": "broadband"}))

    assert "Broadband reaches villages" in text
    assert "Ports" in text
    assert "Mines" in text
    assert "Harvest figures" not in text
    assert "3 announcements match." in text


def test_announcement_search_never_finds_hidden_texts(client):
    hidden_texts()

    text = page_text(client.get(LIST_URL, {"q": "steel"}))

    assert "steel output" not in text
    assert "0 announcements match." in text


def test_announcement_filters_combine_with_search(client):
    energy = TopicFactory(name="Energy", slug="energy")
    wang = SpeakerFactory(name="Wang Peng", slug="wang-peng")
    AnnouncementFactory(
        published=True,
        title="Grid investment 2022",
        held_on=datetime.date(2022, 5, 1),
        kind=Announcement.Kind.SPEECH,
        topics=[energy],
        speakers=[wang],
    )
    AnnouncementFactory(
        published=True,
        title="Grid investment 2023",
        held_on=datetime.date(2023, 5, 1),
        kind=Announcement.Kind.SPEECH,
        topics=[energy],
        speakers=[wang],
    )
    AnnouncementFactory(
        published=True,
        title="Grid investment briefing",
        held_on=datetime.date(2022, 6, 1),
        topics=[energy],
    )
    AnnouncementFactory(
        published=True,
        title="Grid investment without topic",
        held_on=datetime.date(2022, 6, 1),
        kind=Announcement.Kind.SPEECH,
    )

    response = client.get(
        LIST_URL,
        {
            "q": "grid",
            "topic": "energy",
            "kind": "speech",
            "year": "2022",
            "speaker": "wang-peng",
        },
    )

    text = page_text(response)
    assert "Grid investment 2022" in text
    assert "Grid investment 2023" not in text
    assert "Grid investment briefing" not in text
    assert "Grid investment without topic" not in text


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "999999"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "1e3"},
    ],
)
def test_announcement_list_answers_404_for_pages_that_cannot_exist(client, query):
    AnnouncementFactory(published=True)

    response = client.get(LIST_URL, query)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"q": ""},
        {"q": "x" * 10_000},
        {"q": "steel\x00output"},
        {"q": "\x00"},
        {"q": "'); DROP TABLE announcements;--"},
        {"q": "a & b | !c <d>"},
        {"year": "abc"},
        {"year": "99999"},
        {"year": "²"},
        {"topic": "nope"},
        {"topic": "../../etc/passwd"},
        {"topic": "energy\x00"},
        {"topic": "é" * 300},
        {"speaker": "nobody"},
        {"kind": "rumour"},
        {"kind": "x" * 5000},
        {"replyto": "1"},
    ],
)
def test_announcement_list_answers_bad_query_strings_with_a_normal_page(client, query):
    AnnouncementFactory(published=True, title="Steel output report")

    response = client.get(LIST_URL, query)

    assert response.status_code == 200
    assert "<h1>Announcements</h1>" in response.content.decode()


def test_announcement_list_flags_a_bad_filter_and_still_applies_the_others(client):
    AnnouncementFactory(published=True, title="Steel output report")
    AnnouncementFactory(published=True, title="Grain harvest report")

    response = client.get(LIST_URL, {"topic": "nope", "q": "steel"})

    text = page_text(response)
    assert "Select a valid choice" in text
    assert "Steel output report" in text
    assert "Grain harvest report" not in text


def test_announcement_list_pages_through_results_keeping_the_search(client):
    AnnouncementFactory.create_batch(21, published=True, summary="Tariff talks")

    first = page_text(client.get(LIST_URL, {"q": "tariff"}))
    second = client.get(LIST_URL, {"q": "tariff", "page": "2"})

    assert "Page 1 of 2" in first
    assert 'href="?q=tariff&page=2"' in first
    assert second.status_code == 200
    assert "Page 2 of 2" in page_text(second)


def test_announcement_list_runs_the_same_queries_for_1_and_30_items(client):
    topic = TopicFactory()
    speaker = SpeakerFactory()
    AnnouncementFactory.create_batch(
        1, published=True, topics=[topic], speakers=[speaker]
    )
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL)
    AnnouncementFactory.create_batch(
        29, published=True, topics=[topic], speakers=[speaker]
    )
    with CaptureQueriesContext(connection) as thirty:
        client.get(LIST_URL)

    assert len(thirty) == len(one)


def test_search_runs_the_same_queries_for_1_and_30_matches(client):
    AnnouncementFactory.create_batch(1, published=True, title="Rail freight")
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL, {"q": "freight", "year": "2024"})
    AnnouncementFactory.create_batch(29, published=True, title="Rail freight")
    with CaptureQueriesContext(connection) as thirty:
        client.get(LIST_URL, {"q": "freight", "year": "2024"})

    assert len(thirty) == len(one)


# --- One text -------------------------------------------------------------------


def test_announcement_page_shows_text_date_organizer_venue_speakers_topics_source(
    client,
):
    announcement = AnnouncementFactory(
        published=True,
        title="Half-year briefing",
        held_on=datetime.date(2022, 7, 19),
        organizer="State Council Information Office",
        venue="Press hall, Beijing",
        body="Revenue **exceeded** 10 trillion yuan.",
        source_name="IT House",
        source_url="https://news.example.org/briefing",
        speakers=[SpeakerFactory(name="Wang Peng", position="Head of department")],
        topics=[TopicFactory(name="Digital economy")],
    )

    response = client.get(announcement.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>Half-year briefing</h1>" in text
    assert "Revenue <strong>exceeded</strong> 10 trillion yuan." in text
    assert 'datetime="2022-07-19"' in text
    assert "State Council Information Office" in text
    assert "Press hall, Beijing" in text
    assert "Wang Peng" in text and "Head of department" in text
    assert "Digital economy" in text
    assert 'href="https://news.example.org/briefing"' in text


def test_unknown_announcement_is_404(client):
    response = client.get(
        reverse("announcements:announcement_detail", kwargs={"slug": "no-such-text"})
    )

    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["draft", "in_review", "scheduled"])
def test_unpublished_announcement_is_404_for_the_public(client, kind):
    if kind == "scheduled":
        announcement = AnnouncementFactory(
            status=Announcement.Status.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(hours=2),
        )
    else:
        announcement = AnnouncementFactory(status=kind)

    response = client.get(announcement.get_absolute_url())

    assert response.status_code == 404


def test_staff_see_a_draft_under_a_banner(client, editor):
    announcement = AnnouncementFactory(title="Upcoming briefing")
    client.force_login(editor)

    response = client.get(announcement.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert "Draft — not public." in text
    assert '<meta name="robots" content="noindex">' in text
    assert "Comments open once the text is published." in text


def test_withdrawn_announcement_stays_at_its_url_with_the_reason(client):
    announcement = AnnouncementFactory(
        title="Retracted briefing",
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=3),
        withdrawn_reason="The export figures were misprinted.",
    )

    response = client.get(announcement.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert "This text has been withdrawn." in text
    assert "The export figures were misprinted." in text
    assert "Comments are closed." in text
    assert 'type="application/ld+json"' not in text


def test_announcement_page_links_each_figure_to_its_indicator(client):
    announcement = AnnouncementFactory(published=True)
    indicator = IndicatorFactory(name="Broadband users", unit="million", decimals=0)
    ObservationFactory(
        indicator=indicator,
        announcement=announcement,
        value=Decimal("500"),
        qualifier="more_than",
    )

    text = page_text(client.get(announcement.get_absolute_url()))

    assert "Figures in this text" in text
    assert f'<a href="{indicator.get_absolute_url()}">Broadband users</a>' in text
    assert "> 500 million" in text


def test_announcement_page_marks_a_figure_revised_later_with_the_new_value(client):
    indicator = IndicatorFactory(name="Output growth", unit="%", decimals=1)
    first = AnnouncementFactory(published=True, held_on=datetime.date(2024, 4, 10))
    later = AnnouncementFactory(
        published=True,
        title="Revised output figures",
        held_on=datetime.date(2024, 7, 10),
    )
    ObservationFactory(indicator=indicator, announcement=first, value=Decimal("5.3"))
    ObservationFactory(indicator=indicator, announcement=later, value=Decimal("5.5"))

    first_page = page_text(client.get(first.get_absolute_url()))
    later_page = page_text(client.get(later.get_absolute_url()))

    assert "revised later" in first_page
    assert "now 5.5%" in first_page
    assert f'href="{later.get_absolute_url()}">Revised output figures' in first_page
    assert "revised later" not in later_page


def test_a_revised_figure_costs_the_page_no_extra_query(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    indicator = IndicatorFactory(name="Output growth", unit="%", decimals=1)
    first = AnnouncementFactory(published=True, held_on=datetime.date(2024, 4, 10))
    later = AnnouncementFactory(published=True, held_on=datetime.date(2024, 7, 10))
    ObservationFactory(indicator=indicator, announcement=first, value=Decimal("5.3"))
    ObservationFactory(indicator=indicator, announcement=later, value=Decimal("5.5"))
    client.get(later.get_absolute_url())

    with CaptureQueriesContext(connection) as unrevised:
        client.get(later.get_absolute_url())
    with CaptureQueriesContext(connection) as revised:
        page = page_text(client.get(first.get_absolute_url()))

    assert "revised later" in page
    assert len(revised) == len(unrevised)


def test_a_figure_restated_unchanged_is_not_called_revised(client):
    indicator = IndicatorFactory(unit="%")
    first = AnnouncementFactory(published=True, held_on=datetime.date(2024, 4, 10))
    later = AnnouncementFactory(published=True, held_on=datetime.date(2024, 7, 10))
    ObservationFactory(indicator=indicator, announcement=first, value=Decimal("5.3"))
    ObservationFactory(indicator=indicator, announcement=later, value=Decimal("5.3"))

    text = page_text(client.get(first.get_absolute_url()))

    assert "revised later" not in text


def test_a_figure_revised_in_a_draft_is_not_revised_yet(client):
    indicator = IndicatorFactory(unit="%")
    first = AnnouncementFactory(published=True, held_on=datetime.date(2024, 4, 10))
    draft = AnnouncementFactory(held_on=datetime.date(2024, 7, 10))
    ObservationFactory(indicator=indicator, announcement=first, value=Decimal("5.3"))
    ObservationFactory(indicator=indicator, announcement=draft, value=Decimal("9.9"))

    text = page_text(client.get(first.get_absolute_url()))

    assert "revised later" not in text
    assert "9.9" not in text


def test_announcement_page_lists_actions_with_their_ordinal_and_tracker_link(client):
    announcement = AnnouncementFactory(published=True)
    for ordinal in (1, 2):
        PolicyActionFactory(
            announcement=announcement,
            ordinal=ordinal,
            title=f"Action number {ordinal}",
            slug=f"action-{ordinal}",
        )

    text = page_text(client.get(announcement.get_absolute_url()))

    assert "Actions announced" in text
    assert f'href="{reverse("indicators:action_detail", args=["action-2"])}"' in text
    assert "2nd of 2" in text


def test_announcement_page_links_its_public_translations_only(client):
    original = AnnouncementFactory(published=True, title="Briefing in English")
    draft = AnnouncementFactory(
        title="中文发布会", language="zh-hans", translation_of=original, slug="draft-tr"
    )
    before = page_text(client.get(original.get_absolute_url()))
    draft.status = draft.Status.PUBLISHED
    draft.published_at = draft.created_at
    draft.save()

    text = page_text(client.get(original.get_absolute_url()))

    assert "draft-tr" not in before
    assert 'href="/zh-hans/announcements/draft-tr/" hreflang="zh-hans"' in text
    assert "阅读中文版" in text


def test_translation_links_back_to_its_original(client):
    original = AnnouncementFactory(published=True, title="Briefing in English")
    translation = AnnouncementFactory(
        published=True, title="中文发布会", language="zh-hans", translation_of=original
    )

    text = page_text(client.get(translation.get_absolute_url()))

    assert f'href="{original.get_absolute_url()}" hreflang="en"' in text


def test_announcement_page_lists_published_changes_with_dates(client):
    announcement = AnnouncementFactory(published=True)
    AnnouncementChange.objects.create(
        announcement=announcement,
        changed_at=timezone.make_aware(datetime.datetime(2024, 3, 9, 12)),
        note="Corrected the export total.",
    )

    text = page_text(client.get(announcement.get_absolute_url()))

    assert "Changes to this text" in text
    assert "Corrected the export total." in text
    assert 'datetime="2024-03-09' in text


def test_announcement_page_has_open_graph_and_news_article_json_ld(client):
    announcement = AnnouncementFactory(
        published=True, title="Trade </script><script>alert(1)</script> briefing"
    )

    response = client.get(announcement.get_absolute_url())

    body = response.content.decode()
    assert '<meta property="og:type" content="article">' in body
    assert '<meta property="og:title" content="Trade &lt;/script&gt;' in body
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', body, re.S
    )
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Trade </script>")
    assert data["url"] == "http://testserver" + announcement.get_absolute_url()
    assert "<script>alert" not in body


def test_announcement_page_threads_approved_comments_one_level(client):
    announcement = AnnouncementFactory(published=True)
    question = CommentFactory(announcement=announcement, body="What about Q3?")
    CommentFactory(announcement=announcement, parent=question, body="Out in October.")
    CommentFactory(
        announcement=announcement, body="Held for review", status=Comment.Status.PENDING
    )
    CommentFactory(
        announcement=announcement, body="Buy pills now", status=Comment.Status.SPAM
    )

    text = page_text(client.get(announcement.get_absolute_url()))

    assert "What about Q3?" in text
    replies = text.split('<ol class="comment-replies">', 1)[1]
    assert "Out in October." in replies
    assert "Held for review" not in text
    assert "Buy pills now" not in text
    assert "2 comments" in text
    assert f'href="?replyto={question.pk}#respond"' in text


def test_reply_link_preselects_the_parent_in_the_form(client):
    announcement = AnnouncementFactory(published=True)
    question = CommentFactory(announcement=announcement, author_name="Li Na")

    response = client.get(
        announcement.get_absolute_url(), {"replyto": str(question.pk)}
    )

    text = page_text(response)
    assert "Reply to Li Na" in text
    assert f'<input type="hidden" name="parent" value="{question.pk}"' in text


@pytest.mark.parametrize("replyto", ["abc", "99999999", "-1", "²", "1" * 40])
def test_reply_link_to_a_comment_that_cannot_be_answered_is_ignored(client, replyto):
    announcement = AnnouncementFactory(published=True)

    response = client.get(announcement.get_absolute_url(), {"replyto": replyto})

    text = page_text(response)
    assert response.status_code == 200
    assert "Leave a Reply" in text


def test_announcement_page_runs_the_same_queries_for_1_and_30_comments_and_figures(
    client,
):
    announcement = AnnouncementFactory(published=True)

    def add(n):
        for _ in range(n):
            comment = CommentFactory(announcement=announcement)
            CommentFactory(announcement=announcement, parent=comment)
            ObservationFactory(announcement=announcement)
            PolicyActionFactory(announcement=announcement)

    add(1)
    with CaptureQueriesContext(connection) as one:
        client.get(announcement.get_absolute_url())
    add(29)
    with CaptureQueriesContext(connection) as thirty:
        client.get(announcement.get_absolute_url())

    assert len(thirty) == len(one)


def test_staff_page_query_count_does_not_grow_with_comments(client):
    client.force_login(UserFactory(username="boss", is_staff=True))
    announcement = AnnouncementFactory(published=True)
    CommentFactory(announcement=announcement)
    with CaptureQueriesContext(connection) as one:
        client.get(announcement.get_absolute_url())
    CommentFactory.create_batch(10, announcement=announcement)
    with CaptureQueriesContext(connection) as eleven:
        client.get(announcement.get_absolute_url())

    assert len(eleven) == len(one)


# --- Topics -------------------------------------------------------------------


def test_topic_list_links_every_topic(client):
    topic = TopicFactory(name="Energy", slug="energy")

    text = page_text(client.get(reverse("announcements:topic_list")))

    assert f'href="{topic.get_absolute_url()}">Energy</a>' in text


def test_topic_page_gathers_announcements_indicators_and_actions(client):
    topic = TopicFactory(name="Energy", slug="energy")
    public = AnnouncementFactory(
        published=True, title="Power grid briefing", topics=[topic]
    )
    AnnouncementFactory(title="Draft grid plan", topics=[topic])
    indicator = IndicatorFactory(
        name="Installed capacity", topic=topic, unit="GW", decimals=0
    )
    ObservationFactory(indicator=indicator, announcement=public, value=Decimal("12"))
    action = PolicyActionFactory(announcement=public, title="Build more lines")
    action.topics.set([topic])

    response = client.get(topic.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert "Power grid briefing" in text
    assert "Draft grid plan" not in text
    assert "Installed capacity" in text and "12 GW" in text
    assert "Build more lines" in text


def test_topic_page_hides_actions_and_figures_of_unpublished_texts(client):
    topic = TopicFactory()
    draft = AnnouncementFactory(topics=[topic])
    indicator = IndicatorFactory(name="Secret capacity", topic=topic)
    ObservationFactory(indicator=indicator, announcement=draft)
    action = PolicyActionFactory(announcement=draft, title="Unannounced plan")
    action.topics.set([topic])

    text = page_text(client.get(topic.get_absolute_url()))

    assert "Secret capacity" not in text
    assert "Unannounced plan" not in text


def test_topic_page_shows_the_latest_ten_of_each_list_and_links_to_all(client):
    topic = TopicFactory(name="Energy", slug="energy")
    texts = [
        AnnouncementFactory(
            published=True,
            title=f"Grid briefing {n:02d}",
            held_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            topics=[topic],
        )
        for n in range(12)
    ]
    for n in range(12):
        indicator = IndicatorFactory(name=f"Capacity {n:02d}", topic=topic)
        ObservationFactory(indicator=indicator, announcement=texts[n])
        PolicyActionFactory(announcement=texts[n], title=f"Step {n:02d}").topics.set(
            [topic]
        )

    text = page_text(client.get(topic.get_absolute_url()))

    assert "Grid briefing 11" in text and "Grid briefing 01" not in text
    assert "Capacity 00" in text and "Capacity 11" not in text
    assert "Step 11" in text and "Step 01" not in text
    assert "/announcements/?topic=energy" in text
    assert "/indicators/?topic=energy" in text
    assert "/actions/?topic=energy" in text


def test_topic_page_runs_the_same_queries_for_1_and_12_of_everything(client):
    topic = TopicFactory()

    def add(n):
        text = AnnouncementFactory(published=True, topics=[topic])
        ObservationFactory(indicator=IndicatorFactory(topic=topic), announcement=text)
        PolicyActionFactory(announcement=text).topics.set([topic])

    add(0)
    with CaptureQueriesContext(connection) as one:
        client.get(topic.get_absolute_url())
    for n in range(1, 12):
        add(n)
    with CaptureQueriesContext(connection) as twelve:
        response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    assert len(twelve) == len(one) <= 8


def test_unknown_topic_is_404(client):
    response = client.get(
        reverse("announcements:topic_detail", kwargs={"slug": "no-such-topic"})
    )

    assert response.status_code == 404
