"""Each paper's text, read back from its DOCX and its PDF, against a golden file (issue 23).

The DOCX paragraphs (body and tables, in document order) must equal the golden file line for
line; the PDF must show every one of those lines. A change of wording is a change of
a golden file, reviewed in the diff. `GOLDEN_UPDATE=1 pytest tests/documents/test_golden_papers.py`
rewrites them after a deliberate change.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import uuid
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from core import clock
from core.errors import InvalidInput
from councils import services as council_services
from councils.models import Authority
from nominations.documents.services import document_generate, document_request
from nominations.models import Household, Nomination, Person
from tests import factories
from tests.world import council_of
from workflow import meetings
from workflow.services import nominations_approve

S = Nomination.State
GOLDEN = Path(__file__).parent / "golden"
DAY = datetime.date(2026, 12, 18)  # a Friday: the decisions, the meeting, the Tờ trình
pytestmark = pytest.mark.django_db


def _lines(docx: bytes) -> list[str]:
    """The text of every paragraph, tables included, in the order of the document."""
    body = Document(io.BytesIO(docx)).element.body
    lines = []
    for node in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in node.iter(qn("w:t")))
        if text.strip():
            lines.append(text.strip())
    return lines


def _pdf_pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _matches_golden(name: str, document, *, normalise=lambda line: line) -> list[str]:
    docx_lines = [normalise(line) for line in _lines(document.docx.read())]
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("GOLDEN_UPDATE"):
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(docx_lines) + "\n", encoding="utf-8")
    assert docx_lines == path.read_text(encoding="utf-8").splitlines()
    pages = _pdf_pages(document.pdf.read())
    flat = normalise(" ".join(pages))
    for line in docx_lines:  # the PDF says the same (side-by-side cells read row by row there)
        assert " ".join(line.split()) in flat, line
    return pages


@pytest.fixture
def commune(world):
    """The world with real names, the district gone on 30/06/2025 as the reform did."""
    Authority.objects.filter(pk=world.province.pk).update(name="Hà Tĩnh")
    Authority.objects.filter(pk=world.district.pk).update(
        name="Thạch Hà", valid_to=datetime.date(2025, 6, 30)
    )
    Authority.objects.filter(pk=world.commune.pk).update(name="Cẩm Lĩnh")
    world.commune.refresh_from_db()
    world.unit.name = "Thôn Trung Sơn"
    world.unit.save()
    chairman = world["chairman"]
    chairman.full_name = "Nguyễn Văn Chủ"
    chairman.save()
    with clock.business_date(DAY):
        yield world


def _nomination(world, award: str, name: str, gender: str = "female", state=S.AWAITING_DECISION):
    nomination = world.nomination(award, state)
    Person.objects.filter(pk=nomination.person_id).update(
        full_name=name, gender=gender, position="Giáo viên"
    )
    return nomination


def _generate(kind: str, subject, actor) -> object:
    return document_generate(kind=kind, subject_id=subject.pk, actor=actor, request_id=uuid.uuid4())


def _decide(world, nominations, number: str):
    return nominations_approve(
        nominations=nominations, actor=world["chairman"], number=number, issued_on=DAY
    )


def test_an_ldtt_decision_and_its_page_numbers(commune):
    decision = _decide(
        commune,
        [
            _nomination(commune, "lao-dong-tien-tien", "Lê Thị Hồng"),
            _nomination(commune, "lao-dong-tien-tien", "Đặng Văn Ưng", "male"),
        ],
        "15/QĐ-UBND",
    )
    pages = _matches_golden("decision-ldtt", _generate("decision", decision, commune["chairman"]))
    # NĐ 30: no number on the first page, "2" centred at the top of the second.
    assert len(pages) >= 2
    assert pages[1].split()[0] == "2"
    assert not pages[0].startswith("1 ")
    # LĐTT carries money only (NĐ 152/2025 Đ50.1.d): there is no certificate to print.
    with pytest.raises(InvalidInput, match="không có giấy khen"):
        document_request(kind="certificates", subject=decision, actor=commune["chairman"])


def test_a_cstdcs_decision(commune):
    decision = _decide(
        commune, [_nomination(commune, "chien-si-thi-dua-co-so", "Phan Thị Lụa")], "16/QĐ-UBND"
    )
    _matches_golden("decision-cstdcs", _generate("decision", decision, commune["chairman"]))


def test_a_giay_khen_for_a_household(commune):
    nomination = commune.nomination("giay-khen-chu-tich-xa", S.AWAITING_DECISION)
    household = Household.objects.create(
        unit=commune.unit, head_name="Trần Văn Lộc", address="Thôn Trung Sơn"
    )
    Nomination.objects.filter(pk=nomination.pk).update(
        person=None, household=household, nominee_kind="household", task_rating="",
        months_served=None,
    )  # fmt: skip
    decision = _decide(commune, [nomination], "17/QĐ-UBND")
    _matches_golden("decision-giay-khen-household", _generate("decision", decision, None))
    _matches_golden("certificate-giay-khen-household", _generate("certificates", decision, None))


def test_a_gia_dinh_van_hoa_decision(commune):
    """NĐ 86/2023 Đ7.1: the chairman decides the title for the households the thôn proposes;
    it carries no money and no certificate (none found in NĐ 86 or NĐ 152 Đ50)."""
    nominations = []
    for head in ("Trần Văn Lộc", "Lê Thị Mai"):
        nomination = commune.nomination("gia-dinh-van-hoa", S.AWAITING_DECISION)
        household = Household.objects.create(unit=commune.unit, head_name=head)
        Nomination.objects.filter(pk=nomination.pk).update(
            person=None, household=household, nominee_kind="household", task_rating="",
            months_served=None,
        )  # fmt: skip
        nominations.append(nomination)
    decision = _decide(commune, nominations, "19/QĐ-UBND")
    _matches_golden("decision-gia-dinh-van-hoa", _generate("decision", decision, None))
    with pytest.raises(InvalidInput, match="không có giấy khen"):
        document_request(kind="certificates", subject=decision, actor=commune["chairman"])


def test_minutes_name_their_chair_and_secretary(commune):
    council, members = council_of(commune, size=5)
    names = ["Nguyễn Văn Chủ Tọa", "Bùi Thị Thư", "Lý Văn Ba", "Hồ Thị Tư", "Mai Văn Năm"]
    for member, name in zip(members, names, strict=True):
        member.user.full_name = name
        member.user.save()
    office = commune["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=DAY, place="Hội trường UBND xã"
    )
    for award, name in (("lao-dong-tien-tien", "Lê Thị Hồng"),
                        ("chien-si-thi-dua-co-so", "Phan Thị Lụa")):  # fmt: skip
        nomination = _nomination(commune, award, name, state=S.APPRAISED)
        meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members],
        chair_id=members[0].user_id, secretary_id=members[1].user_id,
    )  # fmt: skip
    for item in meeting.items.all():
        for member in members:
            council_services.ballot_cast(item=item, actor=member.user, choice="yes")
    meeting = meetings.meeting_close(meeting=meeting, actor=office)
    clock_time = re.compile(r"\d{2} giờ \d{2}")  # the opening and the close are real times
    _matches_golden(
        "minutes", _generate("minutes", meeting, office),
        normalise=lambda line: clock_time.sub("HH giờ MM", line),
    )  # fmt: skip


def test_a_to_trinh_to_the_province(commune):
    nomination = _nomination(commune, "bang-khen-chu-tich-tinh", "Võ Thị Sen")
    document = _generate("forward_submission", nomination, commune["chairman"])
    _matches_golden("to-trinh-province", document)


def test_the_achievement_report_carries_the_confirmation_of_the_level_that_proposes(commune):
    nomination = _nomination(commune, "bang-khen-chu-tich-tinh", "Võ Thị Sen")
    lines = _lines(_generate("achievement_report", nomination, commune["chairman"]).docx.read())
    at = lines.index("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG")
    assert lines[at + 1 : at + 3] == ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ CẨM LĨNH", "(Ký, đóng dấu)"]


def test_a_certificate_prints_the_emblem_an_authority_supplies(commune, settings, tmp_path):
    settings.DOCUMENT_TEMPLATES_DIR = tmp_path
    (tmp_path / commune.province.code).mkdir()
    emblem = factories.png(40, 40)
    (tmp_path / commune.province.code / "quoc-huy.png").write_bytes(emblem)
    decision = _decide(
        commune, [_nomination(commune, "chien-si-thi-dua-co-so", "Phan Thị Lụa")], "18/QĐ-UBND"
    )
    docx = _generate("certificates", decision, None).docx.read()
    assert len(Document(io.BytesIO(docx)).inline_shapes) == 1
    lines = _lines(docx)
    assert lines[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert lines[3:5] == ["TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ"]
