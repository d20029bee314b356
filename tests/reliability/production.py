"""Run Django in a child process under production settings.

Settings are read from the environment once, at import; a child process is
the only honest way to see what a production environment produces.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Variables a developer's shell or the test run may have set that would make
# the child something other than a fresh production process.
_INHERITED_SETTINGS = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_HTTPS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "STATIC_MANIFEST",
    "CACHE_URL",
    "ADMIN_URL",
    "TRUSTED_PROXY_COUNT",
    "CSRF_TRUSTED_ORIGINS",
}


def production_env(**overrides: str) -> dict[str, str]:
    """Return an environment like a real deployment's, HTTPS on."""
    env = {k: v for k, v in os.environ.items() if k not in _INHERITED_SETTINGS}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "press.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://press.example.org",
            "SECURE_HTTPS": "1",
        }
    )
    env.update(overrides)
    return env


def run_manage(*args: str, env: dict[str, str], timeout: float = 120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def production_settings(*names: str, **overrides: str) -> dict:
    """Return the named settings as a production process computes them."""
    script = (
        "import json\n"
        "from config import settings as s\n"
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
