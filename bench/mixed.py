"""The mixed workload of `make bench`: many anonymous readers while an editor writes.

For `--mixed-seconds` (60 by default) wrk reads several hundred anonymous URLs
of the synthetic corpus with Zipf-like weights (a few hot texts, the newest,
and a long tail: text pages, their comment and detail API reads, list pages,
indicator, topic and action pages, API lists), while a writer approves one
pending comment a second on a hot text and edits a hot text's summary once a
minute, through the API with an editor's token. Measured twice, on the same
corpus and with the deployment settings `bench/run.py` uses:

(a) through Varnish (deploy/varnish/pressroom.vcl as shipped, only its
    backends.vcl written here) in front of gunicorn, the app purging Varnish
    by surrogate key (`PURGE_URLS`) and caching in Redis behind it;
(b) against gunicorn alone, with the app's page cache in Redis.

Reported: hit ratios of wrk's reads (the writer's own polling is counted
apart), requests/s, p50/p99, the writes done and their staleness: for each
write, how long after its HTTP response until every URL it affects shows it
through the front (each polled every 10 ms, anonymously, as wrk reads it).
After the run every written URL is read once more (stale after), and every URL
of the table is compared with a fresh render by a gunicorn with caching off.
The writer's comments and edits are undone afterwards, so the corpus stays as
the other passes expect it.
"""

import concurrent.futures
import contextlib
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
VCL = ROOT / "deploy" / "varnish" / "pressroom.vcl"
PYTHON = sys.executable

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SEED = 2022
ZIPF_S = 1.0
# Text pages in the table: the newest few are the hot ones, then a sample.
TEXTS = 200
HOT_TEXTS = 10
POLL_SECONDS = 0.01
# A written URL not showing the write by then counts as never fresh.
FRESH_TIMEOUT = 10.0
FRESH_TARGET = 1.0
EDIT_EVERY = 60.0
USERNAME = "bench-mixed-editor"
COMMENT_AUTHOR_EMAIL = "mixed-bench@synthetic.invalid"
HEADERS = {"Accept-Language": "en"}

# Share of all reads per family of URLs; within a family, Zipf by rank.
SHARES = {
    "text page": 0.40,
    "text page (zh-hans)": 0.03,
    "comments API": 0.12,
    "text API": 0.08,
    "list page": 0.08,
    "home": 0.06,
    "API list": 0.05,
    "indicator page": 0.08,
    "indicator data (API, CSV)": 0.02,
    "topic page": 0.05,
    "action page": 0.02,
    "index page, feed, sitemap": 0.01,
}


# --- Django-side set-up and clean-up (run in the bench's environment) -------

INVENTORY = """
from announcements.models import Announcement, Topic
from indicators.models import Indicator, PolicyAction

fixtures = {"synthetic-00000", "synthetic-00001"}  # the other passes' texts
texts = [
    slug
    for slug in Announcement.objects.public()
    .filter(slug__startswith="synthetic-")
    .order_by("-held_on", "-id")
    .values_list("slug", flat=True)
    if slug not in fixtures
]
actions = {}
for text, slug in (
    PolicyAction.objects.public()
    .filter(slug__startswith="synthetic-action-")
    .order_by("ordinal")
    .values_list("announcement__slug", "slug")
):
    actions.setdefault(text, slug)
result = {
    "texts": texts,
    "actions": actions,
    "indicators": list(
        Indicator.objects.public()
        .filter(slug__startswith="synthetic-indicator-")
        .order_by("id")
        .values_list("slug", flat=True)
    ),
    "topics": list(
        Topic.objects.filter(slug__startswith="synthetic-topic-")
        .order_by("id")
        .values_list("slug", flat=True)
    ),
}
"""

PREPARE = """
import datetime
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from rest_framework.authtoken.models import Token
from announcements.models import Announcement, Comment
from announcements.roles import EDITORS

started = timezone.now()
user, _ = get_user_model().objects.get_or_create(username=payload["user"])
user.set_unusable_password()
user.save()
user.groups.add(Group.objects.get(name=EDITORS))
token, _ = Token.objects.get_or_create(user=user)
texts = {
    text.slug: text
    for text in Announcement.objects.filter(slug__in=payload["texts"])
}
# Held for moderation: a new pending comment changes nothing a reader sees.
Comment.objects.bulk_create(
    Comment(
        announcement=texts[slug],
        author_name="Mixed workload reader",
        author_email=payload["email"],
        body=body,
        status=Comment.Status.PENDING,
        created_at=started + datetime.timedelta(microseconds=n),
        verdicts=[],
    )
    for n, (slug, body) in enumerate(payload["comments"])
)
ids = dict(
    Comment.objects.filter(
        author_email=payload["email"], body__in=[b for _, b in payload["comments"]]
    ).values_list("body", "id")
)
result = {
    "token": token.key,
    "started": started.isoformat(),
    "comments": [ids[body] for _, body in payload["comments"]],
    "texts": {
        slug: {
            "pk": text.pk,
            "summary": text.summary,
            "updated_at": text.updated_at.isoformat(),
            "updated_by": text.updated_by_id,
        }
        for slug, text in texts.items()
    },
}
"""

