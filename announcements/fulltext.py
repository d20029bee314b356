"""Full-text search on SQLite (FTS5) and planner statistics on both databases.

PostgreSQL keeps `search_vector` with a trigger and a GIN index (migration
0002). SQLite gets two FTS5 tables kept by triggers. Words in Latin letters
and digits are looked up as word prefixes in a word index ("connect" finds
"connection", as PostgreSQL's stemming does), which stays fast however large
the archive: a word's entry lists only the texts holding it. Anything else
(Chinese, which has no spaces between words; "5G-A"; "a.m.") is matched as
a literal substring through a trigram index, as the LIKE fallback would.

Django rebuilds a SQLite table to alter it, and dropping the old table drops
its triggers; `ensure_sqlite_search()` runs after every `migrate` and puts
them back (and rebuilds the index) if they went missing.
"""

from django.db import DatabaseError

FTS_TABLE = "announcement_search"
WORDS_TABLE = "announcement_words"
SOURCE_TABLE = "announcements_announcement"
# Terms shorter than a trigram cannot use the index.
MIN_TERM_LENGTH = 3

# Two indexes over the same columns: whole words (unicode61) for words in
# Latin letters and digits, trigrams for everything else (Chinese has no
# spaces between words, so it is matched as a substring).
_TOKENIZERS = {
    FTS_TABLE: "trigram",
    WORDS_TABLE: "unicode61 remove_diacritics 2",
}


def _create_table(table: str) -> str:
    return f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(
  title, summary, body,
  content='{SOURCE_TABLE}', content_rowid='id', tokenize='{_TOKENIZERS[table]}'
)
"""


def _triggers(table: str) -> dict[str, str]:
    return {
        f"{table}_ai": f"""
CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {SOURCE_TABLE} BEGIN
  INSERT INTO {table}(rowid, title, summary, body)
  VALUES (new.id, new.title, new.summary, new.body);
END
""",
        f"{table}_ad": f"""
CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {SOURCE_TABLE} BEGIN
  INSERT INTO {table}({table}, rowid, title, summary, body)
  VALUES ('delete', old.id, old.title, old.summary, old.body);
END
""",
        f"{table}_au": f"""
CREATE TRIGGER IF NOT EXISTS {table}_au
AFTER UPDATE OF title, summary, body ON {SOURCE_TABLE} BEGIN
  INSERT INTO {table}({table}, rowid, title, summary, body)
  VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO {table}(rowid, title, summary, body)
  VALUES (new.id, new.title, new.summary, new.body);
END
""",
    }


def _rebuild(table: str) -> str:
    return f"INSERT INTO {table}({table}) VALUES ('rebuild')"


# Process-wide memo of which SQLite files have the FTS table: asking on every
# search would cost a query per request.
_available: dict[str, bool] = {}


def _existing(cursor, kind: str, names) -> set[str]:
    placeholders = ", ".join("%s" for _ in names)
    cursor.execute(
        f"SELECT name FROM sqlite_master WHERE type = %s AND name IN ({placeholders})",
        [kind, *names],
    )
    return {row[0] for row in cursor.fetchall()}


def ensure_sqlite_search(connection) -> bool:
    """Create the FTS5 tables and their triggers where missing; return whether usable.

    Rebuilds an index whenever anything of it had to be created, so it always
    matches the announcements table. Without FTS5 in the SQLite build, search
    keeps its LIKE fallback.
    """
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        if SOURCE_TABLE not in connection.introspection.table_names(cursor):
            return False
        for table in _TOKENIZERS:
            triggers = _triggers(table)
            had_table = bool(_existing(cursor, "table", [table]))
            had_triggers = _existing(cursor, "trigger", list(triggers))
            if had_table and had_triggers == set(triggers):
                continue
            try:
                cursor.execute(_create_table(table))
            except DatabaseError:
                # No FTS5 (or no trigram tokenizer) in this SQLite build.
                _available[_database_key(connection)] = False
                return False
            for name, sql in triggers.items():
                if name not in had_triggers:
                    cursor.execute(sql)
            cursor.execute(_rebuild(table))
    _available[_database_key(connection)] = True
    return True


def drop_sqlite_search(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in _TOKENIZERS:
            for name in _triggers(table):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    _available.pop(_database_key(connection), None)


def _database_key(connection) -> str:
    return f"{connection.alias}:{connection.settings_dict['NAME']}"


def sqlite_search_available(connection) -> bool:
    """Return whether this SQLite database has both FTS tables (asked once)."""
    key = _database_key(connection)
    if key not in _available:
        with connection.cursor() as cursor:
            found = _existing(cursor, "table", list(_TOKENIZERS))
        _available[key] = found == set(_TOKENIZERS)
    return _available[key]


def is_plain_word(term: str) -> bool:
    """Return whether the word index can answer `term` (Latin letters, digits)."""
    return term.isascii() and term.isalnum()


def match_expression(words: list[str]) -> str:
    """Return an FTS5 query requiring every word, each as a literal substring."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def word_prefix_expression(words: list[str]) -> str:
    """Return an FTS5 query requiring, for every word, a word that starts with it."""
    return " AND ".join(f'"{word}"*' for word in words)


def update_statistics(connection) -> None:
    """Refresh the query planner's statistics (ANALYZE).

    Without them SQLite guesses, and at archive scale it guessed a plan for
    "indicators with a public figure" that took minutes instead of
    milliseconds. A full ANALYZE, not a sampled one (`analysis_limit`): the
    sampled figures led to plans ten times slower on the tracker and the
    indicator list, and the full one takes under a second at 100,000 texts.
    On PostgreSQL, VACUUM too (outside any transaction): after a bulk load it
    marks the pages all-visible, so a list's COUNT(*) reads the index alone
    (90 ms instead of 4 ms at 100,000 texts, until autovacuum came by).
    """
    statement = {"sqlite": "ANALYZE", "postgresql": "VACUUM ANALYZE"}.get(
        connection.vendor
    )
    if connection.in_atomic_block and connection.vendor == "postgresql":
        statement = "ANALYZE"  # VACUUM cannot run inside a transaction
    if statement:
        with connection.cursor() as cursor:
            cursor.execute(statement)


def after_migrate(sender, using, **kwargs) -> None:
    """Repair SQLite's search triggers and refresh its statistics (post_migrate).

    SQLite only: PostgreSQL's autovacuum keeps its own statistics. Cheap on a
    small database, under a second on a large one.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    ensure_sqlite_search(connection)
    update_statistics(connection)
