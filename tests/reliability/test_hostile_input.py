"""Hostile input never gets a 500, and stored markup is never rendered (issue 7).

The targets are discovered, not listed: query parameters from the GET forms
and links of the public pages and from the API's OpenAPI schema, form fields
from the comment form as the page renders it, and API body fields from the
schema. A parameter or endpoint added later is covered without editing this.
"""

import json
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.urls import reverse

from announcements.models import Comment
from indicators.demo import load_demo
from tests.factories import UserFactory

from .site_client import forms_in

pytestmark = pytest.mark.django_db

CORPUS = [
    "x" * 100_000,
    "nul\x00byte",
    "' OR '1'='1' --",
    "1; DROP TABLE announcements_comment; --",
    "{{ 7*7 }}",
    "{% debug %}",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "9" * 400,
    "-1",
    "1e309",
    "NaN",
    "\u202egnp.exe",
    "",
]
# Percent-encoded bytes that are not UTF-8, and one raw NUL.
INVALID_UTF8_QUERIES = ["%ff%fe%fd", "%c3%28", "%ed%a0%80", "%00"]
SLUG_ATTACKS = [
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%2f..%2f",
    "%ff%fe",
    "%00",
    "<script>",
    "' OR '1'='1",
    "a" * 3000,
]
PUBLIC_PAGES = ["/", "/announcements/", "/indicators/", "/actions/", "/topics/"]
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def site(settings):
    # Every submission comes from one test client: limits would hide the input.
    settings.COMMENT_RATE_LIMIT_ENABLED = False
    settings.COMMENT_MIN_SECONDS = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "comments": None},
    }
    return load_demo()


@pytest.fixture
def client(client):
    # A 500 must come back as a response to be counted, not stop the test.
    client.raise_request_exception = False
    return client


def server_errors(responses):
    return [(label, r.status_code) for label, r in responses if r.status_code >= 500]


def assert_clear_refusal(label, response):
    """A 4xx must say what was wrong: a JSON detail or a page with a message."""
    if not 400 <= response.status_code < 500:
        return
    body = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        assert json.loads(body).get("detail"), label
    else:
        assert len(body.strip()) > 0, label


# --- Discovery -----------------------------------------------------------------


def page_parameters(client) -> dict[str, set[str]]:
    """Return each public page's query parameters, from its GET forms and links."""
    found: dict[str, set[str]] = {}
    for page in PUBLIC_PAGES:
        html = client.get(page).content.decode()
        names = {"page"}
        for form in forms_in(html):
            if form.method.lower() == "get":
                names.update(form.fields)
        for part in html.split('href="')[1:]:
            href = part.split('"', 1)[0].replace("&amp;", "&")
            parts = urlsplit(href)
            if parts.path == page and parts.query:
                names.update(name for name, _ in parse_qsl(parts.query))
        found[page] = names
    return found


