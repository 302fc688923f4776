"""The bundled templates, written with the NĐ 30 layout and docxtpl tags (Jinja in Word).

`manage.py build_document_templates` writes them into nominations/documents/templates/; the
files are committed, and an authority may replace any of them with its own (documents.md:
wording marked [U] is a template, not code).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.shared import Mm

from nominations.documents.layout import (
    CENTER,
    JUSTIFY,
    LEFT,
    MOTTO,
    NATIONAL_NAME,
    RED,
    RIGHT,
    borderless_table,
    fixed_widths,
    grid_table,
    keep_rows_together,
    national_header,
    new_document,
    page_numbers,
    paragraph,
    rule,
    run,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _signature_block(document) -> None:
    """Nơi nhận at the bottom left, the signing capacity and name at the right."""
    table = borderless_table(document, [80, 85])
    keep_rows_together(table)
    left, right = table.rows[0].cells
    recipients = paragraph(left, "", size=12)
    run(recipients, "Nơi nhận:", size=12, bold=True, italic=True)
    paragraph(left, "{%p for line in recipients %}", size=11)
    paragraph(left, "{{ line }}", size=11)
    paragraph(left, "{%p endfor %}", size=11)
    paragraph(right, "{{ signing.capacity }}", size=14, bold=True, align=CENTER)
    paragraph(right, "{{ signing.position }}", size=14, bold=True, align=CENTER)
    for _gap in range(4):  # room for the signature and the seal
        paragraph(right, "", size=14)
    paragraph(right, "{{ signing.name }}", size=14, bold=True, align=CENTER)


def _loop_table(
    document,
    headers: list[str],
    widths: list[float],
    *,
    loop: str,
    fields: list[str],
    size: float = 13,
    aligns: tuple | None = None,
):
    """A bordered table whose middle row repeats once per item (docxtpl): a `{%tr for <loop>
    %}` row, a row of `{{ item.field }}` cells, an `{%tr endfor %}` row."""
    item = loop.split()[0]  # "line in lines" → "line"
    blank = [""] * (len(fields) - 1)
    table = grid_table(document, headers, widths)
    for cells in (
        [f"{{%tr for {loop} %}}", *blank],
        [f"{{{{ {item}.{name} }}}}" for name in fields],
        ["{%tr endfor %}", *blank],
    ):
        row = table.add_row().cells
        for index, (cell, text) in enumerate(zip(row, cells, strict=True)):
            cell.paragraphs[0].text = ""
            if aligns:
                cell.paragraphs[0].alignment = aligns[index]
            run(cell.paragraphs[0], text, size=size)
    fixed_widths(table, widths)
    return table


def _list_table(document, rows: str) -> None:
    """The awardees: who, their post, the title or form, the prize and the sổ vàng number."""
    _loop_table(
        document,
        [
            "STT",
            "Họ và tên / Tên tập thể",
            "Chức vụ, đơn vị",
            "Danh hiệu, hình thức",
            "Số tiền (đồng)",
            "Số sổ vàng",
        ],
        [13, 41, 39, 32, 22, 18],
        loop=f"line in {rows}",
        fields=["number", "name", "position", "award", "amount", "golden_book_number"],
        size=12,
        aligns=(CENTER, LEFT, LEFT, LEFT, RIGHT, CENTER),
    )


def _opening(
    left_lines: list[tuple[str, bool]],
    kind: str,
    subject: str,
    *,
    number: str = "Số: {{ number }}",
    below: str = "",
):
    """A portrait paper up to the rule under its title: the NĐ 30 header, the kind of paper
    (QUYẾT ĐỊNH, TỜ TRÌNH…) and its trích yếu, and an italic line under them if any."""
    document = new_document()
    page_numbers(document)
    national_header(document, left_lines=left_lines, number=number, place_date="{{ place_date }}")
    paragraph(document, "", size=8)
    paragraph(document, kind, bold=True, align=CENTER)
    paragraph(document, subject, bold=True, align=CENTER)
    if below:
        paragraph(document, below, italic=True, align=CENTER)
    rule(document, width_mm=50, column_mm=165)
    return document


def _bases(document) -> None:
    """The căn cứ, one italic paragraph each (NĐ 30: one per line)."""
    paragraph(document, "{%p for basis in bases %}")
    paragraph(document, "{{ basis }}", italic=True, align=JUSTIFY, indent_first=12.7, space_after=6)
    paragraph(document, "{%p endfor %}")


def decision() -> object:
    """Quyết định khen thưởng with its Danh sách kèm theo."""
    document = _opening(
        [("{{ issuer.line_1 }}", True), ("{{ issuer.line_2 }}", True)],
        "QUYẾT ĐỊNH",
        "{{ subject }}",
    )
    paragraph(document, "{{ signing.heading }}", bold=True, align=CENTER, space_after=6)
    _bases(document)
    paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER, space_after=6)
    for number, text in (
        ("1", "{{ article_1 }}"),
        ("2", "{{ article_2 }}"),
        ("3", "{{ article_3 }}"),
    ):
        para = paragraph(document, "", align=JUSTIFY, indent_first=12.7, space_after=6)
        run(para, f"Điều {number}. ", bold=True)
        run(para, text)
    _signature_block(document)

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph(document, "DANH SÁCH", bold=True, align=CENTER)
    paragraph(document, "{{ list_title }}", bold=True, align=CENTER)
    paragraph(document, "{{ list_reference }}", italic=True, align=CENTER)
    rule(document, width_mm=50, column_mm=165)
    paragraph(document, "{%p for section in sections %}")
    paragraph(document, "{{ section.heading }}", bold=True, space_after=4)
    _list_table(document, "section.lines")
    paragraph(document, "", size=6)
    paragraph(document, "{%p endfor %}")
    total = paragraph(document, "", space_after=0)
    run(total, "Tổng số tiền thưởng: ", bold=True)
    run(total, "{{ total_figures }} đồng")
    words = paragraph(document, "")
    run(words, "Bằng chữ: ", bold=True)
    run(words, "{{ total_words }}", italic=True)
    return document


def certificates() -> object:
    """Giấy khen and Bằng chứng nhận, one A4 landscape page per awardee, laid out as NĐ 98/2023
    Đ104 describes them (kept as the default: NĐ 152/2025 restates no form; documents.md §3):
    the Quốc huy at the top centre (the authority's image file, when it has one), Quốc hiệu and
    Tiêu ngữ in black, the signer's office in red, "TẶNG" or "TẶNG DANH HIỆU" in black, the
    award in red, the awardee and the praise, the decision and the sổ vàng number at the bottom
    left, place, date and signature at the right. Only awards that carry such a paper get one
    (catalogue: AwardType.certificate)."""
    document = new_document(landscape=True)
    section = document.sections[0]
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(15)
    paragraph(document, "{%p for line in lines %}")
    paragraph(document, "{% if emblem %}{{ emblem }}{% endif %}", size=10, align=CENTER)
    paragraph(document, NATIONAL_NAME, size=13, bold=True, align=CENTER)
    paragraph(document, MOTTO, size=14, bold=True, align=CENTER)
    rule(document, width_mm=60, column_mm=257)
    paragraph(document, "", size=6)
    paragraph(document, "{{ signing.heading }}", size=16, bold=True, align=CENTER, color=RED)
    paragraph(document, "{{ line.verb }}", size=16, bold=True, align=CENTER)
    paragraph(document, "{{ line.title }}", size=30, bold=True, align=CENTER, color=RED)
    paragraph(document, "", size=6)
    paragraph(document, "{{ line.name }}", size=20, bold=True, align=CENTER)
    paragraph(document, "{{ line.position }}", size=15, align=CENTER)
    paragraph(document, "{{ line.achievement }}", size=15, italic=True, align=CENTER)
    paragraph(document, "", size=8)
    table = borderless_table(document, [120, 137])
    left, right = table.rows[0].cells
    paragraph(left, "", size=13)
    paragraph(left, "Quyết định số {{ number }}", size=13, bold=True, italic=True)
    paragraph(left, "{{ decided_on }}", size=13, bold=True, italic=True)
    paragraph(left, "Số sổ vàng: {{ line.golden_book_number }}", size=13, bold=True, italic=True)
    paragraph(right, "{{ place_date }}", size=14, bold=True, italic=True, align=CENTER)
    paragraph(right, "{{ signing.capacity }}", size=14, bold=True, align=CENTER)
    paragraph(right, "{{ signing.position }}", size=14, bold=True, align=CENTER)
    for _gap in range(3):
        paragraph(right, "", size=14)
    paragraph(right, "{{ signing.name }}", size=14, bold=True, align=CENTER)
    paragraph(document, "{%p if not loop.last %}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{%p endfor %}")
    return document


def minutes() -> object:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (Mẫu 1.9 of NĐ 30, with the vote table)."""
    document = _opening(
        [("{{ issuer.parent }}", False), ("{{ issuer.council }}", True)],
        "BIÊN BẢN",
        "{{ title }}",
    )
    for label, value in (
        ("Thời gian bắt đầu: ", "{{ started }}"),
        ("Địa điểm: ", "{{ place }}"),
        ("Thành phần tham dự: ", "{{ attendance }}"),
        ("Vắng mặt: ", "{{ absent }}"),
        ("Chủ trì (chủ tọa): ", "{{ chair }}"),
        ("Thư ký (người ghi biên bản): ", "{{ secretary }}"),
    ):
        para = paragraph(document, "", align=JUSTIFY, indent_first=12.7, space_after=3)
        run(para, label, bold=True)
        run(para, value)
    para = paragraph(document, "", indent_first=12.7, space_after=3)
    run(para, "Nội dung: ", bold=True)
    run(para, "{{ agenda }}")
    _loop_table(
        document,
        [
            "STT",
            "Tập thể, cá nhân",
            "Chức vụ, đơn vị",
            "Hình thức đề nghị",
            "Đồng ý / cơ số",
            "Kết quả",
        ],
        [13, 37, 30, 35, 30, 20],
        loop="item in items",
        fields=["number", "name", "position", "award", "tally", "result"],
        size=12,
    )
    paragraph(document, "", size=6)
    paragraph(document, "{%p for note in notes %}")
    paragraph(document, "{{ note }}", align=JUSTIFY, indent_first=12.7, space_after=3)
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{{ conclusion }}", align=JUSTIFY, indent_first=12.7, space_after=3)
    paragraph(document, "{{ ending }}", align=JUSTIFY, indent_first=12.7, space_after=8)
    signatures = borderless_table(document, [82, 83])
    keep_rows_together(signatures)
    left, right = signatures.rows[0].cells
    paragraph(left, "THƯ KÝ", bold=True, align=CENTER)
    paragraph(right, "CHỦ TỌA", bold=True, align=CENTER)
    for cell in (left, right):
        for _gap in range(4):
            paragraph(cell, "", size=14)
    paragraph(left, "{{ secretary }}", bold=True, align=CENTER)
    paragraph(right, "{{ chair }}", bold=True, align=CENTER)
    recipients = paragraph(document, "", size=12)
    run(recipients, "Nơi nhận:", size=12, bold=True, italic=True)
    paragraph(document, "- Lưu: VT, Hồ sơ.", size=11)
    return document


def achievement_report() -> object:
    """Báo cáo thành tích of one nomination, for a person or a collective (documents.md §3:
    the NĐ 152/2025 form numbers are unconfirmed, so the NĐ 91/98 sections are used)."""
    document = _opening(
        [("{{ issuer.line_1 }}", False), ("{{ issuer.line_2 }}", True)],
        "BÁO CÁO THÀNH TÍCH",
        "{{ title }}",
        number="",
        below="{{ span }}",
    )
    paragraph(document, "{{ section_1 }}", bold=True, space_after=3)
    paragraph(document, "{%p for label, value in profile %}")
    para = paragraph(document, "", indent_first=12.7, space_after=2)
    run(para, "{{ label }}: ", bold=False)
    run(para, "{{ value }}")
    paragraph(document, "{%p endfor %}")
    paragraph(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, space_after=3)
    paragraph(document, "{%p for line in achievements %}")
    paragraph(document, "{{ line }}", align=JUSTIFY, indent_first=12.7, space_after=3)
    paragraph(document, "{%p endfor %}")
    paragraph(document, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, space_after=3)
    _loop_table(
        document,
        ["Năm", "Danh hiệu, hình thức", "Số, ngày quyết định"],
        [25, 70, 70],
        loop="award in prior_awards",
        fields=["year", "name", "decision"],
    )
    paragraph(document, "{%p if not prior_awards %}")
    paragraph(document, "Chưa có.", italic=True, indent_first=12.7)
    paragraph(document, "{%p endif %}")
    paragraph(document, "", size=8)
    signatures = borderless_table(document, [82, 83])
    keep_rows_together(signatures)
    left, right = signatures.rows[0].cells
    paragraph(left, "{{ head_title }}", bold=True, align=CENTER)
    paragraph(left, "XÁC NHẬN, ĐỀ NGHỊ", bold=True, align=CENTER)
    paragraph(right, "{{ reporter_title }}", bold=True, align=CENTER)
    paragraph(right, "", bold=True, align=CENTER)  # level with the two lines at the left
    for cell in (left, right):
        for _gap in range(4):
            paragraph(cell, "", size=14)
    paragraph(left, "{{ head_name }}", bold=True, align=CENTER)
    paragraph(right, "{{ reporter_name }}", bold=True, align=CENTER)
    # The report goes up "có xác nhận của cấp trình khen thưởng" (Luật TĐKT 2022, NĐ 152/2025
    # hồ sơ); the block's exact wording in the NĐ 152 forms is unconfirmed [U]: this is the
    # NĐ 91/98-era block, and an authority's own template may word it otherwise.
    paragraph(document, "", size=8)
    paragraph(document, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", bold=True, align=CENTER)
    paragraph(document, "{{ confirming_body }}", bold=True, align=CENTER)
    paragraph(document, "(Ký, đóng dấu)", italic=True, align=CENTER)
    return document


def forward_submission() -> object:
    """Tờ trình of the commune asking the level above to decide an award (Mẫu 01 of
    NĐ 98/2023, assumed unchanged by NĐ 152/2025 — documents.md §3 [U])."""
    document = _opening(
        [("{{ issuer.line_1 }}", True), ("{{ issuer.line_2 }}", True)],
        "TỜ TRÌNH",
        "{{ subject }}",
    )
    paragraph(document, "Kính gửi: {{ addressee }}.", align=CENTER, space_after=6)
    _bases(document)
    paragraph(document, "{{ request }}", align=JUSTIFY, indent_first=12.7, space_after=6)
    paragraph(document, "{%p for line in nominees %}")
    paragraph(document, "{{ line }}", align=JUSTIFY, indent_first=12.7, space_after=3)
    paragraph(document, "{%p endfor %}")
    paragraph(document, "{{ closing }}", align=JUSTIFY, indent_first=12.7, space_after=8)
    _signature_block(document)
    return document


def unit_submission() -> object:
    """Tờ trình of a unit proposing its list for a period to the commune's council."""
    document = _opening(
        [("{{ issuer.line_1 }}", False), ("{{ issuer.line_2 }}", True)],
        "TỜ TRÌNH",
        "{{ subject }}",
    )
    paragraph(document, "Kính gửi: {{ addressee }}.", align=CENTER, space_after=6)
    _bases(document)
    paragraph(document, "{{ request }}", align=JUSTIFY, indent_first=12.7, space_after=6)
    _loop_table(
        document,
        ["STT", "Họ và tên / Tên tập thể", "Chức vụ, nghề nghiệp", "Danh hiệu, hình thức"],
        [13, 55, 47, 50],
        loop="line in lines",
        fields=["number", "name", "position", "award"],
    )
    paragraph(document, "", size=6)
    paragraph(document, "{{ closing }}", align=JUSTIFY, indent_first=12.7, space_after=8)
    _signature_block(document)
    return document


BUILDERS = {
    "decision": decision,
    "certificates": certificates,
    "minutes": minutes,
    "achievement_report": achievement_report,
    "forward_submission": forward_submission,
    "unit_submission": unit_submission,
}


def _reproducible(document) -> bytes:
    """The DOCX with fixed zip entry times, so an unchanged layout gives the same bytes (and
    the same template hash on the papers it makes)."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            copy.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def write_all(folder: Path = TEMPLATES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, build in BUILDERS.items():
        path = folder / f"{kind}.docx"
        path.write_bytes(_reproducible(build()))
        written.append(path)
    return written
