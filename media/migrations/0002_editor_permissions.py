from django.db import migrations


def give_editors_media(apps, schema_editor):
    from announcements.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
        ("announcements", "0012_review_workflow"),
    ]

    operations = [migrations.RunPython(give_editors_media, migrations.RunPython.noop)]
