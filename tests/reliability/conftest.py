"""Fixtures for tests that run the site in real processes on its own database."""

import pytest

from .servers import copy_database, create_template, redis_environment


@pytest.fixture(scope="session")
def demo_template():
    """A migrated database with the demo loaded, made once per test process."""
    template = create_template()
    yield template
    template.drop()


@pytest.fixture
def demo_database(demo_template):
    """A database of this test's own, holding the demo."""
    database = copy_database(demo_template)
    yield database
    database.drop()


@pytest.fixture
def redis_cache():
    with redis_environment() as env:
        yield env
