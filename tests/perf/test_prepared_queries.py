"""On PostgreSQL a page's repeated queries are prepared; a search is not."""

import pytest
from django.db import connection

from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
def test_list_queries_are_prepared_and_a_search_is_planned_for_its_words(
    client, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    AnnouncementFactory(published=True, title="Broadband coverage in rural areas")
    for words in ["broadband", "coverage", "rural", "areas", "broadband", "rural"]:
        assert client.get("/announcements/", {"q": words}).status_code == 200

    statements = prepared_statements()
    # The text of the page's rows, the same for every search, is prepared...
    assert any('"announcements_announcement"."title"' in s for s in statements)
    # ...while the search that counts and chooses them is planned every time.
    assert not any("COUNT(*) OVER ()" in s for s in statements)
