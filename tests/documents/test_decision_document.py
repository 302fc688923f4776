"""The Quyết định and its Danh sách, generated from records and read back from DOCX and PDF."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from audit.models import AuditEvent
from core.errors import NotPermitted
from nominations.documents.bundled import decision as bundled_decision
from nominations.documents.layout import new_document, paragraph
from nominations.documents.services import document_generate, document_request
from nominations.documents.vietnamese import date_in_words
from nominations.models import GeneratedDocument, Nomination, Person
from tests.world import delegate
from workflow.services import nominations_approve

S = Nomination.State
pytestmark = pytest.mark.django_db


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
                for inner in cell.tables:
                    parts += [c.text for r in inner.rows for c in r.cells]
    return "\n".join(parts)


def _pdf(data: bytes) -> tuple[str, set[str]]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return text, fonts


@pytest.fixture
def decided(world):
    """Two people of the unit approved together by the chairman today."""
    people = [("Lê Thị Hồng", "female"), ("Đặng Văn Ưng", "male")]
    waiting = []
    for name, gender in people:
        nomination = world.nomination(state=S.AWAITING_DECISION)
        Person.objects.filter(pk=nomination.person_id).update(
            full_name=name, gender=gender, position="Giáo viên"
        )
        waiting.append(nomination)
    chairman = world["chairman"]
    chairman.full_name = "Nguyễn Văn Chủ"
    chairman.save()
    return nominations_approve(
        nominations=waiting, actor=chairman, number="15/QĐ-UBND", issued_on=timezone.localdate()
    )


def _generate(decision, actor) -> GeneratedDocument:
    return document_generate(
        kind="decision", subject_id=decision.pk, actor=actor, request_id=uuid.uuid4()
    )


def test_the_decision_reads_back_from_docx_and_pdf(world, decided):
    movement = world.period.movement
    movement.plan_number = "05/KH-UBND"
    movement.plan_date = datetime.date(2026, 1, 12)
    movement.plan_title = "về tổ chức phong trào thi đua năm 2026"
    movement.save()
    document = _generate(decided, world["chairman"])
    commune = world.commune
    today = timezone.localdate()
    expected = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        f"XÃ {commune.name.upper()}",
        "Số: 15/QĐ-UBND",
        f"{commune.name}, {date_in_words(today)}",
        "QUYẾT ĐỊNH",
        "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2026",
        f"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ {commune.name.upper()}",
        # The texts in force on the decision's date, in order, then the commune's plan.
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
        f"Căn cứ Kế hoạch số 05/KH-UBND ngày 12 tháng 01 năm 2026 của Ủy ban nhân dân xã"
        f" {commune.name} về tổ chức phong trào thi đua năm 2026;",
        "Lê Thị Hồng",
        "Đặng Văn Ưng",
        "Giáo viên",
        "760.000",
        "1.520.000 đồng",
        "Một triệu năm trăm hai mươi nghìn đồng",
        "CHỦ TỊCH",
        "Nguyễn Văn Chủ",
        "thi hành Quyết định này./.",
        "I. CÁ NHÂN (02)",
        f"(Kèm theo Quyết định số 15/QĐ-UBND {date_in_words(today)}",
    ]
    docx_bytes = document.docx.read()
    docx_text = _docx_text(docx_bytes)
    for line in expected:
        assert line in docx_text, line
    assert "Nghị định số 98/2023" not in docx_text  # repealed from 01/07/2025
    assert docx_text.index("Căn cứ Luật Tổ chức") < docx_text.index("Căn cứ Kế hoạch số")
    assert "{{" not in docx_text
    assert "{%" not in docx_text
    document_tables = Document(io.BytesIO(docx_bytes)).tables
    rows = [[c.text for c in row.cells] for t in document_tables for row in t.rows]
    numbers = {str(n) for n in decided.lines.values_list("golden_book_number", flat=True)}
    listed = [r for r in rows if r and r[1] in ("Lê Thị Hồng", "Đặng Văn Ưng")]
    assert {r[5] for r in listed} == numbers  # each awardee's sổ vàng number
    assert {r[3] for r in listed} == {"Lao động tiên tiến"}
    assert "KT. CHỦ TỊCH" not in docx_text  # the chairman signs in person
    pdf_text, fonts = _pdf(document.pdf.read())
    flat = " ".join(pdf_text.split())
    for line in expected:
        assert " ".join(line.split()) in flat, line
    # Every glyph from Liberation Serif 2: no fallback font for ơ, ư, ạ…
    assert fonts
    assert all(font.startswith("LiberationSerif") for font in fonts), fonts
    assert (document.version, document.template_name) == (1, "bundled/decision.docx")
    assert len(document.template_sha256) == 64


def test_a_delegated_deputy_signs_kt_chu_tich(world):
    delegate(world)
    nomination = world.nomination(state=S.AWAITING_DECISION)
    decision = nominations_approve(
        nominations=[nomination],
        actor=world["vice_chairman"],
        number="16/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    text = _docx_text(_generate(decision, world["vice_chairman"]).docx.read())
    assert "KT. CHỦ TỊCH" in text
    assert "PHÓ CHỦ TỊCH" in text


def test_regenerating_keeps_the_old_copy_and_each_is_audited(world, decided):
    first = _generate(decided, world["chairman"])
    second = _generate(decided, world["chairman"])
    assert (first.version, second.version) == (1, 2)
    assert first.docx.name != second.docx.name
    assert GeneratedDocument.objects.filter(decision=decided).count() == 2
    events = AuditEvent.objects.filter(action="document.generate").order_by("sequence")
    assert [e.payload["version"] for e in events] == [1, 2]
    again = document_generate(
        kind="decision", subject_id=decided.pk, actor=None, request_id=first.request_id
    )
    assert again == first  # a task that runs twice makes nothing new
    assert GeneratedDocument.objects.count() == 2


def test_the_request_is_checked_and_queued_after_commit(
    world, decided, django_capture_on_commit_callbacks
):
    with pytest.raises(NotPermitted):
        document_request(kind="decision", subject=decided, actor=world["unit_head"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_id = document_request(kind="decision", subject=decided, actor=world["chairman"])
        assert not GeneratedDocument.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    assert GeneratedDocument.objects.get().request_id == request_id


def test_an_authority_replaces_the_template_with_its_own(world, decided, settings, tmp_path):
    settings.DOCUMENT_TEMPLATES_DIR = tmp_path
    own = new_document()
    paragraph(own, "MẪU RIÊNG CỦA XÃ — Quyết định số {{ number }} — {{ total_words }}")
    (tmp_path / world.commune.code).mkdir()
    own.save(tmp_path / world.commune.code / "decision.docx")
    document = _generate(decided, world["chairman"])
    text = _docx_text(document.docx.read())
    assert "MẪU RIÊNG CỦA XÃ — Quyết định số 15/QĐ-UBND — Một triệu" in text
    assert document.template_name == f"{world.commune.code}/decision.docx"
    # A province's template serves every commune under it that has none of its own.
    (tmp_path / world.commune.code / "decision.docx").unlink()
    (tmp_path / world.province.code).mkdir()
    bundled_decision().save(tmp_path / world.province.code / "decision.docx")
    assert _generate(decided, world["chairman"]).template_name == (
        f"{world.province.code}/decision.docx"
    )


def test_one_certificate_per_awardee_on_a4_landscape(world):
    """CSTĐCS comes with a Bằng chứng nhận (NĐ 152/2025 Đ50.1.c): one landscape page each."""
    waiting = []
    for name, gender in (("Lê Thị Hồng", "female"), ("Đặng Văn Ưng", "male")):
        nomination = world.nomination("chien-si-thi-dua-co-so", S.AWAITING_DECISION)
        Person.objects.filter(pk=nomination.person_id).update(full_name=name, gender=gender)
        waiting.append(nomination)
    chairman = world["chairman"]
    chairman.full_name = "Nguyễn Văn Chủ"
    chairman.save()
    decided = nominations_approve(
        nominations=waiting, actor=chairman, number="15/QĐ-UBND", issued_on=timezone.localdate()
    )
    document = document_generate(
        kind="certificates", subject_id=decided.pk, actor=chairman, request_id=uuid.uuid4()
    )
    reader = PdfReader(io.BytesIO(document.pdf.read()))
    assert len(reader.pages) == 2  # two awardees, no blank page after the last
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages)
    commune = world.commune.name.upper()
    for text in (f"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ {commune}", "TẶNG DANH HIỆU",
                 "CHIẾN SĨ THI ĐUA CƠ SỞ", "Quyết định số 15/QĐ-UBND", "Số sổ vàng",
                 "Nguyễn Văn Chủ"):  # fmt: skip
        assert text in first, text
    assert "Bà Lê Thị Hồng" in first
    assert "Ông Đặng Văn Ưng" in second
    numbers = sorted(decided.lines.values_list("golden_book_number", flat=True))
    assert f"Số sổ vàng: {numbers[0]}" in first
