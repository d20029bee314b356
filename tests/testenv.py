"""Give the test run the environment a developer's shell would otherwise supply.

Loaded with ``-p tests.testenv`` so it runs before pytest-django imports the
settings; real environment variables (CI's DATABASE_URL) still win.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CACHE_URL", "locmem://")
os.environ.setdefault("STATIC_MANIFEST", "0")
