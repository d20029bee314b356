"""Create a draft announcement from a press text, with suggestions to review."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from indicators.ingestion import UnreadableText
from indicators.ingestion.admin_views import review_url
from indicators.ingestion.importer import (
    EmptyPressText,
    import_press_text,
    read_press_file,
)

from .extract_press_text import iso_date, write_summary


class Command(BaseCommand):
    help = (
        "Import a press text as a DRAFT announcement and store the figures and "
        "actions found as suggestions, for an editor to accept in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the press text (UTF-8 text or HTML).")
        parser.add_argument(
            "--held-on",
            help="Date of the briefing (YYYY-MM-DD); else the text's, else today.",
        )
        parser.add_argument(
            "--source-url", default="", help="Where the text was published."
        )

    def handle(self, *args, **options):
        held_on = iso_date(options["held_on"]) if options["held_on"] else None
        try:
            text = read_press_file(options["file"])
            result = import_press_text(
                text, held_on=held_on, source_url=options["source_url"]
            )
        except UnreadableText as error:
            raise CommandError(str(error)) from None
        except EmptyPressText as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(
                f"--source-url: {' '.join(error.messages)} (an http or https URL)"
            ) from None
        announcement = result.announcement
        self.stdout.write(
            self.style.SUCCESS(
                f"Created draft announcement {announcement.pk} “{announcement.title}” "
                f"(slug {announcement.slug}, held on {announcement.held_on.isoformat()})."
            )
        )
        if result.date_from == "today":
            self.stderr.write(
                "No --held-on and no date in the text: held on is today. Check it."
            )
        write_summary(self.stdout, result.extraction)
        self.stdout.write(
            f"\nReview the suggestions in the admin: {review_url(announcement)}"
        )
