"""Search through the database's full-text index (FTS5 on SQLite, GIN on PostgreSQL)."""

import datetime

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler
from django.urls import reverse
from django.utils import timezone

from announcements import fulltext
from announcements.models import Announcement
from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("announcements:announcement_list")


def found(query: str) -> set[str]:
    return set(
        Announcement.objects.public().search(query).values_list("title", flat=True)
    )


def test_search_finds_a_word_in_title_summary_or_body():
    AnnouncementFactory(published=True, title="Broadband reaches villages")
    AnnouncementFactory(published=True, title="Ports", summary="Broadband at sea.")
    AnnouncementFactory(published=True, title="Mines", body="Broadband underground.")
    AnnouncementFactory(published=True, title="Harvest", body="Grain rose.")

    assert found("broadband") == {"Broadband reaches villages", "Ports", "Mines"}


def test_search_needs_every_word():
    AnnouncementFactory(published=True, title="Grain reserves", body="Stable supply.")
    AnnouncementFactory(published=True, title="Grain prices", body="Prices fell.")

    assert found("grain supply") == {"Grain reserves"}
    assert found("grain") == {"Grain reserves", "Grain prices"}


def hidden_steel_texts() -> list[str]:
    """Create a text on steel in each state the public may not read; return titles."""
    texts = [
        AnnouncementFactory(title="Steel draft"),
        AnnouncementFactory(
            title="Steel in review", status=Announcement.Status.IN_REVIEW
        ),
        AnnouncementFactory(
            title="Steel scheduled",
            status=Announcement.Status.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
        AnnouncementFactory(
            title="Steel withdrawn",
            status=Announcement.Status.WITHDRAWN,
            published_at=timezone.now() - datetime.timedelta(days=1),
            withdrawn_reason="Retracted.",
        ),
    ]
    return [text.title for text in texts]


def test_search_never_finds_drafts_scheduled_or_withdrawn_texts():
    hidden_steel_texts()
    AnnouncementFactory(published=True, title="Public on steel")

    assert found("steel") == {"Public on steel"}


def test_search_follows_edits_and_deletions():
    text = AnnouncementFactory(published=True, title="Coal output", body="Mines.")

    text.title = "Solar output"
    text.save()
    after_edit = (found("coal"), found("solar"))
    text.delete()

    assert after_edit == (set(), {"Solar output"})
    assert found("solar") == set()


@pytest.mark.parametrize("query", ['"AND"', "NEAR( *", 'a"b OR -', "5G", "^title:x"])
def test_search_syntax_in_a_query_is_never_an_error(query):
    AnnouncementFactory(published=True, title="Nothing to see", body="y")

    assert "Nothing to see" not in found(query)


def test_search_syntax_is_taken_as_each_database_reads_it():
    AnnouncementFactory(published=True, title='The "AND" rule: 5G OR 4G', body="x")
    AnnouncementFactory(published=True, title="Nothing to see", body="y")

    assert found("5G OR") == {'The "AND" rule: 5G OR 4G'}
    # SQLite takes quotes literally; PostgreSQL reads a quoted phrase, and
    # "and" alone is a stop word there, which finds nothing rather than all.
    expected = {'The "AND" rule: 5G OR 4G'} if connection.vendor == "sqlite" else set()
    assert found('"AND"') == expected


def test_search_page_shows_the_matches_on_either_database(client):
    AnnouncementFactory(published=True, title="Broadband reaches villages")
    AnnouncementFactory(published=True, title="Harvest figures", body="Grain rose.")

    response = client.get(LIST_URL, {"q": "broadband"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Broadband reaches villages" in text
    assert "Harvest figures" not in text
    assert "1 announcement matches." in text


def test_search_finds_words_by_their_start_through_the_full_text_index():
    AnnouncementFactory(published=True, title="Connected villages")
    AnnouncementFactory(published=True, title="Interconnection of grids")

    sql = str(Announcement.objects.search("connect").query)

    index = fulltext.WORDS_TABLE if connection.vendor == "sqlite" else "search_vector"
    assert index in sql
    # A word's start (SQLite) or its stem (PostgreSQL), never its middle.
    assert found("connect") == {"Connected villages"}
    assert found("interconnection grids") == {"Interconnection of grids"}


def test_search_finds_chinese_and_symbols_anywhere_in_a_text():
    AnnouncementFactory(published=True, title="国务院新闻办公室举行新闻发布会")
    AnnouncementFactory(published=True, title="Networks", body="Rolling out 5G-A.")
    AnnouncementFactory(published=True, title="Nothing to see", body="y")

    assert found("新闻发布") == {"国务院新闻办公室举行新闻发布会"}
    assert found("新闻 发布会") == {"国务院新闻办公室举行新闻发布会"}
    assert found("5G-A") == {"Networks"}


def test_sqlite_search_index_is_rebuilt_when_its_triggers_went_missing(tmp_path):
    # A SQLite database of its own, whatever database the suite runs on: the
    # repair is SQLite's, and runs after every migrate there.
    sqlite = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "db"}}
    )["default"]
    try:
        with sqlite.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE {fulltext.SOURCE_TABLE} "
                "(id INTEGER PRIMARY KEY, title TEXT, summary TEXT, body TEXT)"
            )
            assert fulltext.ensure_sqlite_search(sqlite)
            cursor.execute(f"DROP TRIGGER {fulltext.WORDS_TABLE}_ai")
            cursor.execute(f"DROP TRIGGER {fulltext.FTS_TABLE}_ai")
            insert = f"INSERT INTO {fulltext.SOURCE_TABLE} VALUES (%s, %s, '', '')"
            cursor.execute(insert, [1, "Written while the index slept"])

            assert fulltext.ensure_sqlite_search(sqlite)
            cursor.execute(insert, [2, "Written after the repair 新闻"])

            for table, term in [
                (fulltext.WORDS_TABLE, '"written"*'),
                (fulltext.FTS_TABLE, '"ritte"'),
            ]:
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid",
                    [term],
                )
                assert [row[0] for row in cursor.fetchall()] == [1, 2], table
    finally:
        sqlite.close()


