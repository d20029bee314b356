import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from announcements.fulltext import update_statistics
from indicators.synthetic import CorpusSize, generate_corpus


class Command(BaseCommand):
    help = (
        "Write a deterministic synthetic archive (titles start with [Synthetic]) "
        "for benchmarks. Use a separate database, never the demo's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--announcements", type=int, default=1000)
        parser.add_argument("--comments-per", type=int, default=10)
        parser.add_argument("--observations", type=int, default=20000)
        parser.add_argument("--topics", type=int, default=20)
        parser.add_argument("--speakers", type=int, default=50)
        parser.add_argument("--actions-per", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2022)

    def handle(self, *args, **options):
        size = CorpusSize(
            announcements=options["announcements"],
            comments_per=options["comments_per"],
            observations=options["observations"],
            topics=options["topics"],
            speakers=options["speakers"],
            actions_per=options["actions_per"],
        )
        if (
            min(size.announcements, size.topics, size.speakers) < 1
            or min(size.comments_per, size.observations, size.actions_per) < 0
        ):
            raise CommandError("Sizes must be positive (counts of comments may be 0).")
        started = time.perf_counter()
        try:
            counts = generate_corpus(size, seed=options["seed"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        # Fresh planner statistics: without them SQLite picked plans that took
        # minutes at this scale (see announcements/fulltext.py).
        update_statistics(connection)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic corpus written in {elapsed:.1f} s: {summary}"
            )
        )
