"""The editorial roles: Editors (all content and comments, and how many follow
what, without who), Moderators (comments), Publishers (an Editor who may
publish without a second editor's review).

Used by a data migration and by ``manage.py setup_roles``; both are idempotent.
After every migrate and flush, roles that are missing are made again (see
restore_missing_roles), as Django does for permissions.
"""

from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"
MODERATORS = "Moderators"
PUBLISHERS = "Publishers"
PUBLISH_ALONE = ("announcements", "publish_without_review")

CONTENT_MODELS = {
    "announcements": [
        "topic",
        "speaker",
        "announcement",
        "announcementchange",
        "comment",
        "importsuggestion",
    ],
    "indicators": ["indicator", "observation", "policyaction", "policyactionupdate"],
    # Named by label only: announcements imports nothing of the media app.
    "media": ["image", "rendition", "attachment", "leadimage", "speakerportrait"],
}
ROLE_PERMISSIONS = {
    EDITORS: [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    # Subscriber counts per topic, speaker, indicator and action; the
    # addresses and the mail log stay with those given them (issue 20).
    + [("notices", "view_subscribercount")],
    MODERATORS: [
        ("announcements", "view_comment"),
        ("announcements", "change_comment"),
        ("announcements", "view_announcement"),
    ],
    # Publishers are Editors too: this group adds only the one right.
    PUBLISHERS: [PUBLISH_ALONE],
}


def ensure_roles(apps=None, names=None) -> dict[str, int]:
    """Create or update the groups with exactly their permissions.

    `apps` is the migration state's registry when called from a migration;
    `names` limits the work to these roles (default: all of them).
    Returns {group name: number of permissions}.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for app_label in ("auth", *CONTENT_MODELS, "notices"):
        # Permissions are normally made after migrate; a fresh database needs
        # them now. The global app config passes create_permissions' guard,
        # and `apps` supplies the models as this migration state knows them.
        create_permissions(
            global_apps.get_app_config(app_label), apps=apps, verbosity=0
        )

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    summary = {}
    for group_name, wanted in ROLE_PERMISSIONS.items():
        if names is not None and group_name not in names:
            continue
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in wanted
            if _model_known(apps, app_label, codename)
            # An older migration state lacks later custom permissions too.
            and Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists()
        ]
        group.permissions.set(permissions)
        summary[group_name] = len(permissions)
    return summary


def restore_missing_roles(sender=None, apps=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the roles that are missing, with their permissions (post_migrate).

    The data migrations make the groups once; `manage.py flush` (which every
    transactional test runs after itself) empties auth_group but leaves the
    migrations marked as applied, so without this the site would be left
    with no Editors, Moderators or Publishers until `manage.py setup_roles`.
    Groups that exist are left as they are: an administrator's changes to a
    role's permissions survive a migrate. Returns the names of the roles made.
    """
    if using != DEFAULT_DB_ALIAS:
        return []
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
    except LookupError:
        return []
    present = set(
        Group.objects.filter(name__in=list(ROLE_PERMISSIONS)).values_list(
            "name", flat=True
        )
    )
    missing = [name for name in ROLE_PERMISSIONS if name not in present]
    if missing:
        ensure_roles(apps, names=missing)
    return missing


def _model_known(apps, app_label, codename):
    """Return whether the model a permission codename names exists in `apps`.

    An older migration state lacks models added later (ImportSuggestion,
    announcements 0004); the migration adding a model grants its permissions.
    """
    if (app_label, codename) == PUBLISH_ALONE:
        model = "announcement"
    else:
        model = codename.split("_", 1)[1]
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True
