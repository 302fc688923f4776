"""Pages of long lists whose rows carry many joined columns (nominations with their unit,
nominee, award and period).

Sorting happens on the keys alone, then the page's rows are read with their joins by
primary key: the database no longer sorts every visible row at full width, which is what
made a commune's list slower as its nominations grew.

The count stops at `COUNT_CAP`: a province's reader sees every nomination of a hundred
communes, and counting them all made their list grow with the province. Past the cap the
page says "more than 10.000" and the filters narrow it; the Excel export still has all."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 10_000


def rows_sorted_by_keys(queryset: QuerySet, start: int, stop: int) -> list:
    """Rows start:stop of an ordered queryset, in its order: two queries whatever its size."""
    keys = list(queryset.values_list("pk", flat=True)[start:stop])
    found = queryset.order_by().in_bulk(keys)
    return [found[key] for key in keys if key in found]


class KeysFirstPaginator(Paginator):
    """Django's paginator, with each page read by `rows_sorted_by_keys` and the count
    stopped at `count_cap` (`count_capped` tells when there are more)."""

    count_cap = COUNT_CAP

    @cached_property
    def _counted(self) -> int:
        """Rows up to one past the cap: SELECT COUNT(*) FROM (… LIMIT cap + 1)."""
        return self.object_list.order_by()[: self.count_cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.count_cap)

    @property
    def count_capped(self) -> bool:
        return self._counted > self.count_cap

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_sorted_by_keys(self.object_list, bottom, top), number, self)
