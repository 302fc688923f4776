"""Excel out: nomination lists, the awardees of a decision, the results of a meeting.

Written with openpyxl in write-only mode (rows stream; memory stays flat for long lists).
Dates are real Excel dates shown dd/mm/yyyy; money is a number shown with thousands
separators, so the sheet can be summed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from nominations.models import Decision, Nomination
from nominations.payments import prize_payments
from nominations.selectors import decision_lines

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"


def _workbook(
    title: str,
    headers: list[str],
    rows: Iterable[list],
    *,
    money: frozenset[int] = frozenset(),
    above: Iterable[list] = (),
) -> bytes:
    """One sheet: the `above` lines (a title), a bold header row, then the rows; `money` are
    the indexes of đồng columns."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for line in above:
        sheet.append(line)
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=value)
            if hasattr(value, "year"):
                cell.number_format = DATE_FORMAT
            elif index in money:
                cell.number_format = MONEY_FORMAT
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


NOMINATION_HEADERS = [
    "Số hồ sơ", "Đối tượng", "Loại đối tượng", "Danh hiệu, hình thức", "Đơn vị đề nghị",
    "Đợt thi đua", "Trạng thái", "Cơ quan đang xử lý", "Ngày gửi", "Cập nhật",
]  # fmt: skip


def nominations_xlsx(nominations: QuerySet[Nomination]) -> bytes:
    rows = (
        [
            n.pk,
            str(n.nominee),
            n.get_nominee_kind_display(),
            n.award_type.name,
            n.proposing_unit.name,
            n.period.name,
            n.get_state_display(),
            str(n.current_authority),
            _local_date(n.submitted_at),
            _local_date(n.updated_at),
        ]
        for n in nominations.iterator(chunk_size=2_000)
    )
    return _workbook("Hồ sơ đề nghị", NOMINATION_HEADERS, rows)


DECISION_HEADERS = [
    "Số sổ vàng", "Họ và tên / Tên tập thể", "Loại đối tượng", "Danh hiệu, hình thức",
    "Đơn vị", "Tiền thưởng (đồng)", "Ghi chú tiền thưởng", "Số quyết định", "Ngày ký",
]  # fmt: skip


def decision_xlsx(decision: Decision) -> bytes:
    lines = decision_lines(decision)
    rows = (
        [
            line.golden_book_number,
            str(line.nomination.nominee),
            line.nomination.get_nominee_kind_display(),
            line.nomination.award_type.name,
            line.nomination.proposing_unit.name,
            line.prize_amount,
            line.prize_note,
            decision.number,
            decision.issued_on,
        ]
        for line in lines
    )
    return _workbook("Danh sách khen thưởng", DECISION_HEADERS, rows, money=frozenset({5}))


PAYMENT_HEADERS = [
    "STT", "Họ và tên / Tên tập thể", "Đơn vị", "Danh hiệu, hình thức", "Số sổ vàng",
    "Số tiền (đồng)", "Ký nhận",
]  # fmt: skip


def prize_payments_xlsx(decision: Decision) -> bytes:
    """The danh sách chi tiền thưởng: one row per payee, then the total and in words."""
    listed = prize_payments(decision_lines(decision))
    title = [
        ["DANH SÁCH CHI TIỀN THƯỞNG"],
        [f"(Kèm theo Quyết định số {decision.number} ngày {decision.issued_on:%d/%m/%Y})"],
        [],
    ]
    rows = [
        *([p.number, p.nominee, p.unit, p.award, p.golden_book_number, p.amount, ""]
          for p in listed.payments),
        ["", "Tổng cộng", "", "", "", listed.total, ""],
        ["", f"Bằng chữ: {listed.total_in_words}."],
        *(["", f"Không chi: {nominee} — {award}", why] for nominee, award, why in listed.unpaid),
    ]  # fmt: skip
    return _workbook(
        "Danh sách chi tiền thưởng", PAYMENT_HEADERS, rows, money=frozenset({5}), above=title
    )


MEETING_HEADERS = [
    "STT", "Nội dung", "Danh hiệu, hình thức", "Bỏ phiếu kín", "Đồng ý", "Không đồng ý",
    "Không biểu quyết", "Cơ số", "Ngưỡng (%)", "Kết quả",
]  # fmt: skip


def meeting_xlsx(minutes: dict) -> bytes:
    rows = (
        [
            item["position"],
            item["title"],
            item["award"],
            "Có" if item["secret"] else "Không",
            item["yes"],
            item["no"],
            item["abstain"],
            item["base"],
            item["threshold_percent"],
            item["result"],
        ]
        for item in minutes.get("items", [])
    )
    return _workbook("Kết quả biểu quyết", MEETING_HEADERS, rows)
