"""Core's tasks (django-tasks), and what the task queue holds.

`purge_keys` retries a purge that failed in the writing request. It names
its target by URL (`varnish://host:port`, `cdn+https://...`; never the
CDN's token, which the worker reads from its own settings) and carries the
keys and the tries so far: plain JSON, which every backend (the database's,
RQ's) stores as it is.
"""

from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends

from core.purge import purger


@task()
def purge_keys(target_url: str, keys: list[str], attempt: int = 0) -> bool:
    """Send one purge; on failure queue the next try, later. Return whether sent."""
    return purger().attempt(target_url, keys, attempt)


def uses_rq() -> bool:
    """Return whether the task queue is RQ's (TASKS_BACKEND=rq), in Redis."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    return type(backend).__module__.startswith("django_tasks_rq")


def backlog() -> tuple[int, float]:
    """Return the tasks due and waiting for a worker, and the oldest one's age.

    Tasks deferred to later (a purge's next try) are not waiting yet.
    """
    oldest = None
    if uses_rq():
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        import django_rq

        waiting = 0
        for name in sorted(backend.queues):
            queue = django_rq.get_queue(name)
            waiting += queue.count
            first = queue.get_job_ids(0, 1)
            job = queue.fetch_job(first[0]) if first else None
            if job is not None and job.enqueued_at is not None:
                oldest = min(oldest or job.enqueued_at, job.enqueued_at)
    else:
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready()
        waiting = ready.count()
        oldest = (
            ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        )
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return waiting, max(age, 0.0)
