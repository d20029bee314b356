"""Add SQLite's word index beside its trigram index (FTS5, unicode61).

Plain words are looked up in it as prefixes; the trigram index keeps
answering everything else. PostgreSQL skips this.
"""

from django.db import migrations

from announcements.fulltext import ensure_sqlite_search


def create_index(apps, schema_editor):
    ensure_sqlite_search(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("announcements", "0007_comment_author_email_lower_index")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
