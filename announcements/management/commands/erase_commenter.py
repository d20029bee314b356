from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from announcements.moderation import erase_commenter


class Command(BaseCommand):
    help = (
        "Erase a commenter on request: anonymise every comment left with this "
        "email (name, email, website, IP and user agent), or delete them with "
        "--delete. Replies by other people are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The commenter's email address.")
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
        count = erase_commenter(email, delete=delete)
        verb = "Deleted" if delete else "Anonymised"
        noun = "comment" if count == 1 else "comments"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} {noun} by {email}."))