CLEAN_UP = """
import datetime
from rest_framework.authtoken.models import Token
from announcements.models import Announcement, Comment
from core.cache import invalidate_all

Comment.objects.filter(author_email=payload["email"]).delete()
for text in payload["texts"].values():
    Announcement.objects.filter(pk=text["pk"]).update(
        summary=text["summary"],
        updated_at=datetime.datetime.fromisoformat(text["updated_at"]),
        updated_by_id=text["updated_by"],
    )
if payload["started"]:
    Announcement.history.filter(
        id__in=[text["pk"] for text in payload["texts"].values()],
        history_date__gte=datetime.datetime.fromisoformat(payload["started"]),
    ).delete()
# The user stays (deleting one touches every table that points at users).
Token.objects.filter(user__username=payload["user"]).delete()
# Writes around the model send no signals: every cached page is stale now.
invalidate_all()
result = {"ok": True}
"""


def django_json(env: dict, body: str, payload: dict) -> dict:
    """Run `body` in a Django process of the bench's environment; return its `result`."""
    script = (
        "import json, sys, django\n"
        "django.setup()\n"
        "payload = json.loads(sys.argv[1])\n"
        + body
        + "\nprint('RESULT ' + json.dumps(result))\n"
    )
    completed = subprocess.run(
        [PYTHON, "-c", script, json.dumps(payload)],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"Django script failed:\n{completed.stderr[-3000:]}")
    line = next(
        line
        for line in reversed(completed.stdout.splitlines())
        if line.startswith("RESULT ")
    )
    return json.loads(line.removeprefix("RESULT "))


# --- The URL table ------------------------------------------------------------


def url_table(inventory: dict) -> tuple[list[dict], list[str]]:
    """Return ([{path, family, weight}], texts by rank) for the corpus.

    Deterministic for a corpus: the newest HOT_TEXTS texts, shuffled, are the
    hottest, then a sample of the others.
    """
    rng = random.Random(SEED)
    newest = inventory["texts"][:HOT_TEXTS]
    rng.shuffle(newest)
    rest = inventory["texts"][HOT_TEXTS:]
    texts = newest + rng.sample(rest, min(TEXTS - len(newest), len(rest)))
    indicators = list(inventory["indicators"][:50])
    rng.shuffle(indicators)
    topics = list(inventory["topics"])
    rng.shuffle(topics)
    families = {
        "text page": [f"/announcements/{slug}/" for slug in texts],
        "text page (zh-hans)": [
            f"/zh-hans/announcements/{slug}/" for slug in texts[:20]
        ],
        "comments API": [f"/api/v1/announcements/{slug}/comments/" for slug in texts],
        "text API": [f"/api/v1/announcements/{slug}/" for slug in texts],
        "list page": ["/announcements/"]
        + [f"/announcements/?page={n}" for n in range(2, 11)],
        "home": ["/", "/zh-hans/"],
        "API list": [
            "/api/v1/announcements/",
            *(f"/api/v1/announcements/?page={n}" for n in range(2, 6)),
            "/api/v1/indicators/",
            "/api/v1/policy-actions/",
            "/api/v1/topics/",
            "/api/v1/speakers/",
        ],
        "indicator page": [f"/indicators/{slug}/" for slug in indicators],
        "indicator data (API, CSV)": [
            path
            for slug in indicators[:5]
            for path in (
                f"/api/v1/observations/?indicator={slug}",
                f"/api/v1/indicators/{slug}/observations/?format=csv",
            )
        ],
        "topic page": [f"/topics/{slug}/" for slug in topics],
        "action page": [
            f"/actions/{inventory['actions'][slug]}/"
            for slug in texts[:30]
            if slug in inventory["actions"]
        ],
        "index page, feed, sitemap": [
            "/indicators/",
            "/actions/",
            "/topics/",
            "/feeds/announcements/",
            "/sitemap.xml",
        ],
    }
    table = []
    for family, paths in families.items():
        if not paths:
            continue
        harmonic = sum(1 / rank**ZIPF_S for rank in range(1, len(paths) + 1))
        for rank, path in enumerate(paths, start=1):
            weight = SHARES[family] / rank**ZIPF_S / harmonic
            table.append({"path": path, "family": family, "weight": weight})
    total = sum(row["weight"] for row in table)
    for row in table:
        row["weight"] /= total
    return table, texts


LUA = """-- Written by bench/mixed.py: Zipf-weighted anonymous reads, cache states counted.
local paths = {
%(paths)s
}
local cumulative = {
%(cumulative)s
}
local count = #paths
local threads = {}

wrk.headers["Accept-Language"] = "en"

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(%(seed)d + id * 7919)
  states = {}
  statuses = {}
end

function request()
  local r = math.random()
  local lo, hi = 1, count
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format(nil, paths[lo])
end

function response(status, headers, body)
  local front = headers["X-Cache"] or headers["x-cache"] or "-"
  local app = headers["X-Pressroom-Cache"] or headers["x-pressroom-cache"] or "-"
  local key = front .. "/" .. app
  states[key] = (states[key] or 0) + 1
  local code = tostring(status)
  statuses[code] = (statuses[code] or 0) + 1
end

local function encode(map)
  local parts = {}
  for key, value in pairs(map) do
    table.insert(parts, string.format('"%%s": %%d', key, value))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local states_total, statuses_total = {}, {}
  for _, thread in ipairs(threads) do
    for key, value in pairs(thread:get("states")) do
      states_total[key] = (states_total[key] or 0) + value
    end
    for key, value in pairs(thread:get("statuses")) do
      statuses_total[key] = (statuses_total[key] or 0) + value
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'MIXED-RESULT {"requests": %%d, "duration_us": %%d, "bytes": %%d, ' ..
    '"p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d, "mean_us": %%.1f, ' ..
    '"errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}, ' ..
    '"states": %%s, "statuses": %%s}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    encode(states_total), encode(statuses_total)))
end
"""


