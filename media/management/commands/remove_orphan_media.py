from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from media.library import orphan_names


class Command(BaseCommand):
    help = "List stored media files no image, rendition or attachment names; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove them.")

    def handle(self, *args, delete=False, **options):
        names = orphan_names()
        for name in names:
            self.stdout.write(name)
            if delete:
                default_storage.delete(name)
        verb = "removed" if delete else "found"
        self.stdout.write(f"{len(names)} orphan file(s) {verb}.")
