"""Certificates printed on pre-printed blanks (phôi).

Communes buy their Giấy khen and Bằng chứng nhận stock ready printed (border, Quốc huy, fixed
lines) and print only the variable text on it. A layout says where each piece of text goes,
in millimetres from the sheet's left and top edges to the text's baseline; a printer profile
says how far that printer shifts what it prints, measured on the calibration page. The PDF
holds only the text (one page per awardee, all of a decision's in one file); the preview
draws the same text over the authority's scan of the blank, without the printer's shift.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from accounts.models import User
from audit.services import audit_event_record
from core.errors import InvalidInput
from councils.models import Authority
from nominations.documents.contexts import certificates_context
from nominations.models import CertificateField, CertificateLayout, Decision, PrinterProfile

C = CertificateField.Content
# The built-in layout, for an authority that has drawn none: the positions of the bundled
# full-page certificate (A4 landscape) where a blank leaves its space empty. An authority
# measures its own blank and enters its own layout (admin: Bố cục in trên phôi).
DEFAULT_FIELDS = [
    # content, x, y, align, size, bold, italic
    (C.NAME, 148.5, 108, "center", 20, True, False),
    (C.POSITION, 148.5, 117, "center", 15, False, False),
    (C.ACHIEVEMENT, 148.5, 126, "center", 15, False, True),
    (C.DECISION, 25, 160, "left", 13, True, True),
    (C.DECIDED_ON, 25, 166, "left", 13, True, True),
    (C.GOLDEN_BOOK, 25, 172, "left", 13, True, True),
    (C.PLACE_DATE, 205, 150, "center", 14, True, True),
    (C.SIGNER_CAPACITY, 205, 157, "center", 14, True, False),
    (C.SIGNER_POSITION, 205, 163, "center", 14, True, False),
    (C.SIGNER_NAME, 205, 190, "center", 14, True, False),
]
FONT = "LiberationSerif"  # Times New Roman's metrics, every Vietnamese letter
_STYLES = {
    (False, False): ("", "Regular"),
    (True, False): ("-Bold", "Bold"),
    (False, True): ("-Italic", "Italic"),
    (True, True): ("-BoldItalic", "BoldItalic"),
}


@dataclass(frozen=True)
class Placed:
    """One field of a layout, as drawn."""

    content: str
    x_mm: Decimal
    y_mm: Decimal
    align: str
    font_size: Decimal
    bold: bool
    italic: bool


@dataclass(frozen=True)
class Layout:
    name: str
    width_mm: Decimal
    height_mm: Decimal
    fields: tuple[Placed, ...]
    scan: object | None  # the FieldFile of the blank's scan, for previews


def font_name(bold: bool, italic: bool) -> str:
    suffix, file_style = _STYLES[(bold, italic)]
    name = f"{FONT}{suffix}"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = Path(settings.DOCUMENT_FONT_DIR) / f"{FONT}-{file_style}.ttf"
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _default_layout() -> Layout:
    fields = tuple(
        Placed(content, Decimal(str(x)), Decimal(str(y)), align, Decimal(size), bold, italic)
        for content, x, y, align, size, bold, italic in DEFAULT_FIELDS
    )
    return Layout(_("Bố cục mặc định (A4 ngang)"), Decimal(297), Decimal(210), fields, None)


def authority_chain(authority: Authority) -> list[int]:
    """The authority and those above it, nearest first."""
    chain: list[int] = []
    current: Authority | None = authority
    while current is not None:
        chain.append(current.pk)
        current = current.parent
    return chain


def printers_for(authority: Authority) -> list[PrinterProfile]:
    """The printers an authority may print with: its own and those of the levels above."""
    return list(
        PrinterProfile.objects.filter(authority_id__in=authority_chain(authority)).order_by("name")
    )


def layout_rows_for(
    authority: Authority, award_type_ids: set[int], *, with_fields: bool = False
) -> dict[int, CertificateLayout | None]:
    """The layout row each award type prints with: the authority's own for that award, else
    its layout for every award, else the same from the authorities above it; None: the
    built-in default. Key 0 asks for the layout of every award."""
    chain = authority_chain(authority)
    rows = CertificateLayout.objects.filter(authority_id__in=chain).select_related("authority")
    if with_fields:
        rows = rows.prefetch_related("fields")
    rows = list(rows)
    found: dict[int, CertificateLayout | None] = {}
    for award_id in award_type_ids:
        ranked = sorted(
            (row for row in rows if row.award_type_id in (award_id, None)),
            key=lambda row: (chain.index(row.authority_id), row.award_type_id is None),
        )
        found[award_id] = ranked[0] if ranked else None
    return found


def layouts_for(authority: Authority, award_type_ids: set[int]) -> dict[int, Layout]:
    """The layout each award type prints with (see layout_rows_for), ready to draw."""
    rows = layout_rows_for(authority, award_type_ids, with_fields=True)
    return {key: _layout(row) if row else _default_layout() for key, row in rows.items()}


def _layout(row: CertificateLayout) -> Layout:
    fields = tuple(
        Placed(f.content, f.x_mm, f.y_mm, f.align, f.font_size, f.bold, f.italic)
        for f in row.fields.all()
    )
    return Layout(row.name, row.page_width_mm, row.page_height_mm, fields, row.blank_scan or None)


def _values(context: dict, line: dict) -> dict[str, str]:
    signing = context["signing"]
    return {
        C.HEADING: signing["heading"],
        C.VERB: line["verb"],
        C.TITLE: line["title"],
        C.NAME: line["name"],
        C.POSITION: line["position"],
        C.ACHIEVEMENT: line["achievement"],
        C.DECISION: f"Quyết định số {context['number']}",
        C.DECIDED_ON: context["decided_on"],
        C.GOLDEN_BOOK: f"Số sổ vàng: {line['golden_book_number']}",
        C.PLACE_DATE: context["place_date"],
        C.SIGNER_CAPACITY: signing["capacity"],
        C.SIGNER_POSITION: signing["position"],
        C.SIGNER_NAME: signing["name"],
    }


def _draw(canvas: Canvas, field: Placed, text: str, height: float, shift: tuple) -> None:
    canvas.setFont(font_name(field.bold, field.italic), float(field.font_size))
    x = float(field.x_mm + shift[0]) * mm
    y = height - float(field.y_mm + shift[1]) * mm  # PDF measures up from the bottom
    if field.align == CertificateField.Align.LEFT:
        canvas.drawString(x, y, text)
    elif field.align == CertificateField.Align.RIGHT:
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawCentredString(x, y, text)


NO_SHIFT = (Decimal(0), Decimal(0))


def _sheet(
    canvas: Canvas, layout: Layout, values: dict[str, str], *, shift: tuple = NO_SHIFT,
    over_scan: bool = False, frame: bool = False,
) -> None:  # fmt: skip
    """One page of the layout's size with its text from `values`, moved by `shift`; over the
    blank's scan if asked, else (with `frame`) a thin line along the sheet's edge."""
    width, height = float(layout.width_mm) * mm, float(layout.height_mm) * mm
    canvas.setPageSize((width, height))
    if over_scan and layout.scan:
        with layout.scan.open("rb") as scan:
            canvas.drawImage(ImageReader(io.BytesIO(scan.read())), 0, 0, width, height)
    elif frame:
        canvas.setStrokeColor(_GRID)
        canvas.rect(1, 1, width - 2, height - 2)
    canvas.setFillColor(black)
    for field in layout.fields:
        if text := values.get(field.content, ""):
            _draw(canvas, field, text, height, shift)
    canvas.showPage()


def certificates_on_blank(
    decision: Decision, *, printer: PrinterProfile | None = None, preview: bool = False
) -> bytes:
    """Every awardee's certificate text, one page each, at its layout's positions shifted by
    the printer's offsets; a preview draws it over the blank's scan, unshifted."""
    context = certificates_context(decision)
    if not context["lines"]:
        raise InvalidInput(_("Quyết định này không có giấy khen hay bằng chứng nhận để in."))
    layouts = layouts_for(decision.authority, {line["award_type_id"] for line in context["lines"]})
    shift = (printer.offset_x_mm, printer.offset_y_mm) if printer and not preview else NO_SHIFT
    out = io.BytesIO()
    # The same input prints the same bytes; no Helvetica (reportlab's default) in the file.
    canvas = Canvas(out, invariant=1, initialFontName=font_name(False, False))
    canvas.setTitle(f"Giấy khen, bằng - Quyết định số {decision.number}")
    for line in context["lines"]:
        layout = layouts[line["award_type_id"]]
        _sheet(canvas, layout, _values(context, line), shift=shift, over_scan=preview)
    canvas.save()
    return out.getvalue()


def certificates_print(
    *, decision: Decision, actor: User, printer: PrinterProfile | None = None
) -> bytes:
    """The print-on-blank PDF, recorded in the audit log: who printed which decision's
    certificates, on which printer."""
    pdf = certificates_on_blank(decision, printer=printer)
    audit_event_record(
        actor=actor,
        action="certificates.print_on_blank",
        target=decision,
        authority=decision.authority,
        payload={"printer": printer.name if printer else "", "bytes": len(pdf)},
    )
    return pdf


# What a layout's try-out sheet prints in each place: text of a typical length, so the office
# sees where a real certificate's lines will fall before printing one.
SAMPLE_TEXTS = {
    C.HEADING: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …",
    C.VERB: "TẶNG",
    C.TITLE: "GIẤY KHEN",
    C.NAME: "Bà Nguyễn Thị Minh Khai",
    C.POSITION: "Giáo viên Trường Tiểu học xã …",
    C.ACHIEVEMENT: "Đã có thành tích xuất sắc trong phong trào thi đua năm 2026",
    C.DECISION: "Quyết định số 123/QĐ-UBND",
    C.DECIDED_ON: "ngày 15 tháng 12 năm 2026",
    C.GOLDEN_BOOK: "Số sổ vàng: 12",
    C.PLACE_DATE: "…, ngày 15 tháng 12 năm 2026",
    C.SIGNER_CAPACITY: "KT. CHỦ TỊCH",
    C.SIGNER_POSITION: "PHÓ CHỦ TỊCH",
    C.SIGNER_NAME: "Trần Văn Bình",
}


def layout_sample(row: CertificateLayout) -> bytes:
    """One sheet of the layout with sample text over the blank's scan (a thin frame marks
    the sheet's edge when there is no scan): for checking positions, never printed on a blank."""
    layout = _layout(row)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, initialFontName=font_name(False, False))
    canvas.setTitle(_("Xem thử bố cục “%(name)s”") % {"name": layout.name})
    _sheet(canvas, layout, SAMPLE_TEXTS, over_scan=True, frame=True)
    canvas.save()
    return out.getvalue()


