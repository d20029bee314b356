"""Many clients at once for a fixed time, every outcome recorded with its moment."""

import http.client
import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .servers import Reply

# An action sends one request (or one page visit) and returns what came back.
Action = Callable[[int], tuple[str, Reply]]


@dataclass
class Outcome:
    at: float
    label: str
    status: int | None
    error: str = ""


@dataclass
class LoadResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def statuses(self) -> Counter:
        return Counter(o.status for o in self.outcomes if o.status is not None)

    @property
    def errors(self) -> list[Outcome]:
        """Requests that got no HTTP answer at all (refused, reset, timed out)."""
        return [o for o in self.outcomes if o.status is None]

    def failures(self, ok=frozenset({200})) -> list[Outcome]:
        return [o for o in self.outcomes if o.status not in ok]


def run_load(
    port: int,
    actions: list[Action],
    *,
    seconds: float,
    connections: int,
    during: Callable[[], None] | None = None,
) -> LoadResult:
    """Run `actions` round-robin from `connections` threads for `seconds`.

    `during`, if given, runs in the calling thread while the load goes on
    (to kill a worker, say); the load stops after both have finished.
    """
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int):
        for action in itertools.islice(
            itertools.cycle(actions), number % len(actions), None
        ):
            if time.monotonic() >= deadline:
                return
            try:
                label, reply = action(port)
                outcome = Outcome(time.monotonic(), label, reply.status)
            except (OSError, http.client.HTTPException) as error:
                label = getattr(action, "__name__", "request")
                outcome = Outcome(time.monotonic(), label, None, repr(error))
            with lock:
                result.outcomes.append(outcome)

    with ThreadPoolExecutor(max_workers=connections) as pool:
        futures = [pool.submit(client, n) for n in range(connections)]
        if during is not None:
            during()
        for future in futures:
            future.result()
    return result


def get(path: str) -> Action:
    """Return an action reading one URL."""
    from .servers import request

    def read(port: int) -> tuple[str, Reply]:
        return path, request(port, "GET", path)

    read.__name__ = path
    return read
