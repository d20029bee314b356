"""Friendly error pages: 404 in the site's layout, 500 and 503 without a database."""

import pytest
from django.template.response import SimpleTemplateResponse
from django.test import RequestFactory

from core.views import page_not_found, server_error


@pytest.mark.django_db
def test_unknown_address_gets_a_friendly_404_in_the_site_layout(client):
    response = client.get("/no/such/page/")

    text = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in text
    assert '<nav class="site-nav"' in text
    assert 'role="search"' in text


@pytest.mark.django_db
def test_unknown_api_address_gets_a_json_404(client):
    response = client.get("/api/v1/no-such-resource/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_500_page_renders_without_the_database_or_context_processors():
    # No django_db mark: any query here would fail the test.
    request = RequestFactory().get("/announcements/")

    response = server_error(request)

    text = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in text
    assert 'href="/"' in text
    assert "/static/css/site.css" in text


def test_500_page_renders_even_when_static_files_are_misconfigured(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    settings.STATIC_ROOT = "/nonexistent-static-root"

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_503_page_renders_without_the_database():
    response = SimpleTemplateResponse("503.html", status=503)
    response.render()

    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_404_handler_renders_for_a_bare_request():
    request = RequestFactory().get("/missing/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()

    response = page_not_found(request)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
