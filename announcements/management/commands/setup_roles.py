from django.core.management.base import BaseCommand

from announcements.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or refresh the Editors, Moderators and Publishers groups (idempotent)."
    )

    def handle(self, *args, **options):
        for group, count in ensure_roles().items():
            self.stdout.write(f"{group}: {count} permissions")
