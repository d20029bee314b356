"""Keep Announcement.search_vector current with a trigger on PostgreSQL.

A trigger (rather than code in save()) also covers bulk inserts and updates.
Title weighs most, then summary, then body. Other databases skip this.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION announcement_search_vector_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS announcement_search_vector_trigger ON announcements_announcement;
CREATE TRIGGER announcement_search_vector_trigger
  BEFORE INSERT OR UPDATE OF title, summary, body ON announcements_announcement
  FOR EACH ROW EXECUTE FUNCTION announcement_search_vector_update();

CREATE INDEX IF NOT EXISTS announcement_search_vector_gin
  ON announcements_announcement USING gin (search_vector);

UPDATE announcements_announcement SET title = title;
"""

DROP = """
DROP TRIGGER IF EXISTS announcement_search_vector_trigger ON announcements_announcement;
DROP FUNCTION IF EXISTS announcement_search_vector_update();
DROP INDEX IF EXISTS announcement_search_vector_gin;
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("announcements", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
