import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from announcements.roles import EDITORS, PUBLISHERS, ensure_roles


class Command(BaseCommand):
    help = (
        "Make sure an editor account exists: an Editor who may also publish "
        "without review (Publishers), not a superuser. A new account gets a "
        "generated password, printed once; an existing account keeps its "
        "password. Administrators come from `manage.py createsuperuser`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username, **options):
        ensure_roles()
        User = get_user_model()
        roles = Group.objects.filter(name__in=[EDITORS, PUBLISHERS])
        user = User.objects.filter(username=username).first()
        if user is not None:
            # An account an older `make run` made a superuser becomes the
            # Editor it was meant to be; anyone else's account is left alone.
            if user.is_superuser and user.groups.filter(name=EDITORS).exists():
                user.is_superuser = False
                user.save(update_fields=["is_superuser"])
                user.groups.add(*roles)
                self.stdout.write(
                    f"Editor account {username!r} is no longer a superuser; it "
                    "is an Editor and a Publisher. For an administrator, run: "
                    "python manage.py createsuperuser"
                )
            self.stdout.write(
                f"Editor account {username!r} exists. Forgot its password? "
                f"Run: python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, email="", password=password, is_staff=True
        )
        user.groups.add(*roles)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created editor account {username!r} (Editors and Publishers) "
                f"with password: {password}\n"
                "It is shown only this once: note it now."
            )
        )
