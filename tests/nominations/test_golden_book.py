"""Sổ vàng numbers run on across an authority's decisions of a year and are never given twice
(domain.md §6 rule 29; issue 18 item 9)."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps

from nominations.golden_book import golden_book_numbers
from nominations.models import DecisionLine, GoldenBook, Nomination
from tests.threads import run_together
from workflow import services as workflow_services

S = Nomination.State


def _approve(world, count: int, number: str, day: datetime.date):
    rows = [world.nomination(state=S.AWAITING_DECISION) for _ in range(count)]
    decision = workflow_services.nominations_approve(
        nominations=rows, actor=world["chairman"], number=number, issued_on=day
    )
    return sorted(decision.lines.values_list("golden_book_number", flat=True))


@pytest.mark.django_db
def test_numbers_run_on_across_decisions_and_start_again_each_year(world):
    december = datetime.date(2025, 12, 20)
    assert _approve(world, 2, "45/QĐ-UBND", december) == [1, 2]
    assert _approve(world, 3, "46/QĐ-UBND", december) == [3, 4, 5]
    assert _approve(world, 1, "2/QĐ-UBND", datetime.date(2026, 1, 15)) == [1]
    assert _approve(world, 1, "47/QĐ-UBND", datetime.date(2025, 12, 30)) == [6]
    assert GoldenBook.objects.get(authority=world.commune, year=2025).last_number == 6


@pytest.mark.django_db
def test_each_authority_keeps_its_own_book(world):
    assert list(golden_book_numbers(world.commune.pk, 2026, 2)) == [1, 2]
    assert list(golden_book_numbers(world.district.pk, 2026, 1)) == [1]
    assert list(golden_book_numbers(world.commune.pk, 2026, 1)) == [3]
    with pytest.raises(ValueError, match="positive"):
        golden_book_numbers(world.commune.pk, 2026, 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_decisions_signed_at_once_never_share_a_number(world):
    day = datetime.date(2026, 3, 2)
    batches = [[world.nomination(state=S.AWAITING_DECISION) for _ in range(3)] for _ in range(2)]

    def approve(rows, number):
        return lambda: workflow_services.nominations_approve(
            nominations=[Nomination.objects.get(pk=row.pk) for row in rows],
            actor=world["chairman"],
            number=number,
            issued_on=day,
        )

    results = run_together([approve(batches[0], "10/QĐ-UBND"), approve(batches[1], "11/QĐ-UBND")])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(DecisionLine.objects.values_list("golden_book_number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_the_migration_renumbers_older_per_decision_serials_into_the_years_run(world):
    numbering = importlib.import_module(
        "nominations.migrations.0013_golden_book_per_authority_and_year"
    )
    first = _approve(world, 2, "45/QĐ-UBND", datetime.date(2024, 12, 20))
    second = _approve(world, 2, "46/QĐ-UBND", datetime.date(2024, 12, 20))
    assert (first, second) == ([1, 2], [3, 4])
    # As numbered before the book: each decision from 1.
    for decision_number in ("45/QĐ-UBND", "46/QĐ-UBND"):
        lines = DecisionLine.objects.filter(decision__number=decision_number).order_by("pk")
        for serial, line in enumerate(lines, start=1):
            DecisionLine.objects.filter(pk=line.pk).update(golden_book_number=serial)
    GoldenBook.objects.all().delete()

    numbering.number_the_books(django_apps, None)

    runs = DecisionLine.objects.order_by("decision__number", "golden_book_number")
    assert list(runs.values_list("golden_book_number", flat=True)) == [1, 2, 3, 4]
    assert GoldenBook.objects.get(authority=world.commune, year=2024).last_number == 4
