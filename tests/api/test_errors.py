"""Bad input a client or a bot may send: always a 4xx JSON answer, never a 500."""

import pytest

from announcements.models import Comment
from tests.factories import AnnouncementFactory, ObservationFactory

pytestmark = pytest.mark.django_db


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    return body


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999", "1.5", "9" * 40])
def test_impossible_page_numbers_are_404(api, page):
    AnnouncementFactory(published=True)

    response = api.get("/api/v1/announcements/", {"page": page})

    assert_json_error(response, 404)


@pytest.mark.parametrize("size", ["0", "-5", "abc", "1e3"])
def test_impossible_page_sizes_are_400(api, size):
    response = api.get("/api/v1/observations/", {"page_size": size})

    assert "page_size" in assert_json_error(response, 400)["errors"]


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/v1/announcements/", {"ordering": "secret_field"}),
        ("/api/v1/announcements/", {"ordering": "title,-nope"}),
        ("/api/v1/observations/", {"ordering": "indicator__unit"}),
        ("/api/v1/policy-actions/", {"ordering": "announcement__body"}),
    ],
)
def test_unknown_ordering_fields_are_400_with_a_message(api, url, params):
    body = assert_json_error(api.get(url, params), 400)

    assert "Unknown ordering field" in body["errors"]["ordering"][0]


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/v1/observations/", {"qualifier": "roughly"}),
        ("/api/v1/observations/", {"period_start_after": "2022-02-30"}),
        ("/api/v1/observations/", {"current": "yes"}),
        ("/api/v1/policy-actions/", {"status": "forgotten"}),
        ("/api/v1/policy-actions/", {"overdue": "1"}),
        ("/api/v1/indicators/", {"frequency": "hourly"}),
        ("/api/v1/indicators/", {"is_key": "maybe"}),
        ("/api/v1/announcements/", {"held_after": "0000-01-01"}),
        ("/api/v1/announcements/", {"held_after": "99999-01-01"}),
    ],
)
def test_invalid_filter_values_are_400(api, url, params):
    body = assert_json_error(api.get(url, params), 400)

    assert set(body["errors"]) == set(params)


def test_invalid_json_is_400(api, public_announcement):
    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        data='{"author_name": "Li", ',
        content_type="application/json",
    )

    assert "JSON parse error" in assert_json_error(response, 400)["detail"]


def test_json_with_a_lone_surrogate_is_400(api, public_announcement):
    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        data='{"author_name": "Li", "author_email": "li@example.org", "body": "\\ud800"}',
        content_type="application/json",
    )

    assert_json_error(response, 400)
    assert not Comment.objects.exists()


def test_a_json_list_instead_of_an_object_is_400(api, public_announcement):
    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        data="[1, 2]",
        content_type="application/json",
    )

    assert_json_error(response, 400)


def test_a_wrong_content_type_is_415(api, public_announcement):
    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        data="<comment/>",
        content_type="application/xml",
    )

    assert_json_error(response, 415)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/x-www-form-urlencoded"]
)
def test_an_oversized_body_is_413(api, public_announcement, settings, content_type):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = "x" * 2000
    data = (
        f'{{"author_name": "Li", "author_email": "li@example.org", "body": "{body}"}}'
        if content_type == "application/json"
        else f"author_name=Li&author_email=li%40example.org&body={body}"
    )

    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        data=data,
        content_type=content_type,
    )

    assert_json_error(response, 413)
    assert not Comment.objects.exists()


def test_too_many_form_fields_is_400_not_500(editor_api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = "&".join(f"f{n}=1" for n in range(50))

    response = editor_api.post(
        "/api/v1/topics/", data=data, content_type="application/x-www-form-urlencoded"
    )

    assert_json_error(response, 400)


def test_a_method_the_endpoint_lacks_is_405(api):
    response = api.delete("/api/v1/announcements/")

    assert_json_error(response, 405)
    assert "GET" in response["Allow"]


def test_an_unknown_api_url_is_a_json_404(api):
    assert_json_error(api.get("/api/v1/no-such-endpoint/"), 404)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/observations/99999999999999999999999/",
        "/api/v1/announcements/no-such-text/",
        "/api/v1/indicators/no-such-indicator/observations/",
        "/api/v1/announcements/%E2%98%83/",
        "/api/v1/observations/1/?format=csv",
        "/api/v1/announcements/?format=xml",
    ],
)
def test_unknown_resources_and_formats_are_404(api, url):
    assert_json_error(api.get(url), 404)


def test_an_unacceptable_accept_header_is_406(api):
    response = api.get("/api/v1/announcements/", HTTP_ACCEPT="image/png")

    assert_json_error(response, 406)


def test_comments_are_posted_as_json_only(api, public_announcement):
    url = f"/api/v1/announcements/{public_announcement.slug}/comments/"
    fields = {"author_name": "Li", "author_email": "li@example.org", "body": "Hi."}

    response = api.post(url, fields, format="multipart")

    assert_json_error(response, 415)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [("body", 0), ("author_name", True), ("author_email", ["li@example.org"])],
)
def test_json_values_of_the_wrong_type_are_400(api, public_announcement, field, value):
    data = {"author_name": "Li", "author_email": "li@example.org", "body": "Hi."}

    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        {**data, field: value},
        format="json",
    )

    assert set(assert_json_error(response, 400)["errors"]) == {field}


def test_a_numeric_string_is_not_a_parent_id(api, public_announcement):
    response = api.post(
        f"/api/v1/announcements/{public_announcement.slug}/comments/",
        {
            "author_name": "Li",
            "author_email": "li@example.org",
            "body": "Hi.",
            "parent": "1",
        },
        format="json",
    )

    assert "parent" in assert_json_error(response, 400)["errors"]


def test_editor_form_posts_work_and_refuse_unknown_fields_too(editor_api):
    accepted = editor_api.post(
        "/api/v1/topics/", {"slug": "ports", "name": "Ports"}, format="multipart"
    )
    refused = editor_api.post(
        "/api/v1/topics/",
        {"slug": "roads", "name": "Roads", "id": "7"},
        format="multipart",
    )

    assert accepted.status_code == 201
    assert "id" in assert_json_error(refused, 400)["errors"]


def test_options_asking_for_csv_is_answered_as_json(api):
    ObservationFactory(indicator__slug="output")

    response = api.options("/api/v1/indicators/output/observations/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"]


@pytest.mark.parametrize("query", ["page=-2.5", "page=0", "page=x", "page_size=0"])
def test_a_csv_download_refuses_a_malformed_page_though_it_is_not_paged(api, query):
    response = api.get(f"/api/v1/observations/?format=csv&{query}")

    assert_json_error(response, 400)


def test_a_csv_download_ignores_a_well_formed_page(api):
    response = api.get("/api/v1/observations/?format=csv&page=7&page_size=1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_an_empty_topic_from_a_form_is_refused_not_taken_for_none(editor):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from tests.factories import IndicatorFactory, TopicFactory

    indicator = IndicatorFactory(topic=TopicFactory())
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}"
    )

    response = client.patch(
        f"/api/v1/indicators/{indicator.slug}/", {"topic": ""}, format="multipart"
    )

    indicator.refresh_from_db()
    assert response.status_code == 400
    assert "null for none" in str(response.json()["errors"]["topic"])
    assert indicator.topic is not None
