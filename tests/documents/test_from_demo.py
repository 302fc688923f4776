"""Every paper made from the demo communes' own records, read back from DOCX and PDF."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from councils.models import Meeting
from nominations.documents.services import document_generate
from nominations.documents.vietnamese import date_in_words, money_in_figures, money_in_words
from nominations.models import Decision, Nomination

pytestmark = pytest.mark.django_db
DATE = re.compile(r"ngày \d\d tháng (0[12]|[3-9]|1[0-2]) năm \d{4}")


def _read(document) -> tuple[str, str]:
    docx = Document(io.BytesIO(document.docx.read()))
    parts = [p.text for p in docx.paragraphs]
    for table in docx.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    pdf = PdfReader(io.BytesIO(document.pdf.read()))
    return "\n".join(parts), " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)


def _generate(kind: str, subject) -> tuple[str, str]:
    document = document_generate(
        kind=kind, subject_id=subject.pk, actor=None, request_id=uuid.uuid4()
    )
    text, pdf = _read(document)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        assert line in text, (kind, line)
        assert line in pdf, (kind, line)
    assert DATE.search(text), kind
    assert "{{" not in text, kind
    return text, pdf


def test_each_paper_from_the_demo():
    call_command("load_demo", verbosity=0)
    decision = Decision.objects.filter(signer__isnull=False, lines__isnull=False).first()
    text, pdf = _generate("decision", decision)
    total = sum(line.prize_amount or 0 for line in decision.lines.all())
    names = [str(line.nomination.nominee) for line in decision.lines.all()]
    for expected in (
        f"Số: {decision.number}",
        date_in_words(decision.issued_on),
        f"{money_in_figures(total)} đồng",
        money_in_words(total),
        decision.signer.get_full_name(),
        *names,
    ):
        assert expected in text, expected
        assert expected in pdf, expected
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", pdf)

    text, _pdf = _generate("certificates", decision)
    assert names[0] in text

    meeting = Meeting.objects.filter(state=Meeting.State.CLOSED).first()
    text, pdf = _generate("minutes", meeting)
    first = meeting.minutes["items"][0]
    assert f"{first['yes']}/{first['base']} (" in text
    assert "BIÊN BẢN" in pdf

    nomination = Nomination.objects.filter(person__isnull=False).first()
    text, _pdf = _generate("achievement_report", nomination)
    assert nomination.person.full_name in text

    forwarded = Nomination.objects.filter(state=Nomination.State.FORWARDED).first()
    text, _pdf = _generate("forward_submission", forwarded)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân" in text


def test_the_previews_render_again_and_are_not_blank(tmp_path):
    from PIL import Image

    call_command("load_demo", verbosity=0)
    call_command("render_document_previews", out=str(tmp_path), stdout=io.StringIO())
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.stem for p in pngs] == sorted(
        [
            "decision",
            "certificates",
            "minutes",
            "achievement_report",
            "forward_submission",
            "certificates_on_blank",
            "printer_calibration",
            "decision_signed",
            "movement_report",
            "statistics_report",
        ]
    )
    for png in pngs:
        image = Image.open(png).convert("L")
        darkest, _lightest = image.getextrema()
        inked = sum(count for level, count in enumerate(image.histogram()) if level < 128)
        assert darkest < 64, png.name  # black text, not a blank page
        # The signed page carries only the signing block that moved whole onto it.
        least = 0.002 if png.stem == "decision_signed" else 0.005
        assert inked > least * image.width * image.height, png.name
