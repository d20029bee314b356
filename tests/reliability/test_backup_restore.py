"""backup_database and restore_database round-trip the demo (issue 7), with
its media files (the media issue).

Run on the engine the suite runs on: SQLite's online backup API, or
pg_dump/pg_restore against a PostgreSQL database of the test's own. Media
files live in a MEDIA_ROOT of the test's own.
"""

import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from .servers import ROOT, child_env, django_eval, manage

pytestmark = pytest.mark.slow

ROW_COUNTS = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label: m._default_manager.count() "
    "for m in apps.get_models()}))"
)
# Rows in every app, the new ones included: a queued task (django-tasks'
# database backend), a subscription and its confirmation mail (notices), the
# demo's media rows, and a Chinese name (a modeltranslation column).
SEED_NEW_APPS = (
    "from django.core.management import call_command\n"
    "from notices.subscriptions import subscribe\n"
    "call_command('load_demo_media', verbosity=0)\n"
    "subscribe(email='reader@example.org', kind='all', target=None)\n"
)
ALTER = (
    "from announcements.models import Announcement, Comment, Topic\n"
    "from media.models import Attachment, LeadImage\n"
    "from notices.models import Mail, Subscription\n"
    "from notices.tasks import deliver_mail\n"
    "Comment.objects.all().delete()\n"
    "a = Announcement.objects.order_by('pk').first(); a.title = 'Overwritten'; a.save()\n"
    "Topic.objects.create(name='Added after the backup', slug='added')\n"
    "Topic.objects.filter(pk=Topic.objects.order_by('pk')[0].pk)"
    ".update(name_zh_hans='备份后改动')\n"
    "Subscription.objects.all().delete(); Mail.objects.all().delete()\n"
    "deliver_mail.enqueue()\n"
    "Attachment.objects.all().delete(); LeadImage.objects.all().delete()\n"
)
APPS = ["announcements", "indicators", "media", "notices", "auth.group"]


def snapshot(env) -> tuple[dict, list]:
    """Return every table's row count and the content apps' full contents."""
    counts = json.loads(django_eval(env, ROW_COUNTS))
    contents = json.loads(manage("dumpdata", *APPS, env=env))
    return counts, contents


def media_digest(root: Path) -> dict[str, str]:
    """Return each media file's path (relative to MEDIA_ROOT) and content hash."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_backup_then_restore_brings_back_every_row_of_the_demo(demo_database, tmp_path):
    media_root = tmp_path / "media"
    env = child_env(demo_database.url, MEDIA_ROOT=str(media_root))
    django_eval(env, SEED_NEW_APPS)
    before = snapshot(env)
    files_before = media_digest(media_root)
    backup = tmp_path / "pressroom.backup"

    output = manage("backup_database", "--output", str(backup), env=env)
    django_eval(env, ALTER)
    # Files change too: one replaced, one removed, one added after the backup.
    replaced, removed = sorted(files_before)[:2]
    (media_root / replaced).write_bytes(b"changed after the backup")
    (media_root / removed).unlink()
    (media_root / "images" / "late.png").write_bytes(b"uploaded after the backup")
    altered = snapshot(env)
    restored_output = manage("restore_database", "--noinput", str(backup), env=env)
    after = snapshot(env)

    assert "Backed up the database" in output and backup.stat().st_size > 0
    assert f"Backed up {len(files_before)} media files" in output
    assert "Restored the database" in restored_output
    assert f"Restored {len(files_before)} media files" in restored_output
    assert altered != before
    for label in [
        "announcements.Comment",
        "django_tasks_database.DBTaskResult",
        "notices.Subscription",
        "notices.Mail",
        "media.Image",
        "media.Attachment",
        "media.LeadImage",
    ]:
        assert before[0][label] > 0, label
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert len(files_before) >= 3
    assert media_digest(media_root) == files_before


def test_backup_without_media_leaves_the_files_alone(demo_database, tmp_path):
    media_root = tmp_path / "media"
    (media_root / "files").mkdir(parents=True)
    (media_root / "files" / "kept.pdf").write_bytes(b"%PDF-1.4 kept")
    env = child_env(demo_database.url, MEDIA_ROOT=str(media_root))
    backup = tmp_path / "pressroom.backup"

    manage("backup_database", "--no-media", "--output", str(backup), env=env)
    (media_root / "files" / "later.pdf").write_bytes(b"%PDF-1.4 later")
    restored_output = manage("restore_database", "--noinput", str(backup), env=env)

    assert not (tmp_path / "pressroom.backup.media.tar").exists()
    assert "no media archive beside the backup" in restored_output
    assert sorted(p.name for p in (media_root / "files").iterdir()) == [
        "kept.pdf",
        "later.pdf",
    ]


def test_restore_refuses_a_media_archive_that_writes_outside_media_root(
    demo_database, tmp_path
):
    media_root = tmp_path / "media"
    env = child_env(demo_database.url, MEDIA_ROOT=str(media_root))
    backup = tmp_path / "pressroom.backup"
    manage("backup_database", "--output", str(backup), env=env)
    with tarfile.open(tmp_path / "pressroom.backup.media.tar", "w") as tar:
        member = tarfile.TarInfo("../escaped.txt")
        member.size = 5
        tar.addfile(member, io.BytesIO(b"hello"))

    result = subprocess.run(
        [sys.executable, "manage.py", "restore_database", "--noinput", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "unsafe path" in result.stderr
    assert not (tmp_path / "escaped.txt").exists()


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