# Where the calibration page puts its crosses: 20 mm in from each corner, and the centre.
CROSS_INSET_MM = 20
_GRID = Color(0.75, 0.75, 0.75)


def calibration_page(
    *, width_mm: Decimal = Decimal(297), height_mm: Decimal = Decimal(210),
    printer: PrinterProfile | None = None,
) -> bytes:  # fmt: skip
    """A sheet of the blank's size with a millimetre grid (a line every 10 mm, labelled every
    50) and crosses at known points: print it on plain paper, measure how far each cross is
    from its edges, and enter the difference as the printer's offsets. Printed with a
    profile, the crosses should then land on their marks."""
    width, height = float(width_mm) * mm, float(height_mm) * mm
    dx, dy = (printer.offset_x_mm, printer.offset_y_mm) if printer else (Decimal(0), Decimal(0))
    out = io.BytesIO()
    canvas = Canvas(
        out, pagesize=(width, height), invariant=1, initialFontName=font_name(False, False)
    )
    canvas.setTitle(_("Trang căn chỉnh máy in"))

    def at(x_mm: float, y_mm: float) -> tuple[float, float]:
        return (x_mm + float(dx)) * mm, height - (y_mm + float(dy)) * mm

    canvas.setStrokeColor(_GRID)
    for x in range(0, int(width_mm) + 1, 10):
        canvas.setLineWidth(0.6 if x % 50 == 0 else 0.2)
        canvas.line(*at(x, 0), *at(x, float(height_mm)))
    for y in range(0, int(height_mm) + 1, 10):
        canvas.setLineWidth(0.6 if y % 50 == 0 else 0.2)
        canvas.line(*at(0, y), *at(float(width_mm), y))
    canvas.setFillColor(black)
    canvas.setFont(font_name(False, False), 7)
    for x in range(50, int(width_mm), 50):
        canvas.drawString(*at(x + 1, 6), f"{x}")
    for y in range(50, int(height_mm), 50):
        canvas.drawString(*at(2, y - 1), f"{y}")
    w, h = float(width_mm), float(height_mm)
    crosses = [
        (CROSS_INSET_MM, CROSS_INSET_MM), (w - CROSS_INSET_MM, CROSS_INSET_MM),
        (CROSS_INSET_MM, h - CROSS_INSET_MM), (w - CROSS_INSET_MM, h - CROSS_INSET_MM),
        (w / 2, h / 2),
    ]  # fmt: skip
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.5)
    canvas.setFont(font_name(False, False), 8)
    for x, y in crosses:
        canvas.line(*at(x - 5, y), *at(x + 5, y))
        canvas.line(*at(x, y - 5), *at(x, y + 5))
        canvas.circle(*at(x, y), 1.5 * mm)
        canvas.drawString(*at(x + 2, y - 2), f"({x:g}; {y:g}) mm")
    canvas.setFont(font_name(True, False), 11)
    lines = [
        _("TRANG CĂN CHỈNH MÁY IN"),
        _("In trên giấy trắng cùng khổ với phôi, không co giãn (100%)."),
        _("Đo từ mép trái và mép trên tờ giấy tới tâm mỗi dấu chữ thập;"),
        _("chênh lệch với số ghi cạnh dấu là độ lệch của máy in: nhập vào hồ sơ máy in."),
    ]
    if printer:
        lines.append(
            _("Đang áp dụng độ lệch của máy in “%(name)s”: %(x)s mm ngang, %(y)s mm dọc.")
            % {"name": printer.name, "x": dx, "y": dy}
        )
    for index, text in enumerate(lines):
        canvas.drawCentredString(*at(w / 2, h / 2 + 18 + 6 * index), text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
