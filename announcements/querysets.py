"""Reads that the pages, feeds, sitemaps and the API share."""

from django.db import connection, models
from django.db.models import Prefetch, Q
from django.utils import timezone


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
        return self.defer("body", "body_html", "search_vector").prefetch_related(
            "topics", "speakers"
        )

    def search(self, query: str):
        """Return texts matching the words of `query`, best matches first.

        PostgreSQL ranks with its full-text index; other databases fall back to
        a match of every word in the title, summary or body.
        """
        query = (query or "").replace("\x00", "").strip()[:200]
        if not query:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            search_query = SearchQuery(query, search_type="websearch", config="english")
            return (
                self.filter(search_vector=search_query)
                .annotate(rank=SearchRank(models.F("search_vector"), search_query))
                .order_by("-rank", "-held_on", "-id")
            )
        matches = self
        for word in query.split()[:10]:
            matches = matches.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
            )
        return matches


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def by_author_email(self, email: str):
        return self.filter(author_email__iexact=email.strip())

    def shown(self):
        """Return approved comments a thread shows: replies only under approved ones."""
        return self.approved().filter(
            Q(parent__isnull=True) | Q(parent__status=self.model.Status.APPROVED)
        )

    def thread_for(self, announcement):
        """Return approved top-level comments with their approved replies."""
        approved_replies = self.model.objects.approved().order_by("created_at", "id")
        return (
            self.approved()
            .filter(announcement=announcement, parent__isnull=True)
            .order_by("created_at", "id")
            .prefetch_related(Prefetch("replies", queryset=approved_replies))
        )
