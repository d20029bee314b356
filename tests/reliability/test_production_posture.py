"""Production posture: deploy checks, security headers and cookies (issue 7)."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import AnnouncementFactory, UserFactory

from .production import production_env, production_settings, run_manage

# A <script> without src, and style or on* event attributes: all blocked by the CSP.
# JSON-LD is a data block, never executed, so CSP does not (and need not) cover it.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*application/ld\+json)[^>]*>")
INLINE_ATTRIBUTE = re.compile(r"<[^>]+\s(?:style|on[a-z]+)\s*=")

# The settings that SECURE_HTTPS switches on; read from a real production
# process so these tests fail if the environment stops switching them.
HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
]


@pytest.fixture(scope="module")
def https_settings():
    return production_settings(*HTTPS_SETTINGS)


@pytest.fixture
def production_https(https_settings):
    with override_settings(**https_settings):
        yield https_settings


def test_deploy_check_reports_nothing_under_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env()
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_deploy_check_flags_a_production_process_without_https():
    """The check above is not vacuous: dropping HTTPS is reported."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECURE_HTTPS="0"),
    )

    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_https_turns_on_hsts_secure_cookies_and_the_redirect(https_settings):
    assert https_settings["SECURE_SSL_REDIRECT"] is True
    assert https_settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert https_settings["SESSION_COOKIE_SECURE"] is True
    assert https_settings["CSRF_COOKIE_SECURE"] is True


def public_urls():
    announcement = AnnouncementFactory(published=True)
    return [
        reverse("home"),
        reverse("announcements:announcement_list"),
        announcement.get_absolute_url(),
        reverse("healthz"),
        reverse("robots_txt"),
        reverse("django.contrib.sitemaps.views.sitemap"),
        reverse("announcements_feed"),
        reverse("api_schema"),
        reverse("admin:login"),
        "/no-such-page/",
        "/api/v1/no-such-endpoint/",
    ]


def assert_common_security_headers(response, url):
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert response["X-Frame-Options"] == "DENY", url
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp, url
    assert "unsafe-eval" not in csp, url
    assert "frame-ancestors 'none'" in csp, url


@pytest.mark.django_db
def test_every_page_and_api_response_carries_the_security_headers(
    client, production_https
):
    for url in public_urls():
        response = client.get(url, secure=True)

        assert response.status_code < 500, url
        assert_common_security_headers(response, url)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), url


@pytest.mark.django_db
def test_pages_forbid_inline_scripts_and_styles_and_other_origins(client):
    response = client.get(reverse("home"))

    directives = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"


@pytest.mark.django_db
def test_templates_carry_no_inline_script_style_or_event_handler(client):
    """A CSP without unsafe-inline would silently break inline code: keep none."""
    announcement = AnnouncementFactory(published=True)
    for url in [
        reverse("home"),
        reverse("announcements:announcement_list"),
        announcement.get_absolute_url(),
        reverse("indicators:indicator_list"),
        reverse("indicators:action_list"),
        "/no-such-page/",
    ]:
        html = client.get(url).content.decode().lower()

        assert not INLINE_SCRIPT.search(html), url
        assert "<style" not in html, url
        assert not INLINE_ATTRIBUTE.search(html), url


@pytest.mark.django_db
def test_static_files_carry_the_security_headers(client, production_https):
    with override_settings(WHITENOISE_USE_FINDERS=True):
        response = client.get("/static/css/site.css", secure=True)

    assert response.status_code == 200
    assert_common_security_headers(response, "site.css")
    assert "Strict-Transport-Security" in response


@pytest.mark.django_db
def test_hsts_is_not_sent_over_plain_http_development():
    from django.test import Client

    response = Client().get(reverse("home"))

    assert "Strict-Transport-Security" not in response


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client, production_https):
    response = client.get(reverse("home"))

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(
    client, production_https
):
    UserFactory(username="chief", is_staff=True, is_superuser=True)
    login_url = reverse("admin:login")

    form = client.get(login_url, secure=True)
    csrf = form.cookies["csrftoken"]
    signed_in = client.post(
        login_url,
        {"username": "chief", "password": "correct-horse-battery"},
        secure=True,
    )
    session = signed_in.cookies["sessionid"]

    assert signed_in.status_code == 302
    for cookie in (csrf, session):
        assert cookie["secure"] is True, cookie.key
        assert cookie["httponly"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key
