"""Chromium through Playwright for the browser tests (marker: browser).

Debian's Chromium is used, not a downloaded one. Outside CI a machine without
it skips these tests; in CI (CI=true) a missing browser fails the run.
"""

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    """Let the ORM run while Playwright's event loop is up in this thread.

    Playwright's sync API runs an event loop here; the live server's ORM calls
    happen in its own thread, but Django's guard cannot tell them apart. Set
    per test and undone after, so servers other tests start never inherit it
    (check --deploy rightly refuses it).
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs Chromium at {CHROMIUM} for the browser tests.")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium):
    """Return a factory of pages, each in its own browser context (own cookies)."""
    contexts = []

    def make(width=1280):
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, locale="en-GB"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
