"""A statistics form is data: its counting year, its dates in force, and its shipped rows."""

from __future__ import annotations

import datetime

import pytest

from reports.models import StatisticsForm

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_counting_year_runs_from_the_first_of_december():
    form = StatisticsForm.objects.get(code="khen-thuong-trong-nam")
    assert form.year_span(2026) == (D(2025, 12, 1), D(2026, 11, 30))
    assert form.counting_year(D(2026, 11, 30)) == 2026
    assert form.counting_year(D(2026, 12, 1)) == 2027
    assert form.counting_year(D(2026, 1, 1)) == 2026


def test_a_form_whose_year_starts_in_january_counts_the_calendar_year():
    form = StatisticsForm(code="x", name="x", year_starts_month=1, year_starts_day=1)
    assert form.year_span(2025) == (D(2025, 1, 1), D(2025, 12, 31))
    assert form.counting_year(D(2025, 12, 31)) == 2025


def test_a_form_is_cited_only_while_in_force():
    form = StatisticsForm(code="x", name="x", valid_from=D(2025, 11, 23), valid_to=D(2030, 1, 1))
    assert not form.in_force_on(D(2025, 11, 22))
    assert form.in_force_on(D(2026, 12, 7))
    assert not form.in_force_on(D(2030, 1, 2))


def test_the_shipped_form_has_its_rows_and_columns_and_says_it_is_unconfirmed():
    form = StatisticsForm.objects.get(code="khen-thuong-trong-nam")
    assert form.confidence == "unconfirmed"
    assert "18/2025/TT-BNV" in form.legal_basis
    rows = list(form.rows.prefetch_related("award_types"))
    assert [r.label for r in rows][:3] == ["Tổng số", "Danh hiệu thi đua", "Chiến sĩ thi đua cơ sở"]
    # every row naming awards names catalogue awards that exist
    named = [r for r in rows if r.award_types.all()]
    assert len(named) == 11
    columns = list(form.columns.all())
    assert [c.measure for c in columns] == ["count"] * 6 + ["prize", "proposed"]
    assert columns[6].label == "Tiền thưởng (đồng)"
