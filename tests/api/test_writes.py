import pytest

from announcements.models import Announcement, Topic
from indicators.models import Observation, PolicyAction
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NEW_TEXT = {
    "slug": "q1-briefing",
    "title": "Industrial output in the first quarter",
    "held_on": "2024-04-15",
    "body": "Output **rose**.",
    "topics": ["economy"],
    "speakers": ["wang-peng"],
}


@pytest.fixture
def economy_and_speaker():
    TopicFactory(slug="economy")
    SpeakerFactory(slug="wang-peng")


def test_an_editor_creates_a_draft_announcement_with_a_token(
    editor_api, editor, economy_and_speaker
):
    response = editor_api.post("/api/v1/announcements/", NEW_TEXT, format="json")

    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert response.json()["body_html"] == "<p>Output <strong>rose</strong>.</p>"
    assert [topic["slug"] for topic in response.json()["topics"]] == ["economy"]
    text = Announcement.objects.get(slug="q1-briefing")
    assert text.created_by == editor
    assert text.history.first().history_user == editor


def test_an_editor_publishes_by_changing_the_status(editor_api, api):
    draft = AnnouncementFactory(slug="to-publish")

    response = editor_api.patch(
        "/api/v1/announcements/to-publish/", {"status": "published"}, format="json"
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.is_public
    assert api.get("/api/v1/announcements/to-publish/").status_code == 200


def test_withdrawing_without_a_reason_is_refused_like_in_the_admin(editor_api):
    AnnouncementFactory(slug="live", published=True)

    response = editor_api.patch(
        "/api/v1/announcements/live/", {"status": "withdrawn"}, format="json"
    )

    assert response.status_code == 400
    assert "withdrawn_reason" in response.json()["errors"]
    assert Announcement.objects.get(slug="live").status == "published"


def test_an_editor_cannot_set_fields_the_api_does_not_take(editor_api):
    AnnouncementFactory(slug="text")

    response = editor_api.patch(
        "/api/v1/announcements/text/",
        {"title": "New title", "body_html": "<script>alert(1)</script>"},
        format="json",
    )

    assert response.status_code == 400
    assert "body_html" in response.json()["errors"]
    assert Announcement.objects.get(slug="text").title != "New title"


def test_a_duplicate_slug_is_a_400(editor_api):
    TopicFactory(slug="taken")

    response = editor_api.post(
        "/api/v1/topics/", {"slug": "taken", "name": "Another"}, format="json"
    )

    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_deleting_a_text_that_figures_cite_is_a_409(editor_api):
    source = AnnouncementFactory(slug="cited", published=True)
    ObservationFactory(announcement=source)

    response = editor_api.delete("/api/v1/announcements/cited/")

    assert response.status_code == 409
    assert Announcement.objects.filter(slug="cited").exists()


def test_an_editor_deletes_a_topic(editor_api):
    TopicFactory(slug="old")

    response = editor_api.delete("/api/v1/topics/old/")

    assert response.status_code == 204
    assert not Topic.objects.filter(slug="old").exists()


def test_an_editor_records_a_figure_and_reads_it_back_exactly(editor_api, api):
    IndicatorFactory(slug="revenue", decimals=2)
    AnnouncementFactory(slug="source", published=True)

    response = editor_api.post(
        "/api/v1/observations/",
        {
            "indicator": "revenue",
            "announcement": "source",
            "period_start": "2022-01-01",
            "period_end": "2022-06-30",
            "period_label": "Jan–Jun 2022",
            "qualifier": "exceeded",
            "value": "10.25",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["value"] == "10.25"
    assert response.json()["is_revision"] is False
    observation = Observation.objects.get()
    assert str(observation.value.normalize()) == "10.25"
    assert api.get(response.json()["url"]).json()["qualifier"] == "exceeded"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"period_end": "2021-01-01"}, "period_end"),
        ({"value": "NaN"}, "value"),
        ({"value": "1e400"}, "value"),
        ({"value": "0.0000001"}, "value"),
        ({"indicator": "no-such-indicator"}, "indicator"),
        ({"qualifier": "roughly"}, "qualifier"),
    ],
)
def test_invalid_figures_are_400(editor_api, overrides, field):
    IndicatorFactory(slug="revenue")
    AnnouncementFactory(slug="source", published=True)
    data = {
        "indicator": "revenue",
        "announcement": "source",
        "period_start": "2022-01-01",
        "period_end": "2022-06-30",
        "period_label": "H1",
        "value": "1",
        **overrides,
    }

    response = editor_api.post("/api/v1/observations/", data, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Observation.objects.exists()


def test_the_same_figure_twice_from_one_text_is_a_400(editor_api):
    existing = ObservationFactory()

    response = editor_api.post(
        "/api/v1/observations/",
        {
            "indicator": existing.indicator.slug,
            "announcement": existing.announcement.slug,
            "period_start": existing.period_start.isoformat(),
            "period_end": existing.period_end.isoformat(),
            "period_label": "again",
            "value": "2",
        },
        format="json",
    )

    assert response.status_code == 400
    assert Observation.objects.count() == 1


def test_an_editor_records_a_policy_action(editor_api):
    AnnouncementFactory(slug="source", published=True)
    TopicFactory(slug="broadband")

    response = editor_api.post(
        "/api/v1/policy-actions/",
        {
            "slug": "rural-broadband",
            "announcement": "source",
            "ordinal": 1,
            "title": "Bring gigabit fibre to villages",
            "topics": ["broadband"],
            "target_date": "2025-12-31",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["updates"] == []
    assert PolicyAction.objects.get().topics.get().slug == "broadband"


@pytest.mark.parametrize(
    "method, url",
    [
        ("post", "/api/v1/announcements/"),
        ("patch", "/api/v1/announcements/live/"),
        ("delete", "/api/v1/announcements/live/"),
        ("post", "/api/v1/topics/"),
        ("post", "/api/v1/observations/"),
        ("post", "/api/v1/policy-actions/"),
        ("post", "/api/v1/indicators/"),
    ],
)
def test_anonymous_users_cannot_write_content(api, method, url):
    AnnouncementFactory(slug="live", published=True)

    response = getattr(api, method)(url, {"title": "x"}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert Announcement.objects.get(slug="live").title != "x"


def test_a_wrong_token_is_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api.get("/api/v1/announcements/")

    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_a_user_without_a_role_cannot_write(reader_api):
    response = reader_api.post(
        "/api/v1/topics/", {"slug": "new", "name": "New"}, format="json"
    )

    assert response.status_code == 403
    assert not Topic.objects.filter(slug="new").exists()


def test_a_new_indicator_answers_with_its_empty_series(editor_api):
    response = editor_api.post(
        "/api/v1/indicators/",
        {"slug": "ports", "name": "Port throughput", "unit": "million TEU"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["series"] == []
    assert response.json()["latest"] is None
