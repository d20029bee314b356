from django.core.management.base import BaseCommand

from announcements.models import Announcement
from indicators.demo import TEXTS, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo: the press conference of 19 July 2022 and the texts of "
        "2020–2024 that give its figures more periods (idempotent)."
    )

    def handle(self, *args, **options):
        announcement = load_demo()
        others = Announcement.objects.filter(slug__in=[t["slug"] for t in TEXTS])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {announcement.title} "
                f"({announcement.observations.count()} figures, "
                f"{announcement.actions.count()} actions) at "
                f"{announcement.get_absolute_url()}, and {others.count()} "
                "more texts on the same subjects."
            )
        )
