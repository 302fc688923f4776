"""The statistics form as a báo cáo (DOCX/PDF) for the level above."""

from __future__ import annotations

import datetime

from councils.models import Authority
from reports.models import StatisticsColumn, StatisticsForm
from reports.papers import Paper, Table, figure
from reports.statistics import AuthorityGrid, Grid


def _shown(value: int | None) -> str:
    """A figure as printed; "—" where the row has no such figure."""
    return "—" if value is None else figure(value)


def _cells(grid: Grid) -> tuple[list[list[str]], set[int]]:
    rows, bold = [], set()
    for index, (row, cells) in enumerate(grid.table()):
        rows.append([row.code, row.label] + [_shown(value) for _column, value in cells])
        if row.bold:
            bold.add(index)
    return rows, bold


def _widths(columns: list[StatisticsColumn], total_mm: float) -> list[float]:
    label = 70.0
    each = (total_mm - 14 - label) / max(len(columns), 1)
    return [14, label] + [each] * len(columns)


def statistics_paper(
    authority: Authority,
    form: StatisticsForm,
    year: int,
    start: datetime.date,
    end: datetime.date,
    grid: Grid,
    *,
    by_authority: list[AuthorityGrid],
    day: datetime.date,
) -> Paper:
    headers = ["Mã số", "Chỉ tiêu"] + [f"({c.code}) {c.label}" for c in grid.columns]
    rows, bold = _cells(grid)
    blocks: list = []
    # The circular is cited only where it is in force on the paper's date.
    basis = f"Thực hiện {form.legal_basis}, " if form.legal_basis and form.in_force_on(day) else ""
    span = f"các quyết định từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    counted = f"năm {year} ({span})" if (start, end) == form.year_span(year) else span
    blocks.append(
        f"{basis}Ủy ban nhân dân {authority.full_name} báo cáo số lượng khen thưởng "
        f"{counted} như sau:"
    )
    blocks.append(("heading", f"{form.symbol} {form.name}".strip()))
    blocks.append(Table(headers, rows, _widths(grid.columns, 250), bold))
    if len(by_authority) > 1:
        total_row = grid.rows[0]
        blocks.append(("heading", f"Theo đơn vị hành chính ({total_row.label.lower()})"))
        per = [
            [str(n), item.authority.full_name if item.authority else "Khác"]
            + [_shown(item.grid.value(total_row, column)) for column in grid.columns]
            for n, item in enumerate(by_authority, 1)
        ]
        headers_per = ["STT", "Đơn vị hành chính"] + [c.label for c in grid.columns]
        blocks.append(Table(headers_per, per, _widths(grid.columns, 250)))
    above = authority.superior_on(day)
    return Paper(
        authority=authority,
        day=day,
        number="Số:        /BC-UBND",
        title="BÁO CÁO",
        subject=(
            f"Thống kê khen thưởng năm {year}"
            if (start, end) == form.year_span(year)
            else f"Thống kê khen thưởng từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
        ),
        blocks=blocks,
        recipients=[f"Ủy ban nhân dân {above.full_name}"] if above else [],
        landscape=True,
    )
