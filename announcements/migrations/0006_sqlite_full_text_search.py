"""Index announcements for full-text search on SQLite (FTS5, trigram).

The SQLite counterpart of migration 0002: an FTS5 table over title, summary
and body kept by triggers, so search no longer scans every text with LIKE.
PostgreSQL skips this; a SQLite built without FTS5 keeps the LIKE fallback.
"""

from django.db import migrations

from announcements.fulltext import drop_sqlite_search, ensure_sqlite_search


def create_index(apps, schema_editor):
    ensure_sqlite_search(schema_editor.connection)


def drop_index(apps, schema_editor):
    drop_sqlite_search(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("announcements", "0005_listing_and_ordering_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
