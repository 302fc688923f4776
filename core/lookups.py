"""Query pieces the ORM has no word for."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.lookups import In


class InIndexable(In):
    """`column IN (subquery)` that an index can answer even inside an OR.

    PostgreSQL runs an `IN (subquery)` under OR as a filter tested on every row, so a
    visibility test ORing several of them read the whole table. Written as
    `column = ANY(ARRAY(subquery))` the subquery runs once, before the scan, and each branch
    becomes an index scan the planner combines with the others (BitmapOr). SQLite already
    merges per-branch index reads and keeps the plain form."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)  # "(SELECT …)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def in_subquery(field: str, subquery: QuerySet) -> InIndexable:
    """Rows whose `field` is among the values `subquery` selects (a one-column `values()`).
    The subquery's default ordering is dropped: a set needs none, and PostgreSQL would sort."""
    return InIndexable(F(field), subquery.order_by())
