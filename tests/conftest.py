import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from announcements.roles import EDITORS, MODERATORS
from tests.factories import AnnouncementFactory, UserFactory

SEED_PATH = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "seeds"
    / "000_29c886fe84dab363.txt"
)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with an empty cache: rate limits and pages do not leak."""
    cache.clear()
    shutil.rmtree(settings.CACHE_VERSIONS_DIR, ignore_errors=True)
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request to a /zh-hans/ page leaves Chinese
    active in the thread, and names and figures now follow the active language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seed_text():
    """Return the real press text the product was designed from.

    Skips only where ../shared is absent; CI has it, so there it must run.
    """
    if not SEED_PATH.exists():
        if os.environ.get("CI"):
            pytest.fail(f"The seed text is missing in CI: {SEED_PATH}")
        pytest.skip("../shared/seeds is not present on this machine")
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def public_announcement(db):
    return AnnouncementFactory(published=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    return UserFactory(username="edith", roles=[EDITORS])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moe", roles=[MODERATORS])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
