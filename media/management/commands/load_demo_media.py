from django.core.management.base import BaseCommand

from media.demo import load_demo_media


class Command(BaseCommand):
    help = "Add the demo's generated lead image, portrait and PDF fact sheet (after load_demo)."

    def handle(self, *args, **options):
        done = load_demo_media()
        self.stdout.write(
            ", ".join(done) + " added." if done else "Demo media present."
        )
