"""axe-core in a real browser: the reader's pages have no violation it finds.

axe-core comes from npm (package.json; `make test` installs it into
node_modules). Outside CI a machine without it skips these tests; in CI
(CI=true) a missing axe-core fails the run, like a missing Chromium.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from announcements.roles import ensure_roles
from indicators.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# What axe checks: WCAG 2.x A and AA, and its own best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = (
            "axe-core is missing (node_modules/axe-core/axe.min.js): run "
            "`npm install --no-audit --no-fund` (make test does)."
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def demo(settings, tmp_path):
    # Transactional tests flush every table, the roles' groups included.
    ensure_roles()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return load_demo()


@pytest.fixture
def demo_media(demo):
    call_command("load_demo_media", stdout=io.StringIO())
    return demo


def violations_on(page, axe_source) -> list[dict]:
    # Evaluated through the DevTools protocol, which the page's CSP (no
    # inline scripts) does not govern, as an extension's script would be.
    page.evaluate(axe_source)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


def report(violations) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_no_violations(page, axe_source):
    violations = violations_on(page, axe_source)
    assert not violations, report(violations)


def test_seed_announcement_with_figures_marked_in_its_body(
    live_server, new_page, demo, axe_source
):
    page = new_page()
    page.goto(live_server.url + demo.get_absolute_url())
    # The figures are links inside the text (indicators/marks.py).
    assert page.locator("article a[href*='/indicators/']").count() > 0
    assert_no_violations(page, axe_source)


def test_indicator_page_with_its_chart(live_server, new_page, demo, axe_source):
    page = new_page()
    page.goto(live_server.url + "/indicators/5g-base-stations/")
    assert page.locator('svg[role="img"]').count() > 0
    assert_no_violations(page, axe_source)


def test_home_page(live_server, new_page, demo, axe_source):
    page = new_page()
    page.goto(live_server.url + "/")
    assert_no_violations(page, axe_source)


def test_announcement_with_a_lead_image_and_attachments(
    live_server, new_page, demo_media, axe_source
):
    page = new_page()
    page.goto(live_server.url + demo_media.get_absolute_url())
    assert page.locator(".lead-image img").count() == 1
    assert page.locator(".attachment-list a").count() > 0
    assert_no_violations(page, axe_source)


def test_a_narrow_screen_announcement_with_media(
    live_server, new_page, demo_media, axe_source
):
    page = new_page(width=360)
    page.goto(live_server.url + demo_media.get_absolute_url())
    assert_no_violations(page, axe_source)
