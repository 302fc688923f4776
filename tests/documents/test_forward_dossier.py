"""The dossier that accompanies a forward: the commune's Tờ trình and a ZIP of every paper."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from nominations.models import GeneratedDocument, Nomination, Person
from tests.world import attach, district_award
from workflow.services import nomination_forward

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_the_forward_dossier_holds_the_submission_the_report_and_the_evidence(
    client, world, django_capture_on_commit_callbacks
):
    district_award()
    nomination = world.nomination("giay-khen-chu-tich-huyen", state=S.AWAITING_DECISION)
    Person.objects.filter(pk=nomination.person_id).update(full_name="Hà Thị Ngọc")
    attach(nomination, "to_trinh")
    nomination_forward(nomination=nomination, actor=world["chairman"])
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "Tạo hồ sơ trình cấp trên" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("nominations:report", args=[nomination.pk]), {"papers": "forward"})
    kinds = set(nomination.documents.values_list("kind", flat=True))
    assert kinds == {"forward_submission", "achievement_report"}
    submission = Document(
        io.BytesIO(nomination.documents.get(kind="forward_submission").docx.read())
    )
    text = "\n".join(p.text for p in submission.paragraphs)
    for line in (
        "TỜ TRÌNH",
        "Về việc đề nghị tặng Giấy khen của Chủ tịch UBND huyện",
        f"Kính gửi: Chủ tịch Ủy ban nhân dân {world.district.admin_type} {world.district.name}.",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "- Hà Thị Ngọc",
        "(Có báo cáo thành tích và biên bản họp Hội đồng kèm theo)./.",
    ):
        assert line in text, line
    tables = submission.tables
    signature = " ".join(cell.text for t in tables for row in t.rows for cell in row.cells)
    assert "TM. ỦY BAN NHÂN DÂN" in signature
    assert world["chairman"].get_full_name() in signature

    response = client.get(reverse("nominations:bundle", args=[nomination.pk]))
    assert response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(bundle.namelist())
    assert {"01-to-trinh.pdf", "01-to-trinh.docx", "02-bao-cao-thanh-tich.pdf",
            "MUC-LUC.txt"} <= names  # fmt: skip
    assert any(name.startswith("04-minh-chung-01-to_trinh") for name in names)
    assert bundle.read("01-to-trinh.pdf").startswith(b"%PDF")
    index = bundle.read("MUC-LUC.txt").decode()
    assert "CÒN THIẾU:" in index
    assert "- Biên bản họp Hội đồng" in index  # no council vote for this award
    client.force_login(world["other_unit_head"])
    assert client.get(reverse("nominations:bundle", args=[nomination.pk])).status_code == 404


def test_a_units_submission_lists_its_nominees_for_the_period(
    client, world, django_capture_on_commit_callbacks
):
    kept = [world.nomination(state=S.SUBMITTED) for _ in range(2)]
    Person.objects.filter(pk=kept[0].person_id).update(full_name="Vương Thị Lụa", position="Y sĩ")
    withdrawn = world.nomination(state=S.WITHDRAWN)
    client.force_login(world["unit_head"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("nominations:report", args=[kept[0].pk]), {"papers": "unit"})
    document = GeneratedDocument.objects.get(kind="unit_submission")
    assert (document.unit, document.period) == (world.unit, world.period)
    paper = Document(io.BytesIO(document.docx.read()))
    text = "\n".join(p.text for p in paper.paragraphs)
    cells = [cell.text for t in paper.tables for row in t.rows for cell in row.cells]
    assert "TỜ TRÌNH" in text
    assert f"Kính gửi: Hội đồng Thi đua - Khen thưởng xã {world.commune.name}." in text
    assert "đề nghị khen thưởng cho 02 tập thể, cá nhân sau:" in text
    assert {"Vương Thị Lụa", "Y sĩ", "Lao động tiên tiến"} <= set(cells)
    assert str(withdrawn.person) not in cells
    page = client.get(reverse("nominations:detail", args=[kept[1].pk])).content.decode()
    pdf = reverse("nominations:document", args=[document.pk, "pdf"])
    assert pdf in page  # shown on every nomination of the unit and period
    assert client.get(pdf).status_code == 200
    client.force_login(world["other_unit_head"])
    assert client.get(pdf).status_code == 404
