"""Print what Pressroom finds in a press text, without writing anything."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from indicators.ingestion import UnreadableText, extract
from indicators.ingestion.importer import read_press_file


def iso_date(value: str) -> datetime.date:
    """Parse --held-on, refusing anything but YYYY-MM-DD with a clear message."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--held-on must be a date as YYYY-MM-DD, not {value!r}."
        ) from None


class Command(BaseCommand):
    help = (
        "Extract the title, figures and numbered actions of a press text (plain "
        "text or HTML file) and print them; --json for machine-readable output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the press text (UTF-8 text or HTML).")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--held-on",
            help="Date of the briefing (YYYY-MM-DD), to date “last year” and the like "
            "when the text has no date.",
        )

    def handle(self, *args, **options):
        held_on = iso_date(options["held_on"]) if options["held_on"] else None
        try:
            text = read_press_file(options["file"])
        except UnreadableText as error:
            raise CommandError(str(error)) from None
        extraction = extract(text, held_on=held_on)
        if not extraction.paragraphs:
            raise CommandError("The text is empty once page boilerplate is removed.")
        if options["json"]:
            self.stdout.write(
                json.dumps(extraction.as_dict(), ensure_ascii=False, indent=2)
            )
            return
        write_summary(self.stdout, extraction)


def write_summary(out, extraction) -> None:
    """Write a readable account of an extraction, for people at a terminal."""
    out.write(f"Title: {extraction.title}")
    if extraction.source_name:
        out.write(f"Source: {extraction.source_name}")
    if extraction.held_on:
        out.write(f"Date: {extraction.held_on.isoformat()}")
    out.write(f"Paragraphs: {len(extraction.paragraphs)}")
    if extraction.figures:
        out.write(f"\nFigures ({len(extraction.figures)}):")
        for number, figure in enumerate(extraction.figures, start=1):
            period = figure.period_label or "period unknown"
            out.write(
                f"  {number}. {figure.name}: {figure.qualifier} "
                f"{format(figure.value, 'f')} {figure.unit} ({period})"
            )
    else:
        out.write("\nNo figures found.")
    if extraction.actions:
        out.write(f"\nActions ({len(extraction.actions)}):")
        for action in extraction.actions:
            out.write(f"  {action.ordinal}. {action.title}")
    else:
        out.write("\nNo numbered actions found.")
