import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from announcements.roles import EDITORS, ensure_roles


class Command(BaseCommand):
    help = (
        "Make sure an editor account exists. A new account gets a generated "
        "password, printed once; an existing account is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username, **options):
        ensure_roles()
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Editor account {username!r} exists. Forgot its password? "
                f"Run: python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=username, email="", password=password
        )
        user.groups.add(Group.objects.get(name=EDITORS))
        self.stdout.write(
            self.style.SUCCESS(
                f"Created editor account {username!r} with password: {password}\n"
                "It is shown only this once: note it now."
            )
        )