def lua_script(table: list[dict]) -> str:
    running, cumulative = 0.0, []
    for row in table:
        running += row["weight"]
        cumulative.append(running)
    cumulative[-1] = 1.0
    return LUA % {
        "paths": ",\n".join(json.dumps(row["path"]) for row in table),
        "cumulative": ",\n".join(f"{value:.12f}" for value in cumulative),
        "seed": SEED,
    }


# --- HTTP ---------------------------------------------------------------------


def fetch(
    port: int,
    path: str,
    *,
    method="GET",
    headers=None,
    body=None,
    timeout=15,
    host: str | None = None,
):
    """Return (status, {lower-case header: value}, body) of one request.

    Sends what wrk sends (Host, Accept-Language, no Accept or Accept-Encoding),
    so a poll reads the very cache entry wrk's readers read.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.putrequest(
            method, path, skip_accept_encoding=True, skip_host=host is not None
        )
        if host is not None:
            # Absolute links in a page follow the Host it was asked for.
            connection.putheader("Host", host)
        for name, value in {**HEADERS, **(headers or {})}.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        content = response.read()
        return (
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            content,
        )
    finally:
        connection.close()


FORM_TIMESTAMP = re.compile(rb'(name="timestamp" value=")[^"]*"')


def unstamped(content: bytes) -> bytes:
    """Return a page without its comment form's signed render time."""
    return FORM_TIMESTAMP.sub(rb'\1"', content)


def cache_state(headers: dict) -> str:
    return f"{headers.get('x-cache', '-')}/{headers.get('x-pressroom-cache', '-')}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Varnish ------------------------------------------------------------------


