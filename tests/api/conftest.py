import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Answer every read afresh: these tests count queries and compare reads.

    The anonymous page cache has its own tests; one test here turns it back on.
    """
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


@pytest.fixture
def moderator_api(moderator):
    return token_client(moderator)


@pytest.fixture
def reader_api(db):
    """A signed-in user with no role: no more rights than the public."""
    return token_client(UserFactory(username="reader"))
