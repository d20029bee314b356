import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement
from tests.factories import (
    AnnouncementFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/announcements/"


def detail_url(announcement):
    return f"/api/v1/announcements/{announcement.slug}/"


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def test_announcement_list_shows_published_texts_with_topics_and_speakers(api):
    topic = TopicFactory(slug="digital-economy", name="Digital economy")
    speaker = SpeakerFactory(slug="wang-peng", name="Wang Peng")
    AnnouncementFactory(
        slug="published-one", published=True, topics=[topic], speakers=[speaker]
    )

    response = api.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None
    item = body["results"][0]
    assert item["slug"] == "published-one"
    assert item["url"].endswith("/api/v1/announcements/published-one/")
    assert item["html_url"].endswith("/announcements/published-one/")
    assert item["topics"] == [
        {
            "slug": "digital-economy",
            "name": "Digital economy",
            "url": "http://testserver/api/v1/topics/digital-economy/",
        }
    ]
    assert item["speakers"][0]["slug"] == "wang-peng"
    assert item["links"] == {
        "observations": "http://testserver/api/v1/observations/?announcement=published-one",
        "policy_actions": "http://testserver/api/v1/policy-actions/?announcement=published-one",
        "comments": "http://testserver/api/v1/announcements/published-one/comments/",
    }
    assert "body" not in item


def test_announcement_list_leaves_out_drafts_scheduled_and_withdrawn_texts(api):
    AnnouncementFactory(slug="public", published=True)
    AnnouncementFactory(slug="draft")
    AnnouncementFactory(
        slug="scheduled",
        status=Announcement.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    AnnouncementFactory(
        slug="withdrawn",
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=1),
        withdrawn_reason="Figures were wrong.",
    )

    response = api.get(LIST_URL)

    assert slugs(response) == ["public"]


def test_announcement_detail_has_markdown_and_rendered_body(api):
    announcement = AnnouncementFactory(published=True, body="Output **rose**.")

    response = api.get(detail_url(announcement))

    assert response.status_code == 200
    assert response.json()["body"] == "Output **rose**."
    assert "<strong>rose</strong>" in response.json()["body_html"]


def test_draft_announcement_is_404_for_the_public(api):
    draft = AnnouncementFactory(slug="secret-draft")

    response = api.get(detail_url(draft))

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No Announcement matches the given query.",
        "errors": {},
    }


def test_withdrawn_announcement_answers_with_its_status_and_reason(api):
    withdrawn = AnnouncementFactory(
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=1),
        withdrawn_reason="The figures were corrected.",
    )

    response = api.get(detail_url(withdrawn))

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["withdrawn_reason"] == "The figures were corrected."
    assert response.json()["accepts_comments"] is False


def test_staff_editor_reads_drafts_in_the_list_and_detail(editor_api):
    draft = AnnouncementFactory(slug="a-draft")
    AnnouncementFactory(slug="public", published=True)

    listing = editor_api.get(LIST_URL, {"status": "draft"})
    detail = editor_api.get(detail_url(draft))

    assert slugs(listing) == ["a-draft"]
    assert detail.status_code == 200
    assert "no-store" in detail["Cache-Control"]


def test_signed_in_user_without_a_role_does_not_see_drafts(reader_api):
    draft = AnnouncementFactory()

    assert reader_api.get(detail_url(draft)).status_code == 404
    assert reader_api.get(LIST_URL).json()["count"] == 0


def test_announcements_filter_by_topic_kind_speaker_language_and_dates(api):
    economy = TopicFactory(slug="economy")
    wang = SpeakerFactory(slug="wang")
    AnnouncementFactory(
        slug="match",
        published=True,
        topics=[economy],
        speakers=[wang],
        kind=Announcement.Kind.SPEECH,
        held_on=datetime.date(2022, 7, 19),
    )
    AnnouncementFactory(
        slug="other-kind",
        published=True,
        topics=[economy],
        speakers=[wang],
        held_on=datetime.date(2022, 7, 19),
    )
    AnnouncementFactory(
        slug="too-early",
        published=True,
        topics=[economy],
        speakers=[wang],
        kind=Announcement.Kind.SPEECH,
        held_on=datetime.date(2021, 1, 1),
    )
    AnnouncementFactory(
        slug="chinese",
        published=True,
        topics=[economy],
        speakers=[wang],
        kind=Announcement.Kind.SPEECH,
        held_on=datetime.date(2022, 7, 19),
        language=Announcement.Language.CHINESE,
    )
    AnnouncementFactory(slug="no-topic", published=True, kind=Announcement.Kind.SPEECH)

    response = api.get(
        LIST_URL,
        {
            "topic": "economy",
            "speaker": "wang",
            "kind": "speech",
            "language": "en",
            "held_after": "2022-01-01",
            "held_before": "2022-12-31",
        },
    )

    assert slugs(response) == ["match"]


