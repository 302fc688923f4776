"""Reports as papers (DOCX, and PDF through LibreOffice): the NĐ 30/2020 header, the title,
the tables, the signing block and the nơi nhận; landscape when a table is wide.

Written with python-docx and the layout rules of nominations.documents.layout (the same
margins, fonts, rules and page numbers as the other papers); the tables have as many columns
as the form has, so they are built here rather than in a fixed template."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from councils.models import Authority
from nominations.documents.contexts import issuer
from nominations.documents.layout import (
    CENTER,
    JUSTIFY,
    LEFT,
    RIGHT,
    borderless_table,
    grid_table,
    keep_rows_together,
    national_header,
    new_document,
    page_numbers,
    paragraph,
    rule,
    run,
)
from nominations.documents.rendering import docx_to_pdf
from nominations.documents.vietnamese import money_in_figures, place_and_date


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths_mm: list[float]
    bold_rows: set[int] = field(default_factory=set)
    numeric_from: int = 2  # columns from this index are figures, right-aligned


@dataclass
class Paper:
    authority: Authority
    day: datetime.date
    number: str  # "Số: /BC-UBND": the number is given when the paper is registered
    title: str  # "BÁO CÁO"
    subject: str  # the trích yếu
    blocks: list  # str (a paragraph), ("heading", str) or Table
    recipients: list[str]
    signer_name: str = ""
    landscape: bool = False


def figure(value: int | None) -> str:
    return money_in_figures(value) if value else "0"


def _table(document, table: Table) -> None:
    grid = grid_table(document, table.headers, table.widths_mm)
    for index, values in enumerate(table.rows):
        cells = grid.add_row().cells
        for position, (cell, text) in enumerate(zip(cells, values, strict=True)):
            para = cell.paragraphs[0]
            para.alignment = RIGHT if position >= table.numeric_from else LEFT
            run(para, text, size=12, bold=index in table.bold_rows)
    paragraph(document, "", size=6)


def _signing(document, paper: Paper) -> None:
    block = borderless_table(document, [85, 80] if not paper.landscape else [140, 100])
    left, right = block.rows[0].cells
    paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in paper.recipients:
        paragraph(left, f"- {recipient};", size=11)
    paragraph(left, "- Lưu: VT.", size=11)
    paragraph(right, "TM. ỦY BAN NHÂN DÂN", bold=True, align=CENTER)
    paragraph(right, "CHỦ TỊCH", bold=True, align=CENTER)
    for _blank in range(4):
        paragraph(right, "")
    paragraph(right, paper.signer_name, bold=True, align=CENTER)
    keep_rows_together(block)


def paper_docx(paper: Paper) -> bytes:
    document = new_document(landscape=paper.landscape)
    page_numbers(document)
    body = issuer(paper.authority)
    national_header(
        document,
        left_lines=[(body["line_1"], False), (body["line_2"], True)],
        number=paper.number,
        place_date=place_and_date(paper.authority.name, paper.day),
    )
    paragraph(document, "", size=8)
    paragraph(document, paper.title, bold=True, align=CENTER)
    paragraph(document, paper.subject, bold=True, align=CENTER)
    rule(document, width_mm=50, column_mm=250 if paper.landscape else 165)
    for block in paper.blocks:
        if isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, tuple):
            paragraph(document, block[1], bold=True, align=JUSTIFY, space_after=6)
        else:
            paragraph(document, block, align=JUSTIFY, indent_first=12.7, space_after=6)
    _signing(document, paper)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def paper_pdf(paper: Paper) -> bytes:
    return docx_to_pdf(paper_docx(paper))
