"""Dedicated databases and real gunicorn servers for the reliability tests.

Each test gets its own database, copied from a migrated demo template (a
file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL), and its own
gunicorn on a free port of 127.0.0.1. pytest-django's test database is never
touched: the server is another process and must not see test transactions.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 60

# Settings the test run sets for itself that must not leak into a server.
_TEST_RUN_SETTINGS = {
    "DATABASE_URL",
    "CACHE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_HTTPS",
    "STATIC_MANIFEST",
    "TRUSTED_PROXY_COUNT",
    "ADMIN_URL",
    "DJANGO_SETTINGS_MODULE",
    "PYTEST_XDIST_WORKER",
}


def test_run_database_url() -> str:
    return os.environ.get("DATABASE_URL", "")


def on_postgres() -> bool:
    return test_run_database_url().startswith(("postgres://", "postgresql://"))


def child_env(database_url: str, **overrides: str) -> dict[str, str]:
    """Return a production-like environment for a manage.py or gunicorn child."""
    env = {k: v for k, v in os.environ.items() if k not in _TEST_RUN_SETTINGS}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_HTTPS": "0",
            "STATIC_MANIFEST": "0",
            "CACHE_URL": "locmem://",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 180):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


def django_eval(env: dict[str, str], code: str) -> str:
    """Run Python with Django set up against the child's database; return stdout."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def stored_comments(env: dict[str, str], marker: str) -> list[dict]:
    """Return the comments whose body contains `marker`, as the database has them."""
    code = (
        "import json\n"
        "from announcements.models import Comment\n"
        f"rows = Comment.objects.filter(body__contains={marker!r})\n"
        "print(json.dumps(list(rows.values('id', 'body', 'status', 'author_email'))))"
    )
    return json.loads(django_eval(env, code))


@contextlib.contextmanager
def redis_environment():
    """Environment for a server whose cache is the local Redis, under its own prefix.

    Production shares rate-limit counters and cached pages between worker
    processes through Redis; a prefix per server keeps parallel tests apart.
    """
    import redis

    url = os.environ.get("RELIABILITY_REDIS_URL", "redis://127.0.0.1:6379/0")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"These tests need Redis at {url} (.ci/run starts it): {error}")
    prefix = f"rely-{uuid.uuid4().hex[:12]}"
    try:
        yield {"CACHE_URL": url, "CACHE_KEY_PREFIX": prefix}
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        client.close()


# --- Databases ----------------------------------------------------------------


def _postgres_admin():
    import psycopg

    db = dj_database_url.parse(test_run_database_url())
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def postgres_target() -> tuple[str, int]:
    """Return the host and port of the suite's PostgreSQL server."""
    db = dj_database_url.parse(test_run_database_url())
    return db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)


def _postgres_url(name: str, *, port: int | None = None) -> str:
    parts = urlsplit(test_run_database_url())
    netloc = parts.netloc
    if port is not None:
        netloc = f"{netloc.rsplit('@', 1)[0]}@127.0.0.1:{port}"
    return parts._replace(netloc=netloc, path=f"/{name}").geturl()


@dataclass
class Database:
    """One database of the test's own: a SQLite file or a PostgreSQL database."""

    url: str
    engine: str
    name: str
    directory: Path | None = None

    @property
    def sqlite_path(self) -> Path:
        return self.directory / "db.sqlite3"

    def url_via(self, port: int) -> str:
        """Return the URL reaching this PostgreSQL database through a local port."""
        return _postgres_url(self.name, port=port)

    def drop(self):
        if self.engine == "sqlite":
            shutil.rmtree(self.directory.parent, ignore_errors=True)
            return
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def create_template() -> Database:
    """Create a migrated database holding the demo, to copy for each test."""
    name = f"rely_tpl_{uuid.uuid4().hex[:10]}"
    if on_postgres():
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        database = Database(_postgres_url(name), "postgresql", name)
    else:
        directory = Path(tempfile.mkdtemp(prefix="rely-")) / "db"
        directory.mkdir()
        database = Database(
            f"sqlite:///{directory / 'db.sqlite3'}", "sqlite", name, directory
        )
    env = child_env(database.url)
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_demo", env=env)
    return database


def copy_database(template: Database) -> Database:
    name = f"rely_{uuid.uuid4().hex[:12]}"
    if template.engine == "postgresql":
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.name}"')
        return Database(_postgres_url(name), "postgresql", name)
    directory = Path(tempfile.mkdtemp(prefix="rely-")) / "db"
    directory.mkdir()
    copy = Database(f"sqlite:///{directory / 'db.sqlite3'}", "sqlite", name, directory)
    source = sqlite3.connect(template.sqlite_path)
    target = sqlite3.connect(copy.sqlite_path)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return copy


# --- HTTP ---------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Reply:
    """Send one request on a new connection (sync workers close it anyway)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        payload = response.read()
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return Reply(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            payload,
            cookies,
        )
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Gunicorn -----------------------------------------------------------------


class Gunicorn:
    """gunicorn -c gunicorn.conf.py config.wsgi, as production runs it."""

    def __init__(self, env: dict[str, str], *, workers: int = 4):
        self.port = free_port()
        self.log_path = Path(
            tempfile.mkstemp(prefix="rely-gunicorn-", suffix=".log")[1]
        )
        self.env = {
            **env,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": "",
            # Recycling workers is production hygiene; here it would blur
            # which restarts the tests caused.
            "GUNICORN_MAX_REQUESTS": "0",
        }
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "config.wsgi",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log()}")
            with contextlib.suppress(OSError):
                if self.get("/healthz", timeout=5).status == 200:
                    self.wait_for_workers()
                    return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer in time:\n{self.log()}")

    def wait_for_workers(self, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while len(self.worker_pids()) < self.workers:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn has too few workers:\n{self.log()}")
            time.sleep(0.1)

    def worker_pids(self) -> list[int]:
        """Return the PIDs of the master's children: its workers."""
        master = self.process.pid
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                # The command name may hold spaces; fields after ')' are fixed.
                fields = stat.rsplit(")", 1)[1].split()
                if int(fields[1]) == master and fields[0] != "Z":
                    children.append(int(entry.name))
        return sorted(children)

    def get(self, path: str, **kwargs) -> Reply:
        return request(self.port, "GET", path, **kwargs)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None

    def close(self):
        self.stop()
        self.log_path.unlink(missing_ok=True)
