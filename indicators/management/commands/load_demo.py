from django.core.management.base import BaseCommand

from indicators.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo press conference of 19 July 2022 (idempotent)."

    def handle(self, *args, **options):
        announcement = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {announcement.title} "
                f"({announcement.observations.count()} figures, "
                f"{announcement.actions.count()} actions) at "
                f"{announcement.get_absolute_url()}"
            )
        )
