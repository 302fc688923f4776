"""Sổ vàng numbers: one sequence per authority and year, across all of its decisions."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from nominations.models import GoldenBook


def golden_book_numbers(authority_id: int, year: int, count: int) -> range:
    """Take the next `count` numbers of the authority's book for `year`. Call inside the
    decision's transaction: the UPDATE locks the book's row until it commits, so two decisions
    signed at once get consecutive, distinct runs and a rolled-back one gives its run back."""
    if count < 1:
        raise ValueError("count must be positive")
    book = GoldenBook.objects.filter(authority_id=authority_id, year=year)
    if not book.update(last_number=F("last_number") + count):
        try:
            with transaction.atomic():
                GoldenBook.objects.create(authority_id=authority_id, year=year, last_number=count)
        except IntegrityError:  # another decision opened the year's book first
            book.update(last_number=F("last_number") + count)
        else:
            return range(1, count + 1)
    last = book.values_list("last_number", flat=True).get()
    return range(last - count + 1, last + 1)
