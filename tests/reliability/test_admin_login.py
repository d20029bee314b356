"""Admin sign-in: lockout after repeated failures, and a movable admin path."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

from .production import ROOT, production_env

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def chief():
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


def sign_in(client, password, *, ip="203.0.113.7", username="chief"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_failed_logins_lock_out_that_user_from_that_address_even_with_the_right_password(
    client, chief
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-guess")

    locked = sign_in(client, PASSWORD)

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    page = locked.content.decode()
    assert "Too many failed logins" in page
    assert f"after {settings.AXES_FAILURE_LIMIT} failed attempts" in page
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_failures_below_the_limit_do_not_lock_out(client, chief):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong-guess").status_code == 200

    signed_in = sign_in(client, PASSWORD)

    assert signed_in.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_lockout_is_per_address_so_the_user_can_still_sign_in_elsewhere(client, chief):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-guess", ip="203.0.113.7")

    elsewhere = sign_in(client, PASSWORD, ip="198.51.100.20")

    assert elsewhere.status_code == 302


def test_lockout_ignores_a_forged_forwarded_for_header_without_trusted_proxies(
    client, chief, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("admin:login"),
            {"username": "chief", "password": "wrong-guess"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}",
        )

    locked = client.post(
        reverse("admin:login"),
        {"username": "chief", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )

    assert locked.status_code == 429


def resolve_in_production(admin_url: str) -> str:
    """Return what a production process with this ADMIN_URL routes to."""
    script = (
        "import django; django.setup()\n"
        "from django.urls import Resolver404, resolve, reverse\n"
        "def routes(path):\n"
        "    try:\n"
        "        return resolve(path).app_name or resolve(path).url_name\n"
        "    except Resolver404:\n"
        "        return 'none'\n"
        "print(reverse('admin:login'), routes('/admin/'), routes('/admin/login/'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(
            ADMIN_URL=admin_url, DJANGO_SETTINGS_MODULE="config.settings"
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_admin_url_moves_the_admin_away_from_the_well_known_path():
    login, at_admin, at_admin_login = resolve_in_production("back-office-7f3/")

    assert login == "/back-office-7f3/login/"
    assert at_admin == "none"
    assert at_admin_login == "none"


def test_admin_stays_at_admin_by_default():
    login, at_admin, _ = resolve_in_production("admin/")

    assert login == "/admin/login/"
    assert at_admin == "admin"
