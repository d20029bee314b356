"""Give the test run the environment a developer's shell would otherwise supply.

Loaded with ``-p tests.testenv`` so it runs before pytest-django imports the
settings; real environment variables (CI's DATABASE_URL) still win.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CACHE_URL", "locmem://")
os.environ.setdefault("STATIC_MANIFEST", "0")
# Each test process keeps its own content version: a write in a parallel
# worker must not make this worker's cached pages look stale (or fresh).
# Set, not setdefault: xdist workers inherit the controller's environment.
os.environ["CACHE_VERSIONS_DIR"] = os.path.join(
    tempfile.gettempdir(), f"pressroom-test-cache-versions-{os.getpid()}"
)
