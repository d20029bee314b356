"""Fuzz the live API against its own OpenAPI schema with schemathesis.

The app runs in pytest-django's live server on 127.0.0.1 with the demo loaded;
the schemathesis command line (run as a subprocess, so its Hypothesis engine
and ours never meet) sends generated requests with every built-in check on:
no server error, every status, header and body as the schema says, invalid
input refused, valid input accepted, auth not ignored.

Two things are set apart, each for a stated reason:
- Strings with NUL bytes are not generated: the API refuses them by design
  (400; PostgreSQL cannot store them), which a JSON schema cannot express.
- A 400 also counts as a proper answer to schema-valid data where validity
  depends on other rows or fields: a comment's `parent` must be an approved
  comment under the same text; an editor's slug must be unique and a period
  must end after it starts. The models check these; a schema cannot say them.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer
from rest_framework.authtoken.models import Token

from indicators.demo import load_demo
from tests.factories import UserFactory

pytestmark = pytest.mark.slow

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
SEED = 20220719
# Each run stops on its own well before this; the bound keeps CI from hanging.
RUN_TIMEOUT_SECONDS = 240

COMMON_CONFIG = """
seed = {seed}
workers = 1
request-timeout = 30

[generation]
max-examples = {max_examples}
allow-x00 = false
with-security-parameters = false
database = "none"
"""

# Anonymous clients: every operation. Writes answer 401 whatever the body, so
# the exhaustive boundary-value phase ("coverage") is spent on the reads and
# on the one public write, the comment POST.
PUBLIC_OPERATIONS = """
[[operations]]
include-method-regex = "^(PUT|PATCH|DELETE)$"
phases.coverage.enabled = false

[[operations]]
include-method = "POST"
exclude-path = "/api/v1/announcements/{slug}/comments/"
phases.coverage.enabled = false

# `parent` must name an approved top-level comment under the same text: a
# reference no schema can express, so a made-up id is rightly a 400.
[[operations]]
include-method = "POST"
include-path = "/api/v1/announcements/{slug}/comments/"
checks.positive_data_acceptance.expected-statuses = [
    "2xx", "400", "401", "403", "404", "409", "429",
]
"""

EDITOR_CHECKS = """
[phases.coverage]
enabled = false

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409"]

"""


@pytest.fixture
def fuzzable_site(transactional_db, settings):
    """Serve the app on 127.0.0.1 with the demo loaded and throttles off.

    429 stays documented in the schema; switched on here it would only turn
    the fuzzer's later requests into throttled ones.
    """
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "comments": None},
    }
    settings.COMMENT_RATE_LIMIT_ENABLED = False
    load_demo()
    server = LiveServer("127.0.0.1:0")
    try:
        yield server.url
    finally:
        server.stop()


def run_schemathesis(base_url, tmp_path, name, config, *arguments):
    config_file = tmp_path / f"{name}.toml"
    config_file.write_text(config)
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy")
    }
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config_file),
        "--no-color",
        "run",
        f"{base_url}/api/v1/schema/",
        "--checks",
        "all",
        *arguments,
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        cwd=tmp_path,
        env=environment,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def assert_no_failures(returncode, output):
    summary = output[output.rfind("SUMMARY") :]
    assert returncode == 0, output[-15000:]
    assert "Server error" not in summary
    assert "violates schema" not in summary


def test_public_api_answers_the_fuzzer_as_its_schema_says(fuzzable_site, tmp_path):
    returncode, output = run_schemathesis(
        fuzzable_site,
        tmp_path,
        "public",
        COMMON_CONFIG.format(seed=SEED, max_examples=15) + PUBLIC_OPERATIONS,
    )

    assert_no_failures(returncode, output)


def test_editor_reads_and_writes_answer_the_fuzzer_as_the_schema_says(
    fuzzable_site, tmp_path
):
    editor = UserFactory(username="fuzz-editor", roles=["Editors"])
    token = Token.objects.create(user=editor)

    returncode, output = run_schemathesis(
        fuzzable_site,
        tmp_path,
        "editor",
        COMMON_CONFIG.format(seed=SEED, max_examples=8) + EDITOR_CHECKS,
        "--header",
        f"Authorization: Token {token.key}",
    )

    assert_no_failures(returncode, output)
