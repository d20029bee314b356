"""backup_database and restore_database round-trip the demo (issue 7).

Run on the engine the suite runs on: SQLite's online backup API, or
pg_dump/pg_restore against a PostgreSQL database of the test's own.
"""

import json
import subprocess
import sys

import pytest

from .servers import ROOT, child_env, django_eval, manage

pytestmark = pytest.mark.slow

ROW_COUNTS = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label: m._default_manager.count() "
    "for m in apps.get_models()}))"
)
ALTER = (
    "from announcements.models import Announcement, Comment, Topic; "
    "Comment.objects.all().delete(); "
    "a = Announcement.objects.get(); a.title = 'Overwritten'; a.save(); "
    "Topic.objects.create(name='Added after the backup', slug='added')"
)


def snapshot(env) -> tuple[dict, list]:
    """Return every table's row count and the content apps' full contents."""
    counts = json.loads(django_eval(env, ROW_COUNTS))
    contents = json.loads(
        manage("dumpdata", "announcements", "indicators", "auth.group", env=env)
    )
    return counts, contents


def test_backup_then_restore_brings_back_every_row_of_the_demo(demo_database, tmp_path):
    env = child_env(demo_database.url)
    before = snapshot(env)
    backup = tmp_path / "pressroom.backup"

    output = manage("backup_database", "--output", str(backup), env=env)
    django_eval(env, ALTER)
    altered = snapshot(env)
    restored_output = manage("restore_database", "--noinput", str(backup), env=env)
    after = snapshot(env)

    assert "Backed up the database" in output and backup.stat().st_size > 0
    assert "Restored the database" in restored_output
    assert altered != before
    assert before[0]["announcements.Comment"] > 0
    assert after[0] == before[0]
    assert after[1] == before[1]


def test_restore_refuses_a_file_that_is_not_a_backup(demo_database, tmp_path):
    env = child_env(demo_database.url)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "restore_database",
            "--noinput",
            str(not_a_backup),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "is not a Pressroom backup" in result.stderr
    assert json.loads(django_eval(env, ROW_COUNTS))["announcements.Comment"] > 0