def test_announcements_search_with_q_finds_words_in_the_text(api):
    AnnouncementFactory(
        slug="broadband", published=True, body="Gigabit broadband reached villages."
    )
    AnnouncementFactory(slug="steel", published=True, body="Steel output fell.")

    response = api.get(LIST_URL, {"q": "broadband"})

    assert slugs(response) == ["broadband"]


def test_announcements_order_by_a_requested_field(api):
    AnnouncementFactory(slug="b", title="Beta", published=True)
    AnnouncementFactory(slug="a", title="Alpha", published=True)
    AnnouncementFactory(slug="c", title="Gamma", published=True)

    ascending = api.get(LIST_URL, {"ordering": "title"})
    descending = api.get(LIST_URL, {"ordering": "-title"})

    assert slugs(ascending) == ["a", "b", "c"]
    assert slugs(descending) == ["c", "b", "a"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"kind": "podcast"}, "kind"),
        ({"held_after": "2022-13-45"}, "held_after"),
        ({"held_before": "yesterday"}, "held_before"),
        ({"language": "xx"}, "language"),
        ({"ordering": "body"}, "ordering"),
        ({"q": "nul\x00byte"}, "q"),
    ],
)
def test_announcements_refuse_invalid_filter_values_with_400(api, params, field):
    AnnouncementFactory(published=True)

    response = api.get(LIST_URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()["errors"]


def test_announcement_list_paginates_with_a_capped_page_size(api, settings):
    settings.API_MAX_PAGE_SIZE = 3
    AnnouncementFactory.create_batch(5, published=True)

    first = api.get(LIST_URL, {"page_size": 50})
    second = api.get(first.json()["next"])

    assert len(first.json()["results"]) == 3
    assert first.json()["count"] == 5
    assert len(second.json()["results"]) == 2
    assert second.json()["next"] is None
    assert second.json()["previous"] is not None


def test_announcement_list_runs_the_same_queries_for_1_and_30_items(api):
    topic = TopicFactory()
    speaker = SpeakerFactory()
    AnnouncementFactory.create_batch(
        1, published=True, topics=[topic], speakers=[speaker]
    )
    with CaptureQueriesContext(connection) as one:
        api.get(LIST_URL, {"page_size": 50})
    AnnouncementFactory.create_batch(
        29, published=True, topics=[topic], speakers=[speaker]
    )
    with CaptureQueriesContext(connection) as thirty:
        response = api.get(LIST_URL, {"page_size": 50})

    assert response.json()["count"] == 30
    assert len(thirty) == len(one)


def test_topics_and_speakers_are_listed_and_found_by_slug(api):
    TopicFactory(slug="telecom", name="Telecommunications")
    SpeakerFactory(slug="li", name="Li Wei", organization="NBS")

    topics = api.get("/api/v1/topics/")
    topic = api.get("/api/v1/topics/telecom/")
    speaker = api.get(reverse("api-speaker-detail", kwargs={"slug": "li"}))

    assert [item["slug"] for item in topics.json()["results"]] == ["telecom"]
    assert topic.json()["name"] == "Telecommunications"
    assert speaker.json() == {
        "slug": "li",
        "name": "Li Wei",
        "position": "Spokesperson",
        "organization": "NBS",
        "url": "http://testserver/api/v1/speakers/li/",
        "name_i18n": {"en": "Li Wei", "zh-hans": ""},
        "position_i18n": {"en": "Spokesperson", "zh-hans": ""},
        "organization_i18n": {"en": "NBS", "zh-hans": ""},
    }


def test_list_items_are_exactly_what_the_declared_fields_give(rf):
    from rest_framework.serializers import ModelSerializer

    from announcements.api.serializers import AnnouncementSerializer

    topic = TopicFactory(slug="trade", name="Trade")
    speaker = SpeakerFactory(slug="li-na", name="Li Na", position="Spokesperson")
    original = AnnouncementFactory(published=True, slug="original")
    original.topics.add(topic)
    original.speakers.add(speaker)
    texts = [
        original,
        AnnouncementFactory(
            published=True,
            slug="translated",
            language="zh-hans",
            translation_of=original,
        ),
        AnnouncementFactory(slug="draft", source_url="https://example.org/x"),
        AnnouncementFactory(withdrawn=True, slug="withdrawn", allow_comments=False),
    ]
    request = rf.get("/api/v1/announcements/")

    for text in Announcement.objects.filter(pk__in=[t.pk for t in texts]):
        serializer = AnnouncementSerializer(text, context={"request": request})

        assert serializer.data == ModelSerializer.to_representation(serializer, text)
