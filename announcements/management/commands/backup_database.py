"""Write a consistent copy of the database to a file (`make backup`).

SQLite is copied with its online backup API, so a site that is serving
requests (WAL mode) is copied as of one moment. PostgreSQL is dumped with
pg_dump in its custom format, which pg_restore brings back. The media
files (MEDIA_ROOT on the file system) go to a tar beside it, ``<backup>.media.tar``.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from announcements.media_backup import media_on_file_system, write_media_archive

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


def database_engine(alias: str = "default") -> str:
    """Return "sqlite" or "postgresql" for the configured database."""
    engine = settings.DATABASES[alias]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise CommandError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def sqlite_path(alias: str = "default") -> Path:
    name = str(settings.DATABASES[alias]["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise CommandError("An in-memory SQLite database cannot be backed up.")
    return Path(name)


def postgres_tool_env(alias: str = "default") -> dict[str, str]:
    """Return the environment that points pg_dump/pg_restore at the database.

    The password travels in PGPASSWORD, never on a command line that other
    users of the machine could read.
    """
    db = settings.DATABASES[alias]
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    return env


def postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not installed; it comes with PostgreSQL.")
    return path


def default_output(engine: str) -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if engine == "sqlite" else "pgdump"
    return settings.BASE_DIR / "backups" / f"pressroom-{stamp}.{suffix}"


class Command(BaseCommand):
    help = (
        "Back up the database to a file: SQLite's online backup API on SQLite, "
        "pg_dump (custom format) on PostgreSQL. Default: backups/pressroom-<time>. "
        "The media files (MEDIA_ROOT) go to <backup>.media.tar beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Where to write the backup file."
        )
        parser.add_argument(
            "--no-media",
            action="store_false",
            dest="media",
            help="Back up the database only, not the media files.",
        )

    def handle(self, *args, output, media=True, **options):
        engine = database_engine()
        output = output or default_output(engine)
        output.parent.mkdir(parents=True, exist_ok=True)
        if engine == "sqlite":
            self.backup_sqlite(output)
        else:
            self.backup_postgres(output)
        size = output.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the database to {output} ({size} bytes).")
        )
        if not media:
            return
        if not media_on_file_system():
            self.stdout.write(
                "Media files are in object storage (MEDIA_STORAGE=s3) and were "
                "not copied: keep the bucket's own versions or backups."
            )
            return
        # After the database: a file uploaded meanwhile is in the archive
        # without a row, never a row without its file.
        archive, count = write_media_archive(output)
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {count} media files to {archive}.")
        )

    def backup_sqlite(self, output: Path):
        source_path = sqlite_path()
        if not source_path.exists():
            raise CommandError(f"There is no database file at {source_path}.")
        partial = output.with_name(output.name + ".partial")
        partial.unlink(missing_ok=True)
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(partial)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        # Renamed only once complete, so a crash never leaves a half backup
        # under the final name.
        partial.replace(output)

    def backup_postgres(self, output: Path):
        connections["default"].close()
        partial = output.with_name(output.name + ".partial")
        result = subprocess.run(
            [
                postgres_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={partial}",
            ],
            env=postgres_tool_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        partial.replace(output)
