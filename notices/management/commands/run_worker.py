"""The task worker: the queue's own worker, plus the notices' clock.

With the database backend that is django-tasks' `db_worker`; with RQ
(TASKS_BACKEND=rq) it is django-rq's `rqworker`, with the job class
django-tasks-rq needs and RQ's scheduler (for tasks deferred to later, such
as a purge's next try). The same options work with both.
"""

import logging
import os
import threading

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core.tasks import uses_rq

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


def start_clock() -> None:
    threading.Thread(
        target=run_clock, args=(threading.Event(),), name="notices-clock", daemon=True
    ).start()


class Command(DbWorkerCommand):
    help = (
        "Run tasks from the queue (mail, alerts, purges to retry) and, beside "
        "them, the clock: scheduled texts going live, retries, digests. Several "
        "may run."
    )

    def add_arguments(self, parser):
        if not uses_rq():
            return super().add_arguments(parser)
        # db_worker's options, so that one command line runs either backend.
        parser.add_argument(
            "--queue-name",
            default="default",
            help="Queues to take tasks from, comma-separated; '*' for all.",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run the tasks due, then exit."
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="Exit after this many tasks."
        )
        parser.add_argument("--worker-id", default=None, help="The worker's name.")
        parser.add_argument("--exclude-queues", default="", help="Queues to skip.")
        # The database worker's: RQ waits on Redis and forks for each task.
        parser.add_argument("--reload", action="store_true", help="Ignored.")
        parser.add_argument(
            "--no-reload", action="store_false", dest="reload", help="Ignored."
        )
        parser.add_argument(
            "--no-startup-delay",
            action="store_false",
            dest="startup_delay",
            help="Ignored.",
        )
        parser.add_argument("--interval", type=float, default=1, help="Ignored.")

    def handle(self, *args, **options):
        if uses_rq():
            return self.handle_rq(**options)
        reloading = options.get("reload") and not options.get("batch")
        if not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            start_clock()
        return super().handle(*args, **options)

    def handle_rq(self, **options):
        from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

        configured = sorted(task_backends[DEFAULT_TASK_BACKEND_ALIAS].queues)
        asked = options["queue_name"].split(",")
        excluded = set(filter(None, options["exclude_queues"].split(",")))
        queues = [
            name
            for name in (configured if "*" in asked else asked)
            if name not in excluded
        ]
        start_clock()
        # RQ forks a work horse for each task: a task that hangs is stopped
        # at its timeout, and one that leaks leaves the worker as it was.
        call_command(
            "rqworker",
            *queues,
            job_class="django_tasks_rq.Job",
            with_scheduler=True,
            burst=options["batch"],
            max_jobs=options["max_tasks"],
            name=options["worker_id"],
            verbosity=options["verbosity"],
        )
