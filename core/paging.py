"""Paging helpers: a paginator that counts and chooses a page in one query."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import F
from django.db.models.expressions import OrderBy

MAX_OFFSET = 2**62


class OneQueryPaginator(Paginator):
    """Find a page's keys and the total in one query, then load those rows.

    Where the filter is costly per row (a search's match, "has a public
    figure") the database must apply it to every row anyway, to count them
    and to sort them; doing both in one query (COUNT(*) OVER ()) applies it
    once instead of twice. Only bare keys and sort values go through the
    count and the sort, computed in a subquery first: PostgreSQL otherwise
    carries each match's whole search vector through the window to rank it
    afterwards. `rows_for(keys)` then loads the page's rows with whatever
    they show. A plain list is better served by Paginator: its page query
    walks an index and stops after a page, which a window count would undo.
    """

    def __init__(self, object_list, per_page, *, rows_for, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows_for = rows_for

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if (number - 1) * self.per_page > MAX_OFFSET:
            # No table is that long, and the database's integers are not either.
            raise EmptyPage(self.error_messages["no_results"])
        keys_and_total = self._keys_and_total(offset=(number - 1) * self.per_page)
        if keys_and_total:
            self.count = keys_and_total[0][1]
        elif number == 1 and self.allow_empty_first_page:
            self.count = 0
        else:
            raise EmptyPage(self.error_messages["no_results"])
        keys = [key for key, _total in keys_and_total]
        rows = {row.pk: row for row in self.rows_for(keys)} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)

    def _keys_and_total(self, *, offset: int) -> list[tuple]:
        queryset = self.object_list
        ordering = [
            sort_term(term)
            for term in queryset.query.order_by or queryset.model._meta.ordering
        ]
        sort_values = {
            f"sort_{index}": expression
            for index, (expression, _direction) in enumerate(ordering)
        }
        inner = queryset.order_by().values(page_key=F("pk"), **sort_values)
        sql, params = inner.query.sql_with_params()
        connection = connections[queryset.db]
        quote = connection.ops.quote_name
        order_by = ", ".join(
            f"{quote(alias)} {direction}"
            for alias, (_expression, direction) in zip(
                sort_values, ordering, strict=True
            )
        )
        # OFFSET 0 keeps PostgreSQL from merging the subquery into the outer
        # query (and computing the sort values after the window after all).
        fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('page_key')}, COUNT(*) OVER () "
                f"FROM ({sql}{fence}) matches "
                f"ORDER BY {order_by or '1'} LIMIT %s OFFSET %s",
                [*params, self.per_page, offset],
            )
            return cursor.fetchall()


def first_rows(queryset, limit: int) -> tuple[list, bool]:
    """Return (the first `limit` rows of `queryset`, whether there are more)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def sort_term(term) -> tuple:
    """Return (expression, SQL direction) for an order_by() term.

    Takes "name", "-name" and expressions such as F("x").asc(nulls_last=True).
    """
    if isinstance(term, str):
        descending = term.startswith("-")
        return F(term.lstrip("-")), "DESC" if descending else "ASC"
    if isinstance(term, OrderBy):
        direction = "DESC" if term.descending else "ASC"
        if term.nulls_last:
            direction += " NULLS LAST"
        elif term.nulls_first:
            direction += " NULLS FIRST"
        return term.expression, direction
    return term, "ASC"
