from django.db import migrations


def let_editors_count_subscribers(apps, schema_editor):
    """Give the Editors group the counts page, leaving its other rights as they are."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from announcements.roles import EDITORS

    create_permissions(global_apps.get_app_config("notices"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="notices", codename="view_subscribercount"
    ).first()
    for group in Group.objects.filter(name=EDITORS):
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SubscriberCount",
            fields=[],
            options={
                "verbose_name": "subscribers per target",
                "verbose_name_plural": "subscribers per target",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("notices.subscription",),
        ),
        migrations.RunPython(let_editors_count_subscribers, migrations.RunPython.noop),
    ]