def test_search_pages_count_every_match_and_keep_the_order(client):
    start = datetime.date(2020, 1, 1)
    for day in range(25):
        AnnouncementFactory(
            published=True,
            title=f"Tariff note {day:02d}",
            summary="Tariffs.",
            held_on=start + datetime.timedelta(days=day),
        )
    AnnouncementFactory(published=True, title="Harvest", summary="Grain.")

    first = client.get(LIST_URL, {"q": "tariff"}).content.decode()
    second = client.get(LIST_URL, {"q": "tariff", "page": 2}).content.decode()
    beyond = client.get(LIST_URL, {"q": "tariff", "page": 3})

    assert "25 announcements match." in first
    titles = [f"Tariff note {day:02d}" for day in range(24, -1, -1)]
    assert [t for t in titles if t in first] == titles[:20]
    assert [t for t in titles if t in second] == titles[20:]
    assert positions(first, titles[:20]) == sorted(positions(first, titles[:20]))
    assert beyond.status_code == 404


def positions(text: str, needles: list[str]) -> list[int]:
    return [text.index(needle) for needle in needles]


def test_search_page_counts_and_lists_only_public_matches_newest_first(client):
    start = datetime.date(2021, 3, 1)
    public = [
        AnnouncementFactory(
            published=True,
            title=f"Steel output {day:02d}",
            held_on=start + datetime.timedelta(days=day),
        ).title
        for day in range(22)
    ]
    hidden = hidden_steel_texts()
    AnnouncementFactory(published=True, title="Harvest", summary="Grain.")

    first = client.get(LIST_URL, {"q": "steel"}).content.decode()
    second = client.get(LIST_URL, {"q": "steel", "page": 2}).content.decode()

    newest_first = public[::-1]
    assert "22 announcements match." in first
    assert [t for t in newest_first if t in first] == newest_first[:20]
    assert positions(first, newest_first[:20]) == sorted(
        positions(first, newest_first[:20])
    )
    assert [t for t in newest_first if t in second] == newest_first[20:]
    for title in hidden:
        assert title not in first + second
