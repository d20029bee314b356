"""Reads that the pages, feeds, sitemaps and the API share."""

from django.db import DEFAULT_DB_ALIAS, connection, models
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.db.models.query import ModelIterable
from django.utils import timezone

from config.compiled import fetch_rows

from .fulltext import (
    FTS_TABLE,
    MIN_TERM_LENGTH,
    WORDS_TABLE,
    count_public_texts,
    in_listing_order_matching,
    is_plain_word,
    match_expression,
    sqlite_search_available,
    word_prefix_expression,
)

# An announcement's long columns: what only its own page (or search) reads.
HEAVY_TEXT_FIELDS = ("body", "body_html", "search_vector")
# For rows that cite their text (figures, actions) and select_related it: the
# text is named, linked and dated there, never shown whole.
SOURCE_TEXT_DEFERRED = tuple(f"announcement__{name}" for name in HEAVY_TEXT_FIELDS)


class AnnouncementQuerySet(models.QuerySet):
    def public(self):
        """Return texts the public may read now: published and due."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def reachable(self):
        """Return texts with a public URL: the public ones and withdrawn ones."""
        return self.filter(
            Q(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())
            | Q(status=self.model.Status.WITHDRAWN, published_at__isnull=False)
        )

    def visible_to(self, user):
        """Return what this user may open: everything for staff, public for others."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.reachable()

    def for_listing(self):
        """Return the rows a list page needs, in a fixed number of queries."""
        return self.defer(*HEAVY_TEXT_FIELDS).with_tags()

    def with_tags(self):
        """Return texts that come with their topics and speakers (one query each).

        `.topics.all()` and `.speakers.all()` then read no more, as after
        prefetch_related("topics", "speakers"), which builds a related
        manager and a queryset per text and relation: on a list page of 20
        texts that machinery cost more than every query of the page.
        """
        clone = self._chain()
        clone._iterable_class = WithTagsIterable
        return clone

    def search(self, query: str):
        """Return texts matching the words of `query`, best matches first.

        PostgreSQL ranks Latin-script words with its full-text index. SQLite
        matches every word in the title, summary or body through its FTS5
        indexes (newest first; see announcements.fulltext), or with LIKE where
        FTS5 is missing. On both, a word in other scripts (Chinese has no
        spaces between words) is found anywhere in the text.
        """
        words = search_words(query)
        if not words:
            return self
        if connection.vendor == "postgresql":
            return self._postgresql_search(words)
        matches = self
        if connection.vendor == "sqlite" and sqlite_search_available(connection):
            # Words of three or more characters come from an FTS5 index: plain
            # words from the word index (as prefixes), the rest from the
            # trigram index (as substrings). Shorter ones (rare, and cheap to
            # check on the few rows left) use LIKE.
            indexed = [word for word in words if len(word) >= MIN_TERM_LENGTH]
            plain = [word for word in indexed if is_plain_word(word)]
            literal = [word for word in indexed if not is_plain_word(word)]
            for table, expression in [
                (WORDS_TABLE, plain and word_prefix_expression(plain)),
                (FTS_TABLE, literal and match_expression(literal)),
            ]:
                if expression:
                    matches = matches.filter(
                        pk__in=RawSQL(
                            f"SELECT rowid FROM {table} WHERE {table} MATCH %s",
                            [expression],
                        )
                    )
            words = [word for word in words if len(word) < MIN_TERM_LENGTH]
        return matches.containing_all(words)

    def public_word_search(self, query: str, *, rows_needed: int):
        """Return (public texts matching `query`, how many) on SQLite, or None.

        For a search of plain words alone (no other filter), whose matches in
        a large archive can be thousands: the total comes from the word index
        (see count_public_texts) and, where the matches are many, the
        texts are found by walking the list's index newest first until
        `rows_needed` are found, instead of looking every match up and
        sorting them all. The texts and their order are those of
        `public().search(query)`. None where this does not apply (another
        database, other kinds of words): use search().
        """
        words = search_words(query)
        if not (
            words
            and connection.vendor == "sqlite"
            and sqlite_search_available(connection)
            and all(len(w) >= MIN_TERM_LENGTH and is_plain_word(w) for w in words)
        ):
            return None
        expression = word_prefix_expression(words)
        now = timezone.now()
        total, highest_id = self._count_public_on_sqlite(now, matching=expression)
        public = self.filter(status=self.model.Status.PUBLISHED, published_at__lte=now)
        # Walking visits about rows_needed / (share of texts matching) index
        # entries; looking matches up costs several times more per match.
        walked = rows_needed * highest_id / total if total else highest_id
        if walked > MATCH_LOOKUP_COST * total:
            return public.search(query), total
        matching = RawSQL(
            in_listing_order_matching(expression),
            [expression],
            output_field=models.BooleanField(),
        )
        return public.filter(matching), total

    def public_count(self) -> int:
        """Return how many texts the public may read now, of all texts.

        On SQLite by subtraction (see count_public_texts), which stays cheap
        as the archive grows; PostgreSQL counts them through
        announcement_public_idx (an index-only scan) either way.
        """
        if self.query.has_filters() or connection.vendor != "sqlite":
            return self.public().count()
        return self._count_public_on_sqlite(timezone.now())[0]

    def _count_public_on_sqlite(self, now, *, matching=None) -> tuple[int, int]:
        Status = self.model.Status
        return count_public_texts(
            connection,
            hidden_statuses=[s for s in Status.values if s != Status.PUBLISHED],
            published_status=Status.PUBLISHED,
            now=now,
            matching=matching,
        )

    def _postgresql_search(self, words: list[str]):
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # PostgreSQL's English parser keeps a run of Chinese characters as one
        # token (a whole sentence), so a word from it would never match one:
        # such words are looked for as substrings instead.
        latin = " ".join(word for word in words if word.isascii())
        matches = self.containing_all([word for word in words if not word.isascii()])
        if not latin:
            return matches.order_by("-held_on", "-id")
        search_query = SearchQuery(latin, search_type="websearch", config="english")
        return (
            matches.filter(search_vector=search_query)
            .annotate(rank=SearchRank(models.F("search_vector"), search_query))
            .order_by("-rank", "-held_on", "-id")
        )

    def containing_all(self, words: list[str]):
        """Return texts whose title, summary or body contains every word (LIKE)."""
        matches = self
        for word in words:
            matches = matches.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
            )
        return matches


