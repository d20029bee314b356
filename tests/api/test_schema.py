import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_generates_and_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert target.read_text().startswith("openapi: 3")


def test_schema_describes_every_resource(schema):
    assert set(schema["paths"]) == {
        "/api/v1/announcements/",
        "/api/v1/announcements/{slug}/",
        "/api/v1/announcements/{slug}/comments/",
        "/api/v1/attachments/",
        "/api/v1/attachments/{id}/",
        "/api/v1/comments/",
        "/api/v1/comments/{id}/",
        "/api/v1/images/",
        "/api/v1/images/{id}/",
        "/api/v1/indicators/",
        "/api/v1/indicators/{slug}/",
        "/api/v1/indicators/{slug}/observations/",
        "/api/v1/observations/",
        "/api/v1/observations/{id}/",
        "/api/v1/policy-actions/",
        "/api/v1/policy-actions/{slug}/",
        "/api/v1/speakers/",
        "/api/v1/speakers/{slug}/",
        "/api/v1/subscriptions/",
        "/api/v1/topics/",
        "/api/v1/topics/{slug}/",
    }


def test_every_operation_documents_the_error_shape_and_429(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("400", "401", "403", "404", "429"):
                content = responses[code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/Error"}, (
                    path,
                    method,
                    code,
                )
            assert responses["429"]["headers"]["Retry-After"]["required"] is True


def test_schema_documents_the_csv_download_and_vintage_filters(schema):
    for path in ("/api/v1/observations/", "/api/v1/indicators/{slug}/observations/"):
        operation = schema["paths"][path]["get"]
        content = operation["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/csv"}
        assert "examples" in content["text/csv"]
        parameters = {parameter["name"] for parameter in operation["parameters"]}
        assert {"as_of", "current", "format", "page", "page_size"} <= parameters


def test_schema_documents_filters_and_ordering(schema):
    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/v1/announcements/"]["get"]["parameters"]
    }

    assert {"topic", "kind", "speaker", "held_after", "held_before", "q"} <= set(
        parameters
    )
    assert "-held_on" in parameters["ordering"]["schema"]["items"]["enum"]


def test_comment_input_is_closed_to_extra_fields_and_has_examples(schema):
    components = schema["components"]["schemas"]
    operation = schema["paths"]["/api/v1/announcements/{slug}/comments/"]["post"]

    assert components["CommentInputRequest"]["additionalProperties"] is False
    assert set(components["CommentInputRequest"]["properties"]) == {
        "author_name",
        "author_email",
        "author_url",
        "body",
        "parent",
    }
    assert operation["requestBody"]["content"]["application/json"]["examples"]
    assert "author_email" not in components["CommentReceipt"]["properties"]


def test_public_reads_are_marked_as_needing_no_credentials(schema):
    reads = schema["paths"]["/api/v1/announcements/"]["get"]["security"]
    moderation = schema["paths"]["/api/v1/comments/"]["get"]["security"]

    assert {} in reads
    assert {} not in moderation


def test_docs_are_served_offline_without_inline_scripts(api):
    response = api.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    script_sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert script_sources
    assert all(src.startswith("/") for src in script_sources)
    assert not re.search(r"<script(?![^>]*src=)[^>]*>\s*\S", html)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
