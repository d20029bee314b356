"""The task worker: django-tasks' database worker, plus the notices' clock."""

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("notices.worker")


def run_clock(stop: threading.Event) -> None:
    """Run the periodic work every NOTICES_TICK_SECONDS until told to stop."""
    from notices.tasks import tick

    while not stop.is_set():
        close_old_connections()
        try:
            done = tick()
            if any(done.values()):
                logger.info("Clock: %s", done)
        except Exception:  # noqa: BLE001 - the clock must outlive one bad tick
            logger.exception("Clock tick failed")
        finally:
            close_old_connections()
        stop.wait(settings.NOTICES_TICK_SECONDS)


class Command(DbWorkerCommand):
    help = (
        "Run tasks from the database queue (mail, alerts) and, beside them, the "
        "clock: scheduled texts going live, retries, digests. Several may run."
    )

    def handle(self, *args, **options):
        reloading = options.get("reload") and not options.get("batch")
        if not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            stop = threading.Event()
            threading.Thread(
                target=run_clock, args=(stop,), name="notices-clock", daemon=True
            ).start()
        return super().handle(*args, **options)
