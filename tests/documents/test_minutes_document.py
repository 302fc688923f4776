"""The Biên bản of a closed council meeting, read back from DOCX and PDF."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from docx import Document
from pypdf import PdfReader

from core.errors import WrongState
from councils import services as council_services
from nominations.documents.services import document_generate, document_request
from nominations.models import Nomination, Person
from tests.world import council_of
from workflow import meetings

S = Nomination.State
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def closed_meeting(world):
    """Five members, four present; the absent one votes in writing; two items."""
    council, members = council_of(world, size=5)
    office = world["standing_office"]
    absent = members[4]
    absent.user.full_name = "Vũ Thị Vắng"
    absent.user.save()
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường UBND xã"
    )
    people = []
    for award, name in (("lao-dong-tien-tien", "Lê Thị Hồng"), ("chien-si-thi-dua-co-so",
                                                                 "Đặng Văn Ưng")):  # fmt: skip
        nomination = world.nomination(award, S.APPRAISED)
        Person.objects.filter(pk=nomination.person_id).update(full_name=name)
        people.append(
            meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
        )
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members[:4]]
    )
    for item in people:
        for member in members[:4]:
            council_services.ballot_cast(item=item, actor=member.user, choice="yes")
    council_services.ballot_record_written_opinion(
        item=people[0], actor=office, member=absent, choice="yes",
        scan=ContentFile(PDF, name="y-kien.pdf"),
    )  # fmt: skip
    council_services.comment_post(item=people[0], actor=members[3].user, body="Nhất trí đề nghị.")
    with translation.override("en"):  # closed from the English pages: minutes stay Vietnamese
        return meetings.meeting_close(meeting=meeting, actor=office)


def test_the_minutes_read_back_with_tallies_over_their_base(world, closed_meeting):
    document = document_generate(
        kind="minutes", subject_id=closed_meeting.pk, actor=world["standing_office"],
        request_id=uuid.uuid4(),
    )  # fmt: skip
    commune = world.commune.name
    text = _text(document.docx.read())
    pdf = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(document.pdf.read())).pages
    )
    expected = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"UBND XÃ {commune.upper()}",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "BIÊN BẢN",
        f"Họp Hội đồng Thi đua - Khen thưởng xã {commune} xét đề nghị khen thưởng",
        "4/5 thành viên Hội đồng",
        "Vũ Thị Vắng (có ý kiến bằng văn bản: Vũ Thị Vắng)",
        "Lê Thị Hồng",
        "Đặng Văn Ưng",
        "Đạt",
        "(bỏ phiếu kín)",
        "Nhất trí đề nghị.",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Cuộc họp kết thúc vào",
        "Hội đồng thống nhất đề nghị khen thưởng 2/2 trường hợp",
    ]
    for line in expected:
        assert line in text, line
        assert line in pdf, line
    # Each item over its own base: all members for one award, those who took part for another.
    items = {i.nomination.person.full_name: i for i in closed_meeting.items.all()}
    for name, item in items.items():
        percent = f"{round(100 * item.yes_count / item.base, 2):.2f}".replace(".", ",")
        assert f"{item.yes_count}/{item.base} ({percent}%)" in text, name
    assert "{{" not in text


def test_minutes_wait_for_the_close(world):
    council, _members = council_of(world, size=3)
    meeting = council_services.meeting_plan(
        council=council, actor=world["standing_office"], held_on=timezone.localdate(),
        place="Hội trường",
    )  # fmt: skip
    with pytest.raises(WrongState):
        document_request(kind="minutes", subject=meeting, actor=world["standing_office"])
