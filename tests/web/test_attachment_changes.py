"""A unit replaces or removes the papers of a dossier it still holds, by name, with a trace."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from nominations.models import Attachment, Nomination

S = Nomination.State
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _change(client, nomination, attachment, **data):
    url = reverse("nominations:attachment_change", args=[nomination.pk, attachment.pk])
    return client.post(url, data, follow=True).content.decode()


def test_the_unit_replaces_a_paper_and_sees_its_file_name(client, world):
    nomination = world.nomination()
    old = nomination.attachments.get(document="bien_ban_binh_xet")
    client.force_login(world["unit_head"])
    upload = SimpleUploadedFile("Biên bản họp thôn 12-2026.pdf", PDF, "application/pdf")
    page = _change(client, nomination, old, file=upload)
    assert "Đã thay tệp của Biên bản họp bình xét." in page
    assert "Biên bản họp thôn 12-2026.pdf" in page
    new = nomination.attachments.get(document="bien_ban_binh_xet")
    assert new.pk != old.pk
    assert not Attachment.objects.filter(pk=old.pk).exists()
    assert Attachment.history.filter(id=old.pk, history_type="-").exists()  # its trace stays
    actions = list(
        AuditEvent.objects.filter(object_id=str(nomination.pk)).values_list("action", flat=True)
    )
    assert actions[-2:] == ["attachment.remove", "attachment.add"]


def test_the_unit_removes_a_paper_and_the_checklist_says_it_is_missing(client, world):
    nomination = world.nomination()
    paper = nomination.attachments.get(document="to_trinh")
    client.force_login(world["unit_head"])
    page = _change(client, nomination, paper, remove="1")
    assert "Đã xóa Tờ trình đề nghị khen thưởng khỏi hồ sơ." in page
    papers = page.split('aria-labelledby="papers-title"')[1].split("</ul>")[0]
    assert papers.count("bắt buộc, chưa có") == 1
    event = AuditEvent.objects.get(action="attachment.remove")
    assert (event.actor, event.payload["document"]) == (world["unit_head"], "to_trinh")


def test_papers_are_fixed_once_sent_and_others_cannot_touch_them(client, world):
    nomination = world.nomination()
    paper = nomination.attachments.first()
    Nomination.objects.filter(pk=nomination.pk).update(state=S.SUBMITTED)
    client.force_login(world["unit_head"])
    page = _change(client, nomination, paper, remove="1")
    assert "Chỉ đính kèm, thay, xóa giấy tờ khi hồ sơ là nháp hoặc bị trả lại." in page
    assert Attachment.objects.filter(pk=paper.pk).exists()
    Nomination.objects.filter(pk=nomination.pk).update(state=S.DRAFT)
    client.force_login(world["other_unit_head"])
    url = reverse("nominations:attachment_change", args=[nomination.pk, paper.pk])
    assert client.post(url, {"remove": "1"}).status_code == 404
    assert Attachment.objects.filter(pk=paper.pk).exists()
