"""`make bench`: load Pressroom with wrk and report figures, not pass/fail.

Generates a synthetic corpus into a database of its own (never the demo's),
serves it with gunicorn (DEBUG off, static files collected), measures each
endpoint with `wrk`, counts SQL queries per request with Django's test client,
reads worker memory, and writes the table as JSON and Markdown under
bench/results/. Ratios are to a plain "hello" view served by the same
gunicorn in the same run, so they compare across machines better than raw
requests per second do.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

try:
    import mixed  # bench/mixed.py, beside this script (`python bench/run.py`)
except ModuleNotFoundError:  # imported as bench.run
    from bench import mixed

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
GUNICORN_LOG = WORK / "gunicorn.log"
PYTHON = sys.executable

# name, path, kind ("page", "api", "static", "post"), which corpus row it needs
ENDPOINTS = [
    ("baseline: hello view", "/bench/hello/", "base"),
    # Eight one-row ORM reads in the site's page frame: the least an uncached
    # page with the most queries allowed can cost (bench.views.floor).
    ("floor: 8 ORM reads, page frame", "/bench/floor/", "page"),
    ("static CSS (whitenoise)", "{static_css}", "static"),
    ("home", "/", "page"),
    ("announcement list", "/announcements/", "page"),
    ("search", "/announcements/?q=broadband+coverage", "page"),
    ("announcement, 50 comments", "/announcements/synthetic-00000/", "page"),
    ("indicator, 100-point series", "/indicators/synthetic-indicator-0/", "page"),
    ("indicator list", "/indicators/", "page"),
    ("policy tracker", "/actions/", "page"),
    ("topic page", "/topics/synthetic-topic-0/", "page"),
    ("API announcement list", "/api/v1/announcements/", "api"),
    ("API announcement detail", "/api/v1/announcements/synthetic-00000/", "api"),
    (
        "API observations",
        "/api/v1/observations/?indicator=synthetic-indicator-0",
        "api",
    ),
    (
        "CSV export, 100 rows",
        "/api/v1/indicators/synthetic-indicator-0/observations/?format=csv",
        "api",
    ),
    ("comment POST (API)", "/api/v1/announcements/synthetic-00001/comments/", "post"),
]

POST_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"author_name": "Bench %d", "author_email": "bench%d@synthetic.invalid", "body": "Benchmark comment %d."}',
    counter, counter, counter)
  return wrk.format(nil, nil, nil, body)
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def database_url(engine: str, scale_tag: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{WORK / f'bench-{scale_tag}.sqlite3'}"
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("PostgreSQL bench needs DATABASE_URL=postgres://...")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/pressroom_bench_{scale_tag}"))


def prepare_database(engine: str, url: str, env: dict, size: tuple) -> None:
    """Create the bench database and its corpus once; reuse it on later runs."""
    marker = WORK / f"{Path(urlsplit(url).path).name}.ready"
    if engine == "postgresql":
        import psycopg

        admin = urlsplit(url)._replace(path="/postgres").geturl()
        name = Path(urlsplit(url).path).name
        with psycopg.connect(admin, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and not marker.exists():
                connection.execute(f'DROP DATABASE "{name}"')
                exists = None
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
    elif not marker.exists():
        Path(urlsplit(url).path).unlink(missing_ok=True)
    # Also on a reused corpus: the code being measured may bring migrations.
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    if marker.exists():
        print(f"Reusing the corpus in {url}")
        return
    started = time.perf_counter()
    run(
        [
            PYTHON,
            "manage.py",
            "generate_corpus",
            "--announcements",
            str(size[0]),
            "--comments-per",
            str(size[1]),
            "--observations",
            str(size[2]),
        ],
        env,
    )
    print(f"Corpus generated in {time.perf_counter() - started:.1f} s")
    marker.write_text(datetime.datetime.now().isoformat())


def count_queries(env: dict, paths: list[str]) -> dict:
    """Return {path: [status, queries uncached, queries cached, uncached SQL ms]}.

    Counted with the test client on a warmed-up process: once with the page
    cache off, once served from it (0 queries expected).
    """
    script = (
        "import json, sys, django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "out = {}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    counts, times = [], []\n"
        "    for seconds in (0, 600):\n"
        "        settings.PAGE_CACHE_SECONDS = seconds\n"
        "        client.get(path)\n"
        "        with CaptureQueriesContext(connection) as queries:\n"
        "            response = client.get(path)\n"
        "        counts.append(len(queries))\n"
        "        times.append(sum(float(q['time']) for q in queries.captured_queries))\n"
        "    out[path] = [response.status_code, *counts, round(times[0] * 1000, 1)]\n"
        "print(json.dumps(out))\n"
    )
    result = run(
        [PYTHON, "-c", script, json.dumps(paths)],
        {
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ALLOWED_HOSTS": "testserver",
        },
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(env: dict, port: int, workers: int, worker_class: str):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "config.wsgi",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        # Its access and error logs, as a process supervisor would collect them.
        stdout=GUNICORN_LOG.open("ab"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start")


def stop_server(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def worker_memory_mb(master_pid: int) -> list[float]:
    children = subprocess.run(
        ["ps", "--ppid", str(master_pid), "-o", "rss="], capture_output=True, text=True
    ).stdout.split()
    return [round(int(kb) / 1024, 1) for kb in children]


LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def parse_wrk(output: str) -> dict:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    latencies = {}
    for percentile, value, unit in LATENCY.findall(output):
        factor = {"us": 0.001, "ms": 1, "s": 1000}[unit]
        latencies[percentile] = round(float(value) * factor, 2)
    return {
        "rps": round(float(rps.group(1)), 1) if rps else 0.0,
        "p50_ms": latencies.get("50"),
        "p99_ms": latencies.get("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def wrk(url: str, args, script: Path | None = None) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "-H",
        "Accept-Language: en",
    ]
    if script:
        command += ["-s", str(script)]
    subprocess.run(
        ["wrk", "-t1", "-c2", "-d1s", url] + (["-s", str(script)] if script else []),
        capture_output=True,
    )
    output = subprocess.run(command + [url], capture_output=True, text=True).stdout
    return parse_wrk(output)


def static_css_path(env: dict) -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def bench_pass(label: str, env: dict, args, static_css: str) -> dict:
    port = free_port()
    server = start_server(env, port, args.workers, args.worker_class)
    script = WORK / "post_comment.lua"
    script.write_text(POST_LUA)
    rows = []
    try:
        for name, path, kind in ENDPOINTS:
            path = path.format(static_css=static_css)
            if kind == "post" and label != "cached":
                continue
            url = f"http://127.0.0.1:{port}{path}"
            result = wrk(url, args, script if kind == "post" else None)
            rows.append({"endpoint": name, "path": path, "kind": kind, **result})
            print(
                f"  [{label}] {name:32s} {result['rps']:>9.1f} req/s  p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms"
            )
        memory = worker_memory_mb(server.pid)
    finally:
        stop_server(server)
    baseline = next(row["rps"] for row in rows if row["kind"] == "base") or 1.0
    for row in rows:
        row["ratio"] = round(row["rps"] / baseline, 3)
    return {"rows": rows, "worker_rss_mb": memory}


def markdown(report: dict) -> str:
    lines = [
        f"## {report['engine']} — {report['scale']} ({report['date']})",
        "",
        f"`{report['command']}` · gunicorn {report['workers']} {report['worker_class']} workers · "
        f"wrk -t{report['threads']} -c{report['connections']} -d{report['duration']}s",
        "",
        "| endpoint | cached req/s | × hello | p50 ms | p99 ms | uncached req/s | × hello | p50 ms | p99 ms | SQL queries uncached / cached | SQL ms | non-2xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    uncached = {row["endpoint"]: row for row in report["uncached"]["rows"]}
    for row in report["cached"]["rows"]:
        other = uncached.get(row["endpoint"], {})
        queries = report["queries"].get(row["path"])
        query_text = f"{queries[1]} / {queries[2]}" if queries else "—"
        sql_ms = queries[3] if queries and len(queries) > 3 else "—"
        lines.append(
            f"| {row['endpoint']} | {row['rps']:,.0f} | {row['ratio']:.2f} | {row['p50_ms']} | "
            f"{row['p99_ms']} | {other.get('rps', 0):,.0f} | {other.get('ratio', 0):.2f} | "
            f"{other.get('p50_ms', '—')} | {other.get('p99_ms', '—')} | {query_text} | {sql_ms} | "
            f"{row['non_2xx'] + other.get('non_2xx', 0)} |"
        )
    lines += [
        "",
        f"Worker memory after the run (RSS, MB): cached {report['cached']['worker_rss_mb']}, "
        f"uncached {report['uncached']['worker_rss_mb']}.",
        f"Announcement page HTML: {report['page_bytes']:,} bytes before compression.",
        "",
    ]
    if report.get("single_reader"):
        lines.append(
            "One reader at a time, uncached (wrk -t1 -c1, 1 worker): "
            + "; ".join(
                f"{name} p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms"
                for name, row in report["single_reader"].items()
            )
            + "."
        )
        lines.append("")
    if report.get("scales"):
        lines += [
            "List and search at two archive sizes (uncached, p50 ms):",
            "",
            "| endpoint | "
            + " | ".join(f"{size:,} texts" for size in report["scales"])
            + " | ratio |",
            "| --- | " + " | ".join("---:" for _ in report["scales"]) + " | ---: |",
        ]
        for name, by_size in report["scale_rows"].items():
            values = [by_size.get(str(size)) for size in report["scales"]]
            ratio = (
                f"{values[-1] / values[0]:.2f}×" if all(values) and values[0] else "—"
            )
            lines.append(
                f"| {name} | " + " | ".join(str(v) for v in values) + f" | {ratio} |"
            )
        lines.append("")
    if report.get("mixed"):
        lines += mixed.markdown(report["mixed"])
    return "\n".join(lines)


SINGLE_READER = [
    "floor: 8 ORM reads, page frame",
    "announcement list",
    "search",
    "announcement, 50 comments",
]


def single_reader(env: dict, args) -> dict:
    """Return uncached {endpoint: p50/p99} for one reader at a time.

    Under 16 connections a page's latency is mostly its wait in the queue;
    this is how long the page itself takes to answer.
    """
    port = free_port()
    server = start_server({**env, "CACHE_URL": "dummy://"}, port, 1, "sync")
    single = argparse.Namespace(**{**vars(args), "threads": 1, "connections": 1})
    results = {}
    try:
        for name, path, _ in ENDPOINTS:
            if name in SINGLE_READER:
                result = wrk(f"http://127.0.0.1:{port}{path}", single)
                results[name] = {"p50_ms": result["p50_ms"], "p99_ms": result["p99_ms"]}
                print(f"  [one reader] {name:28s} p50 {result['p50_ms']} ms")
    finally:
        stop_server(server)
    return results


def compare_scales(engine: str, env: dict, args) -> dict:
    """Return {endpoint: {announcements: uncached p50 ms}} for list and search."""
    rows: dict[str, dict[str, float]] = {}
    for size in args.compare_scale:
        corpus = (size, 1, 2000)
        url = database_url(engine, "-".join(str(n) for n in corpus))
        scale_env = {**env, "DATABASE_URL": url, "CACHE_URL": "dummy://"}
        print(f"== {engine}: list and search at {size:,} announcements")
        prepare_database(engine, url, scale_env, corpus)
        port = free_port()
        server = start_server(scale_env, port, args.workers, args.worker_class)
        try:
            for name, path, _ in ENDPOINTS:
                if name not in {"announcement list", "search"}:
                    continue
                result = wrk(f"http://127.0.0.1:{port}{path}", args)
                rows.setdefault(name, {})[str(size)] = result["p50_ms"]
                print(f"  [{size:,}] {name:20s} p50 {result['p50_ms']} ms")
        finally:
            stop_server(server)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--announcements", type=int, default=10000)
    parser.add_argument("--comments-per", type=int, default=10)
    parser.add_argument("--observations", type=int, default=200000)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
    )
    parser.add_argument(
        "--worker-class", default=os.environ.get("GUNICORN_WORKER_CLASS", "sync")
    )
    parser.add_argument(
        "--engine",
        choices=["sqlite", "postgresql", "both"],
        default="both"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite",
    )
    parser.add_argument(
        "--compare-scale",
        type=int,
        nargs="*",
        metavar="N",
        help="also time list and search (uncached p50) at these numbers of "
        "announcements, e.g. --compare-scale 1000 100000",
    )
    parser.add_argument(
        "--mixed-seconds",
        type=int,
        default=60,
        metavar="N",
        help="after the other passes, N seconds of Zipf-weighted anonymous reads "
        "while an editor writes, through Varnish and against gunicorn alone "
        "(bench/mixed.py); 0 skips it",
    )
    parser.add_argument(
        "--alert-subscribers",
        type=int,
        default=0,
        metavar="N",
        help="also time an alert to N confirmed subscribers through the task "
        "queue, with commenting and publishing timed meanwhile (bench/alerts.py, "
        "a database of its own); 0 skips it",
    )
    args = parser.parse_args()
    # A terminated bench still stops the servers it started (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    scale = f"{args.announcements:,} announcements, {args.announcements * args.comments_per:,} comments, {args.observations:,} observations"
    scale_tag = f"{args.announcements}-{args.comments_per}-{args.observations}"
    date = datetime.date.today().isoformat()
    all_markdown = []
    for engine in engines:
        url = database_url(engine, scale_tag)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_HTTPS": "0",
            "BENCH_VIEWS": "1",
            "STATIC_MANIFEST": "1",
            "COMMENT_RATE_LIMIT_ENABLED": "0",
            "API_ANON_RATE": "1000000/second",
            "API_COMMENT_RATE": "1000000/second",
            "AXES_ENABLED": "0",
            "LOG_LEVEL": "WARNING",
            # gunicorn runs with the README's deployment settings as they are:
            # an access-log line per request and workers recycled every
            # GUNICORN_MAX_REQUESTS (forked from the preloaded master).
            # The bench's own cache versions, never the development site's.
            "CACHE_VERSIONS_DIR": str(WORK / f"cache-versions-{engine}"),
        }
        print(f"== {engine}: {scale}")
        prepare_database(
            engine, url, env, (args.announcements, args.comments_per, args.observations)
        )
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        static_css = static_css_path(env)
        paths = [
            p.format(static_css=static_css)
            for _, p, kind in ENDPOINTS
            if kind in {"page", "api"}
        ]
        queries = count_queries(env, paths)
        page = "/announcements/synthetic-00000/"
        cached = bench_pass("cached", env, args, static_css)
        uncached = bench_pass(
            "uncached", {**env, "CACHE_URL": "dummy://"}, args, static_css
        )
        port = free_port()
        server = start_server(env, port, 1, "sync")
        try:
            page_bytes = len(urlopen(f"http://127.0.0.1:{port}{page}").read())
        finally:
            stop_server(server)
        single = single_reader(env, args)
        report = {
            "engine": engine,
            "scale": scale,
            "date": date,
            "command": "make bench"
            + (f' BENCH_ARGS="{" ".join(sys.argv[1:])}"' if sys.argv[1:] else ""),
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "connections": args.connections,
            "duration": args.duration,
            "queries": queries,
            "cached": cached,
            "uncached": uncached,
            "page_bytes": page_bytes,
            "single_reader": single,
            "scales": args.compare_scale or [],
            "scale_rows": compare_scales(engine, env, args)
            if args.compare_scale
            else {},
            "mixed": mixed.run_mixed(
                engine, env, args, start_server=start_server, stop_server=stop_server
            )
            if args.mixed_seconds > 0
            else None,
        }
        stem = RESULTS / f"{date}-{engine}-{scale_tag}"
        stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
        text = markdown(report)
        stem.with_suffix(".md").write_text(text)
        all_markdown.append(text)
        print(text)
        if args.alert_subscribers > 0:
            run(
                [
                    PYTHON,
                    "bench/alerts.py",
                    "--subscribers",
                    str(args.alert_subscribers),
                    "--engine",
                    engine,
                ],
                # Its own database and settings, from the caller's environment.
                dict(os.environ),
            )
    (RESULTS / "latest.md").write_text("\n".join(all_markdown))


if __name__ == "__main__":
    main()