class Varnish:
    """varnishd with the shipped VCL in front of one gunicorn, and its purge log."""

    def __init__(self, backend_port: int):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="pressroom-bench-varnish-"))
        self.work = self.directory / "work"
        (self.directory / "backends.vcl").write_text(
            "backend pressroom {\n"
            '    .host = "127.0.0.1";\n'
            f'    .port = "{backend_port}";\n'
            "    .connect_timeout = 2s;\n"
            "    .first_byte_timeout = 30s;\n"
            "}\n\n"
            'acl purgers {\n    "127.0.0.1";\n}\n'
        )
        self.process: subprocess.Popen | None = None
        self.log_process: subprocess.Popen | None = None
        self.log_path = self.directory / "purges.log"

    def start(self) -> None:
        vcl_path = f"{self.directory}:{VCL.parent}:/usr/share/varnish/vcl"
        self.process = subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(VCL),
                "-p",
                f"vcl_path={vcl_path}",
                "-n",
                str(self.work),
                "-s",
                "malloc,256m",
                "-T",
                "none",
            ],
            stdout=(self.directory / "varnishd.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.directory / "varnishd.log").read_text(errors="replace")
                raise RuntimeError(f"varnishd exited:\n{log[-2000:]}")
            with contextlib.suppress(OSError):
                fetch(self.port, "/robots.txt", timeout=5)
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("varnishd did not answer in time")
        # Every PURGE the app sends: its keys and how many objects it dropped.
        self.log_process = subprocess.Popen(
            [
                "varnishlog",
                "-n",
                str(self.work),
                "-q",
                'ReqMethod eq "PURGE"',
                "-i",
                "ReqHeader,RespReason,Timestamp",
            ],
            stdout=self.log_path.open("wb"),
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(0.5)  # varnishlog attaches to the shared memory log

    def counters(self) -> dict[str, int]:
        output = subprocess.run(
            ["varnishstat", "-n", str(self.work), "-1", "-j"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        data = json.loads(output)
        data = data.get("counters", data)
        return {
            name: int(value["value"])
            for name, value in data.items()
            if isinstance(value, dict) and "value" in value
        }

    def purges(self) -> list[dict]:
        """Return [{keys, objects}] for each PURGE logged so far."""
        purges, current = [], None
        for line in self.log_path.read_text(errors="replace").splitlines():
            if "<< Request" in line:
                current = {"keys": [], "objects": None}
                purges.append(current)
            elif current is None:
                continue
            elif match := re.search(r"ReqHeader\s+xkey-purge:\s*(.*)$", line):
                current["keys"] = match.group(1).split()
            elif match := re.search(r"RespReason\s+Purged (\d+) objects", line):
                current["objects"] = int(match.group(1))
        return purges

    def stop(self) -> None:
        for process in (self.log_process, self.process):
            if process is None or process.poll() is not None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        shutil.rmtree(self.directory, ignore_errors=True)


# --- The writer -----------------------------------------------------------------


class Writer:
    """Approves a comment every second and edits a summary every minute, then polls.

    Each write's affected URLs are polled through the front, anonymously,
    every POLL_SECONDS until each shows the write; the delay is counted from
    the write's HTTP response to the start of the first poll that showed it.
    """

    def __init__(self, port: int, token: str, comments: list, edits: list):
        self.port = port
        self.token = token
        self.comments = comments  # [{id, slug, marker, urls}]
        self.edits = edits  # [{slug, summary, marker, urls}]
        self.writes: list[dict] = []
        self.pollers: list[threading.Thread] = []
        self.polls = 0
        self.poll_states: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self, started: float, seconds: float) -> None:
        plan = [(started + 0.5 + k, "comment", k) for k in range(int(seconds))]
        first_edit = min(EDIT_EVERY / 2, seconds / 2)
        plan += [
            (started + first_edit + EDIT_EVERY * j, "edit", j)
            for j in range(len(self.edits))
            if first_edit + EDIT_EVERY * j < seconds
        ]
        plan.sort()
        self.thread = threading.Thread(target=self._run, args=(plan,), daemon=True)
        self.thread.start()

    def _run(self, plan) -> None:
        for when, kind, number in plan:
            if self.stop.wait(max(0.0, when - time.monotonic())):
                return
            if kind == "comment":
                if number >= len(self.comments):
                    continue
                comment = self.comments[number]
                path = f"/api/v1/comments/{comment['id']}/"
                body = {"status": "approved"}
                write = {"kind": "comment", **comment}
            else:
                edit = self.edits[number]
                path = f"/api/v1/announcements/{edit['slug']}/"
                body = {"summary": edit["summary"]}
                write = {"kind": "edit", **edit}
            sent = time.monotonic()
            try:
                status, _, _ = fetch(
                    self.port,
                    path,
                    method="PATCH",
                    headers={
                        "Authorization": f"Token {self.token}",
                        "Content-Type": "application/json",
                    },
                    body=json.dumps(body).encode(),
                )
            except OSError as error:
                status = f"error: {error}"
            answered = time.monotonic()
            write.update(
                status=status,
                at=sent,
                answered=answered,
                write_ms=round((answered - sent) * 1000, 1),
                fresh={},
                trace=[],
            )
            with self.lock:
                self.writes.append(write)
            if status == 200:
                # Every URL at once: a slow read of one must not delay another's.
                for path in write["urls"]:
                    poller = threading.Thread(
                        target=self._poll, args=(write, path), daemon=True
                    )
                    poller.start()
                    self.pollers.append(poller)

    def _poll(self, write: dict, path: str) -> None:
        """Read one URL of a write until it shows the write (or FRESH_TIMEOUT)."""
        marker = write["marker"].encode()
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                status, headers, content = fetch(self.port, path)
            except OSError:
                status, headers, content = None, {}, b""
            answered = time.monotonic()
            state = cache_state(headers)
            shown = status == 200 and marker in content
            with self.lock:
                self.polls += 1
                self.poll_states[state] = self.poll_states.get(state, 0) + 1
                write["trace"].append(
                    [
                        round((started - write["answered"]) * 1000, 1),
                        round((answered - started) * 1000, 1),
                        path,
                        state,
                        shown,
                    ]
                )
            if shown:
                write["fresh"][path] = started - write["answered"]
                return
            if started - write["answered"] > FRESH_TIMEOUT:
                write["fresh"][path] = None
                return
            time.sleep(POLL_SECONDS)

    def finish(self, timeout: float) -> None:
        """Wait for the writes' polls (up to `timeout`), then stop everything."""
        if self.thread is not None:
            self.thread.join(timeout)
        deadline = time.monotonic() + timeout
        for poller in self.pollers:
            poller.join(max(0.0, deadline - time.monotonic()))
        self.stop.set()


def staleness_summary(writes: list[dict], kind: str) -> dict:
    """Summarise one kind of write.

    `fresh_by`: per write, the slowest of its URLs to show it, timed at the
    start of the first poll that did (an upper bound: under full load the
    bench's own polls start late too). `stale_seen`: per write, the latest
    start of a poll that still showed the old page (0 when none did, a lower
    bound of the staleness).
    """
    mine = [write for write in writes if write["kind"] == kind]
    done = [write for write in mine if write["status"] == 200]
    fresh_by, stale_seen, late, never, stale_reads = [], [], 0, 0, 0
    for write in done:
        delays = [write["fresh"].get(path) for path in write["urls"]]
        never += sum(1 for delay in delays if delay is None)
        late += sum(1 for delay in delays if delay is not None and delay > FRESH_TARGET)
        if delays and None not in delays:
            fresh_by.append(max(delays))
        stale = [poll[0] for poll in write["trace"] if not poll[4]]
        stale_reads += len(stale)
        stale_seen.append(max(stale, default=0.0))

    def ms(value):
        return round(value * 1000, 1) if value is not None else None

    return {
        "attempted": len(mine),
        "done": len(done),
        "failed": [write["status"] for write in mine if write["status"] != 200][:5],
        "urls_per_write": round(
            statistics.mean(len(write["urls"]) for write in done), 1
        )
        if done
        else 0,
        "write_p50_ms": round(statistics.median(w["write_ms"] for w in done), 1)
        if done
        else None,
        "fresh_by_p50_ms": ms(statistics.median(fresh_by)) if fresh_by else None,
        "fresh_by_max_ms": ms(max(fresh_by)) if fresh_by else None,
        "stale_reads": stale_reads,
        "stale_seen_max_ms": round(max(stale_seen), 1) if stale_seen else None,
        "urls_fresh_after_1s": late,
        "urls_never_fresh": never,
    }


# --- One pass ---------------------------------------------------------------


def read_all(
    port: int, paths: list[str], workers: int = 4, host: str | None = None
) -> dict[str, tuple]:
    """Return {path: (status, headers, body)}, read through `port`."""
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        replies = pool.map(lambda path: fetch(port, path, host=host), paths)
        return dict(zip(paths, replies, strict=True))


def delete_redis_prefix(prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])
    return len(keys)


def redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False


def run_wrk(port: int, script: Path, args, seconds: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def one_pass(front: str, engine: str, env: dict, args, table, texts, helpers) -> dict:
    start_server, stop_server = helpers
    seconds = args.mixed_seconds
    tag = f"{front[0]}{int(time.time()) % 1000000}"
    prefix = f"pressroom-bench-mixed-{engine}-{front}-{os.getpid()}"
    app_env = {**env, "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    paths = [row["path"] for row in table]
    # Comments spread over the hot texts (at most 10 a text, so each stays on
    # the first page of its comment API); edits go round the hottest texts.
    comment_texts = texts[: max(HOT_TEXTS, math.ceil(seconds / 10))]
    comments = [
        (comment_texts[n % len(comment_texts)], f"mixed-{tag}-c{n:04d}")
        for n in range(int(seconds))
    ]
    edit_count = max(1, math.ceil(seconds / EDIT_EVERY))
    edit_texts = [texts[j % HOT_TEXTS] for j in range(edit_count)]
    email = COMMENT_AUTHOR_EMAIL
    clean_up = {
        "user": USERNAME,
        "email": email,
        "texts": {},
        "started": None,
    }
    varnish = server = fresh_server = wrk = writer = None
    result: dict = {"front": front}
    label = "Varnish → gunicorn" if front == "varnish" else "gunicorn alone"
    try:
        # Left over from an interrupted run: undo it first.
        django_json(app_env, CLEAN_UP, clean_up)
        prepared = django_json(
            app_env,
            PREPARE,
            {
                "user": USERNAME,
                "email": email,
                "texts": sorted(set(comment_texts) | set(edit_texts)),
                "comments": [
                    [slug, f"Reader question {marker} about the figures."]
                    for slug, marker in comments
                ],
            },
        )
        clean_up.update(texts=prepared["texts"], started=prepared["started"])
        app_port = free_port()
        if front == "varnish":
            varnish = Varnish(app_port)
            app_env["PURGE_URLS"] = f"varnish://127.0.0.1:{varnish.port}"
            app_env["TRUSTED_PROXY_COUNT"] = "1"
        server = start_server(app_env, app_port, args.workers, args.worker_class)
        # Renders with caching off, for the comparison after the run; started
        # now, so that it runs the same code as the server measured.
        fresh_port = free_port()
        fresh_server = start_server(
            {**app_env, "CACHE_URL": "dummy://", "PURGE_URLS": ""},
            fresh_port,
            1,
            "sync",
        )
        if varnish:
            varnish.start()
        port = varnish.port if varnish else app_port

        # Warm the caches: every URL once, then once more to see which hit.
        started = time.monotonic()
        first = read_all(port, paths)
        second = read_all(port, paths)
        result["warm_up_s"] = round(time.monotonic() - started, 1)
        bad = {p: r[0] for p, r in first.items() if r[0] != 200}
        never_hit = {
            path: {
                "state": cache_state(reply[1]),
                "cache_control": reply[1].get("cache-control", ""),
            }
            for path, reply in second.items()
            if reply[1].get("x-cache", reply[1].get("x-pressroom-cache")) != "hit"
        }
        result["non_200_urls"] = bad
        result["not_hit_on_second_read"] = never_hit
        result["keys_per_url"] = {
            path: reply[1].get("surrogate-key", "") for path, reply in first.items()
        }

        def urls_showing(text: str) -> list[str]:
            return [path for path, reply in first.items() if text.encode() in reply[2]]

        comment_urls = {}
        for slug in comment_texts:
            comment_urls[slug] = [
                path
                for path in (
                    f"/announcements/{slug}/",
                    f"/zh-hans/announcements/{slug}/",
                    f"/api/v1/announcements/{slug}/comments/",
                )
                if path in first
            ]
        writes_comments = [
            {
                "id": comment_id,
                "slug": slug,
                "marker": marker,
                "urls": comment_urls[slug],
            }
            for comment_id, (slug, marker) in zip(
                prepared["comments"], comments, strict=True
            )
        ]
        writes_edits = []
        for j, slug in enumerate(edit_texts):
            original = prepared["texts"][slug]["summary"]
            marker = f"mixed-{tag}-e{j:02d}"
            writes_edits.append(
                {
                    "slug": slug,
                    "summary": f"Edited {marker}: {original}",
                    "marker": marker,
                    "urls": urls_showing(original),
                }
            )
        first = second = None  # the bodies are no longer needed

        script = WORK / f"mixed-{front}.lua"
        script.write_text(lua_script(table))
        counters_before = varnish.counters() if varnish else {}
        load_before = round(os.getloadavg()[0], 1)
        writer = Writer(port, prepared["token"], writes_comments, writes_edits)
        wrk = run_wrk(port, script, args, seconds)
        writer.start(time.monotonic(), seconds)
        output, _ = wrk.communicate(timeout=seconds + 120)
        counters_after = varnish.counters() if varnish else {}
        result["loadavg"] = [load_before, round(os.getloadavg()[0], 1)]
        writer.finish(timeout=FRESH_TIMEOUT + 5)
        line = next(
            (x for x in output.splitlines() if x.startswith("MIXED-RESULT ")), None
        )
        if line is None:
            raise RuntimeError(f"wrk gave no result:\n{output[-2000:]}")
        reads = json.loads(line.removeprefix("MIXED-RESULT "))

        # Stale after: each written URL read once more, shows every write to it.
        time.sleep(1.0)
        expected: dict[str, list[str]] = {}
        for write in writer.writes:
            if write["status"] != 200:
                continue
            for path in write["urls"]:
                if write["kind"] == "edit":
                    # Only a text's latest summary is expected.
                    expected[path] = [
                        marker
                        for marker in expected.get(path, [])
                        if not marker.startswith(f"edit:{write['slug']}:")
                    ]
                    expected[path].append(f"edit:{write['slug']}:{write['marker']}")
                else:
                    expected.setdefault(path, []).append(f"comment::{write['marker']}")
        again = read_all(port, sorted(expected))
        stale_after = {
            path: [
                m for m in markers if m.rsplit(":", 1)[1].encode() not in again[path][2]
            ]
            for path, markers in expected.items()
        }
        stale_after = {
            path: missing for path, missing in stale_after.items() if missing
        }

        # Every URL of the table against a fresh render (caching off).
        served = read_all(port, paths)
        rendered = read_all(fresh_port, paths, workers=2, host=f"127.0.0.1:{port}")
        stop_server(fresh_server)
        fresh_server = None
        differs, timestamp_only = {}, 0
        for path in paths:
            ours, theirs = served[path][2], rendered[path][2]
            if ours != theirs and unstamped(ours) == unstamped(theirs):
                # The comment form's signed render time: not content.
                timestamp_only += 1
                continue
            if ours != theirs:
                at = next(
                    (
                        i
                        for i, (a, b) in enumerate(zip(ours, theirs, strict=False))
                        if a != b
                    ),
                    min(len(ours), len(theirs)),
                )
                differs[path] = {
                    "state": cache_state(served[path][1]),
                    "served": ours[max(0, at - 60) : at + 60].decode(errors="replace"),
                    "fresh": theirs[max(0, at - 60) : at + 60].decode(errors="replace"),
                }

        total = reads["requests"] or 1
        states = reads["states"]
        if front == "varnish":
            hits = sum(v for k, v in states.items() if k.startswith("hit/"))
        else:
            hits = sum(v for k, v in states.items() if k.endswith("/hit"))
        duration = reads["duration_us"] / 1e6
        result.update(
            label=label,
            reads=reads["requests"],
            rps=round(reads["requests"] / duration, 1),
            hit_ratio=round(hits / total, 4),
            p50_ms=round(reads["p50_us"] / 1000, 2),
            p90_ms=round(reads["p90_us"] / 1000, 2),
            p99_ms=round(reads["p99_us"] / 1000, 2),
            max_ms=round(reads["max_us"] / 1000, 1),
            states=states,
            statuses=reads["statuses"],
            socket_errors=reads["errors"],
            non_2xx=sum(
                v for k, v in reads["statuses"].items() if not k.startswith("2")
            ),
            writer_polls=writer.polls,
            writer_poll_states=writer.poll_states,
            comments=staleness_summary(writer.writes, "comment"),
            edits=staleness_summary(writer.writes, "edit"),
            edit_urls=[w["urls"] for w in writer.writes if w["kind"] == "edit"],
            slowest_polls=slowest_traces(writer.writes),
            stale_after=stale_after,
            stale_after_count=len(stale_after),
            differs_from_fresh=differs,
            differs_from_fresh_count=len(differs),
            written_urls=len(expected),
            urls_with_list_key=sum(
                1
                for keys in result["keys_per_url"].values()
                if "announcement-list" in keys.split()
            ),
            differs_only_in_form_timestamp=timestamp_only,
        )
        if varnish:
            delta = {
                name: counters_after.get(name, 0) - counters_before.get(name, 0)
                for name in (
                    "MAIN.cache_hit",
                    "MAIN.cache_miss",
                    "MAIN.cache_hitpass",
                    "MAIN.cache_hitmiss",
                    "MAIN.client_req",
                    "MAIN.backend_req",
                    "MAIN.n_expired",
                    # Requests parked behind another's fetch of the same object.
                    "MAIN.busy_sleep",
                )
            }
            result["varnishstat"] = delta
            result["purges"] = purge_summary(varnish.purges())
        print_pass(result)
        return result
    finally:
        if wrk is not None and wrk.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(wrk.pid, signal.SIGKILL)
            wrk.wait()
        if writer is not None:
            writer.stop.set()
        for process in (fresh_server, server):
            if process is not None:
                with contextlib.suppress(ProcessLookupError):
                    stop_server(process)
        if varnish is not None:
            varnish.stop()
        try:
            django_json(
                {**env, "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix},
                CLEAN_UP,
                clean_up,
            )
        except RuntimeError as error:
            # Measured figures stay; the next run undoes what is left first.
            print(f"  clean-up after the {front} pass failed: {error}")
            result["clean_up_failed"] = str(error)[-2000:]
        finally:
            with contextlib.suppress(Exception):
                delete_redis_prefix(prefix)


def slowest_traces(writes: list[dict]) -> dict:
    """Return each write kind's slowest write with its polls: [ms after the
    write's response, ms the poll took, path, cache state, shows the write]."""
    slowest = {}
    for write in writes:
        if write["status"] != 200:
            continue
        delays = [d for d in write["fresh"].values() if d is not None]
        worst = max(delays, default=FRESH_TIMEOUT)
        if len(delays) < len(write["urls"]):
            worst = FRESH_TIMEOUT
        if worst >= slowest.get(write["kind"], (-1, None))[0]:
            slowest[write["kind"]] = (worst, write)
    return {
        kind: {
            "marker": write["marker"],
            "write_ms": write["write_ms"],
            "polls": write["trace"][:40],
        }
        for kind, (_, write) in slowest.items()
    }


def purge_summary(purges: list[dict]) -> dict:
    """Group the logged purges by what caused them: edits name the list key."""
    kinds: dict[str, list[dict]] = {}
    for purge in purges:
        kind = "edit" if "announcement-list" in purge["keys"] else "comment"
        kinds.setdefault(kind, []).append(purge)
    summary = {}
    for kind, group in kinds.items():
        objects = [p["objects"] for p in group if p["objects"] is not None]
        summary[kind] = {
            "purges": len(group),
            "keys_max": max(len(p["keys"]) for p in group),
            "objects_p50": statistics.median(objects) if objects else None,
            "objects_max": max(objects) if objects else None,
            "example_keys": " ".join(group[0]["keys"][:20]),
        }
    return summary


def print_pass(result: dict) -> None:
    comments, edits = result["comments"], result["edits"]
    print(
        f"  [mixed, {result['label']}] {result['reads']:,} reads, hit ratio "
        f"{result['hit_ratio']:.2%}, {result['rps']:,.0f} req/s, p50 "
        f"{result['p50_ms']} ms, p99 {result['p99_ms']} ms; comments "
        f"{comments['done']}/{comments['attempted']} fresh by p50/max "
        f"{comments['fresh_by_p50_ms']}/{comments['fresh_by_max_ms']} ms; edits "
        f"{edits['done']}/{edits['attempted']} fresh by p50/max "
        f"{edits['fresh_by_p50_ms']}/{edits['fresh_by_max_ms']} ms; stale reads "
        f"{comments['stale_reads'] + edits['stale_reads']}; stale after "
        f"{result['stale_after_count']}, differs from fresh render "
        f"{result['differs_from_fresh_count']}"
    )


# --- Entry point and report -----------------------------------------------------


def run_mixed(engine: str, env: dict, args, *, start_server, stop_server) -> dict:
    """Run the mixed workload through Varnish, then against gunicorn alone."""
    seconds = args.mixed_seconds
    print(f"== {engine}: mixed workload, {seconds} s per front")
    if not redis_reachable():
        print(f"  skipped: no Redis at {REDIS_URL}")
        return {"skipped": f"no Redis at {REDIS_URL} (BENCH_REDIS_URL)"}
    try:
        inventory = django_json(env, INVENTORY, {})
    except RuntimeError as error:
        print(f"  skipped: {error}")
        return {"skipped": f"failed: {str(error).splitlines()[-1][:300]}"}
    table, texts = url_table(inventory)
    families = {}
    for row in table:
        family = families.setdefault(row["family"], {"urls": 0, "share": 0.0})
        family["urls"] += 1
        family["share"] += row["weight"]
    report = {
        "seconds": seconds,
        "urls": len(table),
        "families": {
            name: {"urls": f["urls"], "share": round(f["share"], 3)}
            for name, f in families.items()
        },
        "hottest": [row["path"] for row in sorted(table, key=lambda r: -r["weight"])][
            :10
        ],
        "threads": args.threads,
        "connections": args.connections,
        "workers": args.workers,
        "worker_class": args.worker_class,
        "passes": [],
    }
    helpers = (start_server, stop_server)
    for front in ("varnish", "gunicorn"):
        if front == "varnish" and not (
            shutil.which("varnishd") and shutil.which("varnishlog")
        ):
            print("  skipped through Varnish: varnishd is missing")
            report["passes"].append({"front": front, "skipped": "varnishd missing"})
            continue
        try:
            report["passes"].append(
                one_pass(front, engine, env, args, table, texts, helpers)
            )
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            # The other passes' figures are still worth writing down.
            print(f"  mixed workload through {front} failed: {error}")
            report["passes"].append({"front": front, "skipped": f"failed: {error}"})
    return report


def markdown(mixed: dict) -> list[str]:
    if mixed.get("skipped"):
        return [f"Mixed workload skipped: {mixed['skipped']}.", ""]
    lines = [
        f"### Mixed workload: {mixed['seconds']} s of anonymous reads while an editor writes",
        "",
        f"wrk -t{mixed['threads']} -c{mixed['connections']} over {mixed['urls']} URLs "
        "(Zipf-weighted: the newest texts hottest, then a long tail of text pages, "
        "comment and detail API reads, lists, indicator, topic and action pages); "
        "a writer approves one comment a second on a hot text and edits a hot "
        f"text's summary every minute, through the API. gunicorn {mixed['workers']} "
        f"{mixed['worker_class']} workers, app cache in Redis; (a) also Varnish in "
        "front, purged by surrogate key. *Fresh by*: per write, from its response "
        "to the start of the first read (every 10 ms, through the front, one "
        "reader per affected URL) that showed it, on the slowest of its URLs; an "
        "upper bound, as the bench's own reads start late under full load. "
        "*Stale reads*: reads by the writer that still showed the old page. "
        "*Stale after*: written URLs not showing every write once the run is "
        "over; *differs*: URLs whose page differs from a fresh render (caching "
        "off) after the run.",
        "",
        "| front | reads | hit ratio | req/s | p50 ms | p99 ms | comments approved | "
        "comment fresh by p50 / max ms | edits | edit fresh by p50 / max ms | "
        "stale reads (last, ms after the write) | URLs fresh after > 1 s / never | "
        "stale after | differs | writer's reads | non-2xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
        "---: | ---: | ---: | ---: | ---: |",
    ]
    for result in mixed["passes"]:
        if result.get("skipped"):
            reason = (result["skipped"].splitlines() or [""])[0][:200]
            lines.append(f"| {result['front']} | skipped: {reason} |")
            continue
        comments, edits = result["comments"], result["edits"]
        late = comments["urls_fresh_after_1s"] + edits["urls_fresh_after_1s"]
        never = comments["urls_never_fresh"] + edits["urls_never_fresh"]
        stale_reads = comments["stale_reads"] + edits["stale_reads"]
        last_stale = max(
            comments["stale_seen_max_ms"] or 0, edits["stale_seen_max_ms"] or 0
        )
        lines.append(
            f"| {'(a) ' if result['front'] == 'varnish' else '(b) '}{result['label']} | "
            f"{result['reads']:,} | {result['hit_ratio']:.2%} | {result['rps']:,.0f} | "
            f"{result['p50_ms']} | {result['p99_ms']} | "
            f"{comments['done']}/{comments['attempted']} | "
            f"{comments['fresh_by_p50_ms']} / {comments['fresh_by_max_ms']} | "
            f"{edits['done']}/{edits['attempted']} | "
            f"{edits['fresh_by_p50_ms']} / {edits['fresh_by_max_ms']} | "
            f"{stale_reads} ({last_stale}) | {late} / {never} | "
            f"{result['stale_after_count']} of {result['written_urls']} | "
            f"{result['differs_from_fresh_count']} of {mixed['urls']} | "
            f"{result['writer_polls']:,} | {result['non_2xx']} |"
        )
    lines.append("")
    for result in mixed["passes"]:
        if result.get("skipped"):
            continue
        states = ", ".join(f"{k} {v:,}" for k, v in sorted(result["states"].items()))
        lines.append(
            f"- {result['label']}: cache states of wrk's reads (front/app): {states}; "
            f"p90 {result['p90_ms']} ms, max {result['max_ms']} ms; load average "
            f"{result['loadavg'][0]} before, {result['loadavg'][1]} after."
        )
        if result.get("varnishstat"):
            stat = result["varnishstat"]
            lines.append(
                "  varnishstat during the run (the writer's reads included): "
                + ", ".join(f"{k.removeprefix('MAIN.')} {v:,}" for k, v in stat.items())
                + "."
            )
        for kind, purge in (result.get("purges") or {}).items():
            lines.append(
                f"  Purges after {kind}s: {purge['purges']}, up to {purge['keys_max']} "
                f"keys (e.g. `{purge['example_keys']}`), objects dropped p50 "
                f"{purge['objects_p50']}, max {purge['objects_max']}."
            )
        if result["edit_urls"]:
            lines.append(
                f"  An edited summary shows on {len(result['edit_urls'][0])} URLs of "
                f"the table; {result['urls_with_list_key']} carry `announcement-list`."
            )
        if result["not_hit_on_second_read"]:
            lines.append(
                f"  Not a hit on a second read at warm-up: "
                f"{len(result['not_hit_on_second_read'])} URLs, e.g. "
                + ", ".join(
                    f"`{p}`" for p in list(result["not_hit_on_second_read"])[:5]
                )
                + "."
            )
        if result["non_200_urls"]:
            lines.append(
                f"  Not 200 at warm-up: {len(result['non_200_urls'])} URLs, e.g. "
                + ", ".join(
                    f"`{p}` {code}"
                    for p, code in list(result["non_200_urls"].items())[:5]
                )
                + "."
            )
        if result["differs_only_in_form_timestamp"]:
            lines.append(
                f"  {result['differs_only_in_form_timestamp']} pages differ from a "
                "fresh render only in the comment form's signed render time "
                "(`timestamp`), kept from when the page was rendered."
            )
    lines.append("")
    return lines
