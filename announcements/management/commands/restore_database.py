"""Bring back a backup written by backup_database (`make restore FILE=...`).

The database's current contents are replaced by the backup's, and, when
the backup has its media archive beside it (``<backup>.media.tar``), the
media files in MEDIA_ROOT by the archive's.
"""

import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from announcements.media_backup import (
    check_media_archive,
    media_archive_path,
    media_on_file_system,
    restore_media_archive,
)

from .backup_database import (
    PG_DUMP_MAGIC,
    SQLITE_MAGIC,
    database_engine,
    postgres_tool,
    postgres_tool_env,
    sqlite_path,
)


def backup_kind(path: Path) -> str:
    with path.open("rb") as backup:
        head = backup.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise CommandError(f"{path} is not a Pressroom backup (SQLite or pg_dump).")


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by backup_database. "
        "Asks for confirmation unless --noinput is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file to restore.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument(
            "--no-media",
            action="store_false",
            dest="media",
            help="Restore the database only; leave the media files as they are.",
        )

    def handle(self, *args, file, interactive, media=True, **options):
        if not file.is_file():
            raise CommandError(f"There is no backup file at {file}.")
        engine = database_engine()
        kind = backup_kind(file)
        if kind != engine:
            raise CommandError(
                f"{file} is a {kind} backup; this site runs on {engine}."
            )
        archive = media_archive_path(file)
        restore_media = media and media_on_file_system() and archive.is_file()
        if restore_media:
            # Refused before anything is replaced, as a bad database file is.
            check_media_archive(archive)
        if interactive:
            answer = input(
                "This replaces everything in the database with the backup"
                + (
                    ", and the media files with its media archive"
                    if restore_media
                    else ""
                )
                + ". Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        connections["default"].close()
        if engine == "sqlite":
            self.restore_sqlite(file)
        else:
            self.restore_postgres(file)
        self.stdout.write(self.style.SUCCESS(f"Restored the database from {file}."))
        if restore_media:
            count = restore_media_archive(archive)
            self.stdout.write(
                self.style.SUCCESS(f"Restored {count} media files from {archive}.")
            )
        elif media and media_on_file_system():
            self.stdout.write(
                f"There is no media archive beside the backup ({archive.name}); "
                "the media files were left as they are."
            )

    def restore_sqlite(self, file: Path):
        # The backup API copies page by page inside one write transaction, so
        # readers see either the old database or the restored one.
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        target = sqlite3.connect(sqlite_path(), timeout=30)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()

    def restore_postgres(self, file: Path):
        result = subprocess.run(
            [
                postgres_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={postgres_tool_env()['PGDATABASE']}",
                str(file),
            ],
            env=postgres_tool_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
