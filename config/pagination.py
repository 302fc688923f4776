"""Pages of long lists whose rows carry many joined columns (nominations with their unit,
nominee, award and period).

Sorting happens on the keys alone, then the page's rows are read with their joins by
primary key: the database no longer sorts every visible row at full width, which is what
made a commune's list slower as its nominations grew."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def rows_sorted_by_keys(queryset: QuerySet, start: int, stop: int) -> list:
    """Rows start:stop of an ordered queryset, in its order: two queries whatever its size."""
    keys = list(queryset.values_list("pk", flat=True)[start:stop])
    found = queryset.order_by().in_bulk(keys)
    return [found[key] for key in keys if key in found]


class KeysFirstPaginator(Paginator):
    """Django's paginator, with each page read by `rows_sorted_by_keys`."""

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_sorted_by_keys(self.object_list, bottom, top), number, self)