# How many listing-index entries a walk may visit per match it spares looking
# up by id. Measured on SQLite, a lookup and its share of the sort cost about
# eight entries' worth; five leans towards the lookups, whose cost is known.
# See AnnouncementQuerySet.public_word_search.
MATCH_LOOKUP_COST = 5


def search_words(query: str | None) -> list[str]:
    """Return the words of a search query: at most ten, from its first 200 characters."""
    return (query or "").replace("\x00", "").strip()[:200].split()[:10]


class WithTagsIterable(ModelIterable):
    """Texts, each with its topics and speakers in the prefetch cache."""

    def __iter__(self):
        texts = list(super().__iter__())
        attach_tags(texts)
        yield from texts


def attach_tags(texts) -> None:
    """Put each text's topics and speakers where `.all()` finds prefetched rows.

    One query per relation, on its link table joined to the tag and ordered
    as the tag model orders itself. The rows come as tuples and a topic or
    speaker shared by several texts is built once: a page's twenty texts
    share a handful of tags.
    """
    if not texts:
        return
    model = type(texts[0])
    db = texts[0]._state.db or DEFAULT_DB_ALIAS
    by_pk = {text.pk: text for text in texts}
    for relation in ("topics", "speakers"):
        tag_model = model._meta.get_field(relation).related_model
        columns = [f.attname for f in tag_model._meta.concrete_fields]
        # Compiled once per relation and page size; only the ids change.
        links = fetch_rows(
            tag_links, model, relation, len(by_pk), params=list(by_pk), db=db
        )
        tags, built = {pk: [] for pk in by_pk}, {}
        for text_pk, *values in links:
            instance = built.get(values[0])
            if instance is None:
                instance = built[values[0]] = tag_model.from_db(db, columns, values)
            tags[text_pk].append(instance)
        for pk, text in by_pk.items():
            # The shape prefetch_related leaves: a queryset holding its rows.
            rows = tag_model._default_manager.all()
            rows._result_cache = tags[pk]
            rows._prefetch_done = True
            text.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = rows


def tag_links(model, relation: str, count: int):
    """Return (text id, tag columns...) rows linking `count` texts to their tags.

    Ordered as the tag model orders itself; the texts' ids are placeholders
    (1 to count) for `fetch_rows` to replace with a page's.
    """
    field = model._meta.get_field(relation)
    tag_model = field.related_model
    tag = field.m2m_reverse_field_name()
    columns = [f.attname for f in tag_model._meta.concrete_fields]
    return (
        field.remote_field.through.objects.filter(
            **{f"{field.m2m_field_name()}__in": range(1, count + 1)}
        )
        .order_by(*[f"{tag}__{name}" for name in tag_model._meta.ordering], tag)
        .values_list(field.m2m_field_name(), *[f"{tag}__{c}" for c in columns])
    )


# What a comment thread shows: never the email, address or spam verdicts, which
# also saves decoding the verdicts' JSON for every comment.
THREAD_FIELDS = [
    "announcement",
    "parent",
    "author_name",
    "author_url",
    "body",
    "status",
    "created_at",
]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def by_author_email(self, email: str):
        """Return the comments left with this email, whatever its letter case.

        LOWER(author_email) on both sides is what comment_author_email_idx
        indexes, so the lookup stays one index probe in a large archive.
        """
        return self.alias(author_email_lower=Lower("author_email")).filter(
            author_email_lower=Lower(Value(email.strip()))
        )

    def shown(self):
        """Return approved comments a thread shows: replies only under approved ones."""
        return self.approved().filter(
            Q(parent__isnull=True) | Q(parent__status=self.model.Status.APPROVED)
        )

    def thread_for(self, announcement):
        """Return approved top-level comments, each with its `shown_replies`.

        One query, whatever the number of comments: the whole approved thread
        of the text comes in order through the thread index and is nested
        here. Replies show only under an approved first-level comment.
        """
        thread = (
            self.approved()
            .filter(announcement=announcement)
            .only(*THREAD_FIELDS)
            .order_by("created_at", "id")
        )
        top_level = {}
        replies = []
        for comment in thread:
            if comment.parent_id is None:
                comment.shown_replies = []
                top_level[comment.pk] = comment
            else:
                replies.append(comment)
        for reply in replies:
            parent = top_level.get(reply.parent_id)
            if parent is not None:
                parent.shown_replies.append(reply)
        return list(top_level.values())
