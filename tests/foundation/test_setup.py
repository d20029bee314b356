"""Settings come from the environment; migrations and roles are in order."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(env: dict, expression: str) -> subprocess.CompletedProcess:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",
            "CACHE_URL",
            "ALLOWED_HOSTS",
            "TIME_ZONE",
        }
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"from config import settings as s; print({expression})",
        ],
        env={**clean_env, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = settings_in_subprocess({"DEBUG": "0"}, "s.SECRET_KEY")

    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_settings_read_database_cache_hosts_and_time_zone_from_the_environment():
    result = settings_in_subprocess(
        {
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://press:pw@db.internal:5433/pressroom",
            "CACHE_URL": "redis://cache.internal:6379/1",
            "ALLOWED_HOSTS": "press.example.org,www.press.example.org",
            "TIME_ZONE": "UTC",
        },
        "s.DATABASES['default']['HOST'], s.DATABASES['default']['PORT'], "
        "s.CACHES['default']['BACKEND'], s.ALLOWED_HOSTS, s.TIME_ZONE",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "db.internal 5433 core.cache_backends.ResilientRedisCache "
        "['press.example.org', 'www.press.example.org'] UTC"
    )


def test_default_database_is_sqlite_in_wal_mode_with_a_busy_timeout():
    result = settings_in_subprocess(
        {"DEBUG": "1"},
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['OPTIONS']['init_command']",
    )

    assert "sqlite3" in result.stdout
    assert "journal_mode=WAL" in result.stdout
    assert "busy_timeout" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_agree():
    output = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=output)

    assert "No changes detected" in output.getvalue()


@pytest.mark.django_db
def test_setup_roles_is_idempotent_and_gives_moderators_comments_only():
    call_command("setup_roles", stdout=io.StringIO())
    call_command("setup_roles", stdout=io.StringIO())

    moderators = Group.objects.get(name="Moderators")
    codenames = set(moderators.permissions.values_list("codename", flat=True))

    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    assert codenames == {"view_comment", "change_comment", "view_announcement"}


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_a_flush_and_a_changed_role_is_kept():
    # A flush empties auth_group but leaves the data migrations applied.
    call_command("flush", "--noinput", verbosity=0)

    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="change_announcement").exists()
    assert Group.objects.filter(name__in=["Moderators", "Publishers"]).count() == 2

    # An administrator's change to a role that exists survives a migrate.
    editors.permissions.clear()
    call_command("migrate", "--noinput", verbosity=0)
    assert not editors.permissions.exists()


@pytest.mark.django_db
def test_ensure_editor_prints_a_generated_password_once():
    first, second = io.StringIO(), io.StringIO()

    call_command("ensure_editor", username="desk", stdout=first)
    call_command("ensure_editor", username="desk", stdout=second)

    assert "password:" in first.getvalue()
    assert "password:" not in second.getvalue()


def test_wsgi_server_refuses_to_start_without_a_secret_key_but_manage_py_runs_in_development():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}

    server = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    command = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert server.returncode != 0
    assert "SECRET_KEY is required" in server.stderr
    assert command.returncode == 0, command.stderr
    assert command.stdout.strip().splitlines()[-1] == "True"
