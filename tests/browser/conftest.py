"""Chromium through Playwright for the browser tests (marker: browser).

Debian's Chromium is used, not a downloaded one. Outside CI a machine without
it skips these tests; in CI (CI=true) a missing browser fails the run.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def chromium():
    """Start Chromium for one module of browser tests.

    Playwright's sync API runs an event loop in this thread; the live server's
    ORM calls happen in its own thread, but Django's guard cannot tell them
    apart, so the guard is relaxed while the browser is up. Module scope ends
    that as soon as the browser tests are done, so servers that later tests
    start never inherit it (check --deploy rightly refuses it).
    """
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs Chromium at {CHROMIUM} for the browser tests.")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}.")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium):
    """Return a factory of pages, each in its own browser context (own cookies)."""
    contexts = []

    def make(width=1280, locale="en-GB"):
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, locale=locale
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
