"""Excel out: the statistics form (the grid, a sheet per commune where there are several, and
a sheet per figure listing the awards behind it) and the award register."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from nominations.models import AwardRecord, NomineeKind
from reports.models import StatisticsColumn, StatisticsForm
from reports.statistics import AuthorityGrid, Grid

DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"
BOLD = Font(bold=True)

RECORD_HEADERS = [
    "STT", "Họ và tên / tên tập thể", "Đối tượng", "Đơn vị", "Danh hiệu, hình thức", "Năm",
    "Số quyết định", "Ngày quyết định", "Cơ quan quyết định", "Tiền thưởng (đồng)", "Nguồn",
    "Ngày hủy",
]  # fmt: skip


def _cells(sheet, values: Iterable, *, bold: bool = False, money: frozenset[int] = frozenset()):
    cells = []
    for index, value in enumerate(values):
        cell = WriteOnlyCell(sheet, value=value)
        if bold:
            cell.font = BOLD
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
        elif index in money and isinstance(value, int):
            cell.number_format = MONEY_FORMAT
        cells.append(cell)
    return cells


def figure_sheet_name(row_position: int, column: StatisticsColumn) -> str:
    """ "D3-C7": the sheet listing the awards behind row 3 (by position), column 7."""
    return f"D{row_position}-C{column.code}"[:31]


def record_row(number: int, record: AwardRecord) -> list:
    return [
        number,
        str(record.nominee),
        str(NomineeKind(record.nominee_kind).label),
        record.unit.name if record.unit else "",
        record.award_type.name,
        record.year,
        record.decision_number,
        record.decision_date,
        record.issuing_authority_name,
        record.prize_amount,
        record.get_source_display(),
        record.revoked_on,
    ]


NOMINATION_HEADERS = [
    "STT", "Số hồ sơ", "Họ và tên / tên tập thể", "Đối tượng", "Đơn vị đề nghị",
    "Danh hiệu, hình thức", "Đợt thi đua", "Ngày gửi", "Trạng thái",
]  # fmt: skip


def _nominations_sheet(book: Workbook, title: str, caption: str, nominations) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(_cells(sheet, [caption], bold=True))
    sheet.append(_cells(sheet, NOMINATION_HEADERS, bold=True))
    for number, n in enumerate(nominations, 1):
        sent = timezone.localtime(n.submitted_at).date() if n.submitted_at else None
        values = [
            number, n.pk, str(n.nominee), n.get_nominee_kind_display(), n.proposing_unit.name,
            n.award_type.name, n.period.name, sent, n.get_state_display(),
        ]  # fmt: skip
        sheet.append(_cells(sheet, values))


def _records_sheet(book: Workbook, title: str, caption: str, records: Iterable[AwardRecord]):
    sheet = book.create_sheet(title[:31])
    sheet.append(_cells(sheet, [caption], bold=True))
    sheet.append(_cells(sheet, RECORD_HEADERS, bold=True))
    for number, record in enumerate(records, 1):
        sheet.append(_cells(sheet, record_row(number, record), money=frozenset({9})))


def _grid_rows(sheet, grid: Grid) -> None:
    money = frozenset(
        index + 2
        for index, column in enumerate(grid.columns)
        if column.measure == StatisticsColumn.Measure.PRIZE
    )
    sheet.append(
        _cells(sheet, ["Mã số", "Chỉ tiêu"] + [f"({c.code}) {c.label}" for c in grid.columns],
               bold=True)
    )  # fmt: skip
    for row, cells in grid.table():
        values = [row.code, row.label] + [value for _column, value in cells]
        sheet.append(_cells(sheet, values, bold=row.bold, money=money))


def statistics_xlsx(
    *,
    form: StatisticsForm,
    heading: list[str],
    grid: Grid,
    by_authority: list[AuthorityGrid],
    figures: Iterable[tuple[int, StatisticsColumn, str, QuerySet]],
) -> bytes:
    """The form as filled: its grid under the heading lines, the same grid per covered
    authority when there are several, then one sheet per non-zero figure (named by
    `figure_sheet_name`) listing its awards."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet((form.symbol or form.code)[:31])
    for line in heading:
        sheet.append(_cells(sheet, [line], bold=True))
    _grid_rows(sheet, grid)
    sheet.append([])
    sheet.append(
        ["Mỗi số liệu khác 0 có một trang tính liệt kê các khen thưởng tạo nên nó, "
         "đặt tên D<dòng>-C<cột>."]
    )  # fmt: skip
    if len(by_authority) > 1:
        for item in by_authority:
            name = item.authority.name if item.authority else "Khác"
            each = book.create_sheet(f"Xã {name}"[:31])
            each.append(_cells(each, [item.authority.full_name if item.authority else name],
                               bold=True))  # fmt: skip
            _grid_rows(each, item.grid)
    for position, column, caption, listed in figures:
        name = figure_sheet_name(position, column)
        if column.measure == StatisticsColumn.Measure.PROPOSED:
            _nominations_sheet(book, name, caption, listed)
        else:
            _records_sheet(book, name, caption, listed)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_xlsx(heading: list[str], records: Iterable[AwardRecord], totals) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sổ theo dõi khen thưởng")
    for line in heading:
        sheet.append(_cells(sheet, [line], bold=True))
    sheet.append(_cells(sheet, RECORD_HEADERS, bold=True))
    for number, record in enumerate(records, 1):
        sheet.append(_cells(sheet, record_row(number, record), money=frozenset({9})))
    summary = book.create_sheet("Tổng hợp tiền thưởng")
    summary.append(_cells(summary, ["Năm", "Nguồn", "Số khen thưởng", "Tiền thưởng (đồng)"],
                          bold=True))  # fmt: skip
    for total in totals:
        summary.append(
            _cells(summary, [total.year, total.source_label, total.awards, total.prize],
                   money=frozenset({3}))
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
