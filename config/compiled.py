"""Small reads that Django compiles once per process instead of on every page.

Building and compiling a query costs Django a few tenths of a millisecond,
many times what the database then takes to answer a small one (a page's tag
links, a filter box's options). Where a read's SQL is the same on every
page and only its parameters change, the SQL is compiled once per shape and
run again with the new parameters.

Only reads whose columns need no converter qualify (integers and text, which
both databases hand over as Python needs them): `compiled_sql` refuses the
others, so no date or decimal ever skips its conversion.
"""

import functools
from collections.abc import Callable, Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet


def fetch_rows(
    build: Callable[..., QuerySet],
    *shape,
    params: Sequence | None = None,
    db: str = DEFAULT_DB_ALIAS,
) -> list[tuple]:
    """Return the rows of `build(*shape)`, a values_list() query, as tuples.

    `params` replace the compiled query's parameters (the same number, in
    the same order); without them the query runs as built.
    """
    sql, compiled_params = compiled_sql(build, db, *shape)
    if params is not None and len(params) != len(compiled_params):
        raise ValueError(f"{build.__name__} takes {len(compiled_params)} parameters")
    with connections[db].cursor() as cursor:
        cursor.execute(sql, compiled_params if params is None else list(params))
        return cursor.fetchall()


@functools.lru_cache(maxsize=512)
def compiled_sql(build: Callable[..., QuerySet], db: str, *shape) -> tuple[str, tuple]:
    """Return the SQL and parameters of `build(*shape)`, compiled once."""
    compiler = build(*shape).using(db).query.get_compiler(db)
    sql, params = compiler.as_sql()
    if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
        raise ValueError(f"{build.__name__} reads columns that need converting")
    return sql, tuple(params)
