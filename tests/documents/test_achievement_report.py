"""Báo cáo thành tích of a nomination, read back, and made from the nomination page."""

from __future__ import annotations

import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from nominations.documents.services import document_generate
from nominations.models import Nomination, Person
from tests import factories
from workflow.services import nominations_approve

S = Nomination.State
pytestmark = pytest.mark.django_db


def _text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_persons_report_lists_the_profile_achievements_and_prior_awards(world):
    earlier = world.nomination(state=S.AWAITING_DECISION)
    Person.objects.filter(pk=earlier.person_id).update(
        full_name="Trương Thị Ánh", birth_year=1985, position="Giáo viên"
    )
    nominations_approve(
        nominations=[earlier], actor=world["chairman"], number="7/QĐ-UBND",
        issued_on=timezone.localdate(),
    )  # fmt: skip
    now = factories.nomination(
        unit_=world.unit, award_type=factories.award("chien-si-thi-dua-co-so"),
        period_=world.period, person=earlier.person,
    )  # fmt: skip
    Nomination.objects.filter(pk=now.pk).update(
        achievements="Dạy giỏi cấp huyện.\nCó sáng kiến được công nhận."
    )
    document = document_generate(
        kind="achievement_report", subject_id=now.pk, actor=world["unit_head"],
        request_id=uuid.uuid4(),
    )  # fmt: skip
    text = _text(document.docx.read())
    pdf = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(document.pdf.read())).pages
    )
    for line in (
        "BÁO CÁO THÀNH TÍCH",
        "ĐỀ NGHỊ TẶNG DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”",
        "I. SƠ LƯỢC LÝ LỊCH",
        "Trương Thị Ánh",
        "1985",
        "Giáo viên",
        "Dạy giỏi cấp huyện.",
        "Có sáng kiến được công nhận.",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "Lao động tiên tiến",
        "7/QĐ-UBND",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
        f"Thành tích từ ngày {world.period.starts_on:%d/%m/%Y}",
    ):
        assert line in text, line
        assert line in pdf, line
    assert "Chưa có." not in text


def test_a_collectives_report_and_the_page_that_makes_it(
    client, world, django_capture_on_commit_callbacks
):
    nomination = factories.nomination(
        unit_=world.unit, award_type=factories.award("tap-the-lao-dong-tien-tien"),
        period_=world.period, collective=world.unit,
    )  # fmt: skip
    client.force_login(world["unit_head"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("nominations:report", args=[nomination.pk]))
    document = nomination.documents.get()
    text = _text(document.docx.read())
    assert "I. ĐẶC ĐIỂM, TÌNH HÌNH" in text
    assert world.unit.name in text
    assert "Chưa có." in text  # no earlier award
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    pdf = reverse("nominations:document", args=[document.pk, "pdf"])
    assert pdf in page
    assert client.get(pdf).status_code == 200
    client.force_login(world["other_unit_head"])
    assert client.get(pdf).status_code == 404
    assert client.post(reverse("nominations:report", args=[nomination.pk])).status_code == 404
    client.force_login(world["council_member"])  # sees no draft of a unit
    assert client.get(pdf).status_code == 404
