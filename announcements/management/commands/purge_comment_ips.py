from django.core.management.base import BaseCommand, CommandError

from announcements.moderation import purge_comment_ips


class Command(BaseCommand):
    help = (
        "Clear the IP address and user agent stored with comments older than "
        "the given number of days. They are kept only to moderate spam."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            dest="older_than",
            help="Clear comments created more than DAYS days ago (0 clears all).",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 or more days.")
        count = purge_comment_ips(older_than_days=older_than)
        noun = "comment" if count == 1 else "comments"
        self.stdout.write(
            self.style.SUCCESS(
                f"Cleared the IP address and user agent of {count} {noun} "
                f"older than {older_than} days."
            )
        )
