"""Reads that the pages, feeds, sitemaps and the API share."""

from django.db import connection, models
from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language

from .fulltext import (
    FTS_TABLE,
    MIN_TERM_LENGTH,
    WORDS_TABLE,
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
        return self.filter(self.model.public_condition())

    def reachable(self):
        """Return texts with a public URL: the public ones and withdrawn ones."""
        return self.filter(
            self.model.public_condition()
            | Q(status=self.model.Status.WITHDRAWN, published_at__isnull=False)
        )

    def visible_to(self, user):
        """Return what this user may open: everything for staff, public for others."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.reachable()

    def scheduled(self):
        """Return texts published for a time still to come."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=timezone.now()
        )

    def unpublished(self):
        """Return texts in any status but published: drafts, in review, withdrawn."""
        Status = self.model.Status
        # An IN list, not "!=": both databases read it as ranges of an index.
        return self.filter(
            status__in=[
                status for status in Status.values if status != Status.PUBLISHED
            ]
        )

    def next_publication_time(self):
        """Return when the next text scheduled for later goes public, or None."""
        return (
            self.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def in_language(self, language: str):
        """Return one version of each text for a reader of `language`.

        A text and its translations are one text to a reader: lists show its
        public version in the reader's language where there is one, and the
        text as published otherwise (its `lang` marks it). Two correlated
        probes of the primary key and announcement_translation_idx, each only
        on rows in another language, so lists keep their query count.
        """
        public = self.model.objects.public()
        in_other_language = ~Q(language=language)
        original_is_public = Exists(public.filter(pk=OuterRef("translation_of_id")))
        has_version_in_language = Exists(
            public.filter(translation_of_id=OuterRef("pk"), language=language)
        )
        return self.exclude(
            in_other_language
            & (
                (Q(translation_of__isnull=False) & original_is_public)
                | (Q(translation_of__isnull=True) & has_version_in_language)
            )
        )

    def for_listing(self):
        """Return the rows a list page needs, in a fixed number of queries."""
        return self.defer(*HEAVY_TEXT_FIELDS).with_tags()

    def with_tags(self):
        """Return texts that come with `topic_list` and `speaker_list` (a query each).

        Plain lists (Prefetch's to_attr), not the related managers' cache:
        a list page of twenty texts built a manager per text and relation,
        which took as long as reading the texts (1.7 ms in-process).
        """
        return self.prefetch_related(
            Prefetch("topics", to_attr="tagged_topics"),
            Prefetch("speakers", to_attr="tagged_speakers"),
        )

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

    def _postgresql_search(self, words: list[str]):
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # PostgreSQL's English parser keeps a run of Chinese characters as one
        # token (a whole sentence), so a word from it would never match one:
        # a query with Chinese in it is looked for as substrings, its Latin
        # words too ("5G 基站": the "5G" of "5G基站" is no token of its own).
        if not all(word.isascii() for word in words):
            return self.containing_all(words).order_by("-held_on", "-id")
        latin = " ".join(words)
        matches = self
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


def versions_for_reader(texts, language: str) -> dict:
    """Map each text's pk to its public version in `language`, or to itself.

    For pages that cite texts (an indicator's sources, an action's origin):
    a reader follows the link to the version in their own language. One
    query, and none when every text cited is already in `language`.
    """
    texts = list(texts)
    shown = {text.pk: text for text in texts}
    foreign = [text for text in texts if text.language != language]
    if not foreign:
        return shown
    works = {text.translation_of_id or text.pk for text in foreign}
    model = type(foreign[0])
    versions = (
        model.objects.public()
        .filter(language=language)
        .filter(Q(pk__in=works) | Q(translation_of_id__in=works))
        .defer(*HEAVY_TEXT_FIELDS)
    )
    by_work = {version.translation_of_id or version.pk: version for version in versions}
    for text in foreign:
        shown[text.pk] = by_work.get(text.translation_of_id or text.pk, text)
    return shown


def reader_versions(texts) -> dict:
    """For templates: `versions_for_reader` in the language of the page.

    The page need not name the versions' keys: a translation published,
    withdrawn or retitled changes the keys of the pages citing its original
    (indicators.apps).
    """
    return versions_for_reader(texts, get_language())


def search_words(query: str | None) -> list[str]:
    """Return the words of a search query: at most ten, from its first 200 characters."""
    return (query or "").replace("\x00", "").strip()[:200].split()[:10]


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
