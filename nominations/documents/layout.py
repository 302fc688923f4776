"""The NĐ 30/2020 page and header layout, for writing the bundled DOCX templates.

The templates themselves are files (nominations/documents/templates/*.docx, with docxtpl
tags): an authority replaces them with its own without code. This module only writes the
bundled ones (`manage.py build_document_templates`), so the layout rules live in one place:
A4, margins 20/20/30/15 mm, Times New Roman, a borderless two-column header with the Quốc
hiệu and Tiêu ngữ, rules under the issuing body and the Tiêu ngữ, body 14 pt justified.
"""

from __future__ import annotations

import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Times New Roman"  # Liberation Serif 2 (same metrics) renders it in the PDF
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RED = RGBColor(0xC0, 0x00, 0x00)  # the authority and the award on a Giấy khen


def new_document(*, landscape: bool = False) -> Document:
    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    # East Asian and complex-script slots too, or Word substitutes another face for them.
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    # Fixed properties (and fixed zip times, bundled._reproducible): an unchanged layout
    # rebuilds to the same bytes, so the same template hash.
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Thi đua - Khen thưởng"
    properties.created = properties.modified = datetime.datetime(2026, 1, 1)
    properties.revision = 1
    return document


def paragraph(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=LEFT,
    indent_first: float | None = None,
    space_after: float = 0,
    color: RGBColor | None = None,
):
    para = container.add_paragraph()
    para.alignment = align
    para.paragraph_format.space_after = Pt(space_after)
    if indent_first is not None:
        para.paragraph_format.first_line_indent = Mm(indent_first)
    if text:
        piece = run(para, text, size=size, bold=bold, italic=italic)
        if color is not None:
            piece.font.color.rgb = color
    return para


def run(para, text: str, *, size: float = 14, bold: bool = False, italic: bool = False):
    piece = para.add_run(text)
    piece.font.size = Pt(size)
    piece.font.bold = bold
    piece.font.italic = italic
    return piece


def rule(container, *, width_mm: float, column_mm: float):
    """A solid line of `width_mm`, centred in a column: a bottom border on an empty line."""
    para = container.add_paragraph()
    side = max((column_mm - width_mm) / 2, 0)
    para.paragraph_format.left_indent = Mm(side)
    para.paragraph_format.right_indent = Mm(side)
    para.paragraph_format.space_after = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    para._p.get_or_add_pPr().append(borders)
    # An empty paragraph still takes a line; keep it thin.
    run(para, "", size=2)
    return para


def fixed_widths(table, widths_mm: list[float]) -> None:
    """Column widths that Word and LibreOffice both keep: the grid and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def borderless_table(document, widths_mm: list[float]):
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, widths_mm)
    for cell in table.rows[0].cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def grid_table(document, headers: list[str], widths_mm: list[float]):
    """A bordered table with a bold header row (the lists attached to a decision)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, widths_mm)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run(cell.paragraphs[0], text, size=13, bold=True)
    return table


def national_header(document, *, left_lines: list[tuple[str, bool]], number: str, place_date: str):
    """The NĐ 30 header: issuing body and number left, Quốc hiệu, Tiêu ngữ, date right."""
    table = borderless_table(document, [65, 100])
    left, right = table.rows[0].cells
    for text, bold in left_lines:
        paragraph(left, text, size=13, bold=bold, align=CENTER)
    rule(left, width_mm=22, column_mm=65)
    paragraph(left, number, size=13, align=CENTER)
    paragraph(right, NATIONAL_NAME, size=12, bold=True, align=CENTER)
    paragraph(right, MOTTO, size=13, bold=True, align=CENTER)
    rule(right, width_mm=56, column_mm=100)
    paragraph(right, place_date, size=13, italic=True, align=CENTER)
    return table


def page_numbers(document, *, size: float = 13) -> None:
    """NĐ 30/2020 Phụ lục I, Phần I, Mục I, khoản 7: "Được đánh từ số 1, bằng chữ số Ả Rập, cỡ
    chữ 13 đến 14, kiểu chữ đứng, được đặt canh giữa theo chiều ngang trong phần lề trên của
    văn bản, không hiển thị số trang thứ nhất": a PAGE field centred in the header of every
    page but the first (which gets an empty header of its own)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    para = section.header.paragraphs[0]
    para.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    shown = run(para, "2", size=size)  # what a reader shows before the field is updated
    para._p.remove(shown._r)
    field.append(shown._r)
    para._p.append(field)


def keep_rows_together(table) -> None:
    """No row of the table breaks across pages (w:cantSplit): a signing block moves whole to
    the next page instead of leaving the office on one page and the name on the other."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