def api_schema(client) -> dict:
    response = client.get(reverse("api_schema"), {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def api_operations(schema, method: str):
    for path, operations in schema["paths"].items():
        if method in operations:
            yield path, operations[method]


def body_fields(schema, operation) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {})
    body = content.get("application/json", {}).get("schema", {})
    if "$ref" in body:
        name = body["$ref"].rsplit("/", 1)[1]
        body = schema["components"]["schemas"][name]
    return [
        field
        for field, spec in body.get("properties", {}).items()
        if not spec.get("readOnly")
    ]


def fill(path: str, site) -> str:
    """Put real identifiers into a schema path, so the endpoint is reached."""
    comment = Comment.objects.filter(announcement=site).first()
    observation = site.observations.first()
    return (
        path.replace("{slug}", site.slug)
        .replace("{id}", str(observation.pk if "observ" in path else comment.pk))
        .replace("{pk}", str(comment.pk))
    )


# --- Query parameters ----------------------------------------------------------


def test_hostile_query_parameters_on_pages_never_give_a_500(client, site):
    responses = []
    for page, names in page_parameters(client).items():
        assert names, page
        for name in sorted(names):
            for value in CORPUS:
                query = urlencode({name: value})
                response = client.get(f"{page}?{query}")
                responses.append((f"{page}?{name}={value[:40]!r}", response))
                assert_clear_refusal(page, response)
            for raw in INVALID_UTF8_QUERIES:
                response = client.get(page, QUERY_STRING=f"{name}={raw}")
                responses.append((f"{page}?{name}={raw}", response))

    assert server_errors(responses) == []


def test_hostile_query_parameters_on_the_api_never_give_a_500(client, site):
    schema = api_schema(client)
    responses = []
    operations = list(api_operations(schema, "get"))
    assert len(operations) > 5
    for path, operation in operations:
        url = fill(path, site)
        names = [
            p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
        ]
        for name in names:
            for value in CORPUS:
                response = client.get(url, {name: value})
                responses.append((f"{url}?{name}={value[:40]!r}", response))
                assert_clear_refusal(url, response)
            for raw in INVALID_UTF8_QUERIES:
                response = client.get(url, QUERY_STRING=f"{name}={raw}")
                responses.append((f"{url}?{name}={raw}", response))

    assert server_errors(responses) == []


def test_negative_zero_and_huge_page_numbers_are_a_404_not_a_500(client, site):
    for url in ["/announcements/", "/api/v1/announcements/", "/api/v1/topics/"]:
        for page in ["-1", "0", "9" * 30, "1.5", "last"]:
            response = client.get(url, {"page": page})

            assert response.status_code in {200, 400, 404}, (url, page)
            assert_clear_refusal(url, response)


# --- Slugs and paths ---------------------------------------------------------------


def test_path_traversal_and_junk_in_slugs_are_refused_with_a_4xx(client, site):
    schema = api_schema(client)
    templates = [
        "/announcements/{slug}/",
        "/indicators/{slug}/",
        "/indicators/{slug}/observations.csv",
        "/actions/{slug}/",
        "/topics/{slug}/",
        "/feeds/indicators/{slug}/",
        *[path for path in schema["paths"] if "{slug}" in path],
    ]
    responses = []
    for template in templates:
        for attack in SLUG_ATTACKS:
            url = template.replace("{slug}", attack)
            response = client.get(url)
            responses.append((url, response))
            assert 400 <= response.status_code < 500 or response.status_code in {
                301,
                302,
            }, (url, response.status_code)
            assert b"root:x:0:0" not in response.content

    assert server_errors(responses) == []


# --- The comment form --------------------------------------------------------------


def comment_form_fields(client, site) -> tuple[str, dict[str, str]]:
    html = client.get(site.get_absolute_url()).content.decode()
    form = next(f for f in forms_in(html) if "/comments/" in f.action)
    return form.action.split("#")[0], form.fields


def valid_comment(fields):
    return {
        **fields,
        "name": "Hostile tester",
        "email": "tester@example.org",
        "comment": "A perfectly ordinary comment.",
    }


def test_hostile_values_in_every_comment_form_field_never_give_a_500(client, site):
    action, fields = comment_form_fields(client, site)
    assert {"name", "email", "comment"} <= set(fields)
    responses = []
    for name in fields:
        if name == "csrfmiddlewaretoken":
            continue
        for value in CORPUS:
            data = {**valid_comment(fields), name: value}
            response = client.post(action, data)
            responses.append((f"{name}={value[:40]!r}", response))
            assert response.status_code in {302, 400}, (name, value[:40])
            if response.status_code == 400:
                assert b'class="error' in response.content, (name, value[:40])

    assert server_errors(responses) == []


def test_invalid_utf8_and_wrong_content_types_on_the_comment_form_are_refused(
    client, site
):
    action, fields = comment_form_fields(client, site)
    bodies = [
        (
            "application/x-www-form-urlencoded",
            b"name=%ff%fe&email=a%40b.c&comment=%c3%28",
        ),
        ("application/x-www-form-urlencoded", b"name=\xff\xfe&comment=\xc3\x28"),
        ("application/json", b'{"name": "x"}'),
        ("text/plain", b"hello"),
        ("multipart/form-data; boundary=nope", b"--nope\r\nbroken"),
    ]
    for content_type, body in bodies:
        response = client.generic("POST", action, body, content_type=content_type)

        assert 400 <= response.status_code < 500, (content_type, body)


def test_stored_markup_and_template_syntax_are_shown_as_text(client, site):
    action, fields = comment_form_fields(client, site)
    hostile = f"{SCRIPT} {{{{ 7*7 }}}} {{% debug %}} <img src=x onerror=alert(2)>"
    data = {**valid_comment(fields), "name": SCRIPT, "comment": hostile}

    assert client.post(action, data).status_code == 302
    Comment.objects.filter(body=hostile).update(status=Comment.Status.APPROVED)
    page = client.get(site.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/announcements/{site.slug}/comments/")

    assert SCRIPT not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "{% debug %}" in page
    assert hostile in [c["body"] for c in api.json()["results"]]
    assert api["Content-Type"].startswith("application/json")


def test_a_javascript_link_is_never_stored_as_a_commenters_website(client, site):
    action, fields = comment_form_fields(client, site)
    data = {**valid_comment(fields), "website": "javascript:alert(1)"}

    response = client.post(action, data)

    assert response.status_code == 400
    assert not Comment.objects.filter(author_url__icontains="javascript").exists()


# --- API bodies ----------------------------------------------------------------------


def test_hostile_values_in_every_public_comment_api_field_never_give_a_500(
    client, site
):
    schema = api_schema(client)
    path = "/api/v1/announcements/{slug}/comments/"
    fields = body_fields(schema, schema["paths"][path]["post"])
    assert {"author_name", "author_email", "body"} <= set(fields)
    url = fill(path, site)
    valid = {"author_name": "Tester", "author_email": "t@example.org", "body": "Hi."}
    values = [*CORPUS, 10**30, -1, 1.5e308, None, [], {}, True]
    responses = []
    for field in fields:
        for value in values:
            response = client.post(
                url, {**valid, field: value}, content_type="application/json"
            )
            responses.append((f"{field}={str(value)[:40]!r}", response))
            assert response.status_code in {201, 400}, (field, str(value)[:40])
            assert_clear_refusal(field, response)

    assert server_errors(responses) == []


def test_malformed_json_invalid_utf8_and_wrong_content_types_on_the_api_are_4xx(
    client, site
):
    url = f"/api/v1/announcements/{site.slug}/comments/"
    cases = [
        ("application/json", b'{"author_name": '),
        ("application/json", b'{"author_name": "\xff\xfe", "body": "x"}'),
        ("application/json", b"[1, 2, 3]"),
        ("application/json", b'"just a string"'),
        ("application/json", b"\x00\x00\x00"),
        ("application/json", b'{"body": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
        ("text/plain", b"author_name=x"),
        ("application/xml", b"<comment><body>x</body></comment>"),
        ("multipart/form-data; boundary=nope", b"--nope\r\nbroken"),
    ]
    for content_type, body in cases:
        response = client.generic("POST", url, body, content_type=content_type)

        assert 400 <= response.status_code < 500, (content_type, body[:40])
        assert json.loads(response.content)["detail"], (content_type, body[:40])


def test_hostile_values_in_every_editor_api_field_never_give_a_500(client, site):
    """Editors are people too, and their tokens can leak: the write API holds."""
    client.force_login(
        UserFactory(username="hostile-root", is_staff=True, is_superuser=True)
    )
    schema = api_schema(client)
    responses = []
    operations = [
        (path, op) for path, op in api_operations(schema, "post") if "{" not in path
    ]
    assert operations
    for path, operation in operations:
        for field in body_fields(schema, operation):
            for value in [*CORPUS[:12], 10**30, None, ["x"], {"x": 1}]:
                response = client.post(
                    path, {field: value}, content_type="application/json"
                )
                responses.append((f"{path} {field}={str(value)[:40]!r}", response))
                assert_clear_refusal(path, response)

    assert server_errors(responses) == []


def test_oversized_request_bodies_are_refused_not_crashed(client, site, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    huge = "x" * (2 * 1024 * 1024)
    action, fields = comment_form_fields(client, site)

    form = client.post(action, {**valid_comment(fields), "comment": huge})
    api = client.post(
        f"/api/v1/announcements/{site.slug}/comments/",
        {"author_name": "x", "author_email": "x@example.org", "body": huge},
        content_type="application/json",
    )

    assert 400 <= form.status_code < 500
    assert 400 <= api.status_code < 500
    assert not Comment.objects.filter(body=huge).exists()


def test_quoted_traversal_in_static_and_feed_paths_is_not_served(client, site):
    for url in [
        "/static/" + quote("../../config/settings.py"),
        "/static/..%2f..%2fconfig%2fsettings.py",
        "/feeds/announcements/..%2f..%2f",
    ]:
        response = client.get(url)

        assert response.status_code in {301, 302, 400, 404}, url
        assert b"SECRET_KEY" not in response.content
