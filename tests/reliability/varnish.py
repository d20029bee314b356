"""A real varnishd on a loopback port, running the shipped VCL in front of gunicorn.

Only the site's part (backends.vcl: where the application servers are, who
may purge) is written per test; deploy/varnish/pressroom.vcl is used as
shipped, found through vcl_path.
"""

import contextlib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .servers import ROOT, Reply, free_port, request

VCL = ROOT / "deploy" / "varnish" / "pressroom.vcl"


def backends_vcl(ports: list[int], purgers: list[str]) -> str:
    """Return a backends.vcl: one backend per port, round robin between them."""
    lines = ["import directors;", ""]
    for number, port in enumerate(ports):
        lines += [
            f"backend node{number} {{",
            '    .host = "127.0.0.1";',
            f'    .port = "{port}";',
            "}",
        ]
    lines += ["", "acl purgers {", *(f'    "{address}";' for address in purgers), "}"]
    lines += ["", "sub vcl_init {", "    new nodes = directors.round_robin();"]
    lines += [f"    nodes.add_backend(node{n});" for n in range(len(ports))]
    lines += ["}", "", "sub vcl_recv {", "    set req.backend_hint = nodes.backend();"]
    lines += ["}", ""]
    return "\n".join(lines)


class Varnish:
    def __init__(self, backend_ports: list[int], *, purgers=("127.0.0.1",)):
        if not shutil.which("varnishd"):
            pytest.fail("varnishd is missing: .ci/run installs varnish")
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="rely-varnish-"))
        (self.directory / "backends.vcl").write_text(
            backends_vcl(backend_ports, list(purgers))
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> "Varnish":
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
                str(self.directory / "work"),
                "-s",
                "malloc,64m",
                "-T",
                "none",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {self.process.stdout.read()}")
            with contextlib.suppress(OSError):
                request(self.port, "GET", "/robots.txt", timeout=5)
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("varnishd did not answer in time")

    def get(self, path: str, **kwargs) -> Reply:
        return request(self.port, "GET", path, **kwargs)

    def purge(self, keys: str) -> Reply:
        return request(self.port, "PURGE", "/", headers={"xkey-purge": keys})

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        shutil.rmtree(self.directory, ignore_errors=True)


def until_fresh(fetch, is_fresh, timeout: float = 5.0) -> float | None:
    """Fetch until `is_fresh(reply)`; return the seconds it took, or None."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if is_fresh(fetch()):
            return time.monotonic() - started
        time.sleep(0.02)
    return None
