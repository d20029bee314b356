from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from announcements.moderation import erase_commenter
from notices.subscriptions import erase_address


class Command(BaseCommand):
    help = (
        "Erase a person on request: their comments as erase_commenter does "
        "(anonymised, or deleted with --delete), their subscriptions, and every "
        "mail to them, queued or sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's email address.")
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete the comments instead of anonymising them.",
        )

    def handle(self, *args, email, delete, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        comments = erase_commenter(email, delete=delete)
        subscriptions, mails = erase_address(email)
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Deleted' if delete else 'Anonymised'} {comments} comment(s); "
                f"deleted {subscriptions} subscription(s) and {mails} mail(s) "
                f"to {email}."
            )
        )
