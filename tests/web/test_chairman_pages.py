"""The chairman's decisions queue (many into one decision) and delegations page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from councils import services as council_services
from councils.models import Delegation
from nominations.models import Decision, Nomination
from tests.world import council_of, delegate, district_award, end_posting
from workflow import meetings

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_the_chairman_approves_several_into_one_decision_with_prizes_shown(client, world):
    waiting = [world.nomination(state=S.AWAITING_DECISION) for _ in range(3)]
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decisions")).content.decode()
    assert page.count("760.000 đ") == 3
    chosen = {
        "nomination": [waiting[0].pk, waiting[2].pk],
        "number": "90/QĐ-UBND",
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
    }
    # First a dialog names who is decided and the prize total; nothing is issued yet.
    asked = client.post(reverse("nominations:decisions"), chosen).content.decode()
    assert "<dialog open" in asked
    assert "Tổng tiền thưởng: <strong>1.520.000 đ</strong>" in asked
    assert not Decision.objects.exists()
    response = client.post(
        reverse("nominations:decisions"), {**chosen, "confirmed": "yes"}, follow=True
    )
    assert "Đã ban hành quyết định 90/QĐ-UBND cho 2 hồ sơ" in response.content.decode()
    decision = Decision.objects.get()
    assert sorted(decision.lines.values_list("nomination", flat=True)) == [
        waiting[0].pk,
        waiting[2].pk,
    ]
    waiting[1].refresh_from_db()
    assert waiting[1].state == S.AWAITING_DECISION


def test_the_queue_is_the_chairmans_only(client, world):
    client.force_login(world["standing_office"])
    assert client.get(reverse("nominations:decisions")).status_code == 404


def test_the_chairman_delegates_and_revokes_from_the_page(client, world):
    client.force_login(world["chairman"])
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post(
        reverse("nominations:delegations"),
        {
            "delegate": world["vice_chairman"].pk,
            "valid_from": today,
            "valid_to": today,
            "reason": "Đi công tác",
        },
        follow=True,
    )
    assert "Đã lưu" in response.content.decode()
    delegation = Delegation.objects.get()
    client.post(reverse("nominations:delegations"), {"revoke": delegation.pk})
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    assert list(
        AuditEvent.objects.filter(action__startswith="delegation.").values_list("action", flat=True)
    ) == ["delegation.grant", "delegation.revoke"]
    client.force_login(world["vice_chairman"])
    assert client.get(reverse("nominations:delegations")).status_code == 404


def test_the_queue_shows_the_signing_capacity_and_keeps_the_choice_on_refusal(client, world):
    waiting = [world.nomination(state=S.AWAITING_DECISION) for _ in range(2)]
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decisions")).content.decode()
    assert "với thẩm quyền: <strong>CHỦ TỊCH</strong>" in page
    response = client.post(
        reverse("nominations:decisions"),
        {"nomination": [waiting[1].pk], "number": "91/QĐ-UBND", "issued_on": ""},
        follow=True,
    )
    page = response.content.decode()
    assert "Cần ngày ký quyết định" in page
    assert 'value="91/QĐ-UBND"' in page
    assert f'value="{waiting[1].pk}" id="pick-{waiting[1].pk}" checked' in page
    assert f'value="{waiting[0].pk}" id="pick-{waiting[0].pk}" aria' in page
    assert not Decision.objects.exists()


def test_a_delegated_vice_chairman_signs_on_behalf(client, world):
    delegate(world)
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["vice_chairman"])
    page = client.get(reverse("nominations:decisions")).content.decode()
    assert "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in page
    client.post(
        reverse("nominations:decisions"),
        {
            "nomination": [nomination.pk],
            "number": "92/QĐ-UBND",
            "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
            "confirmed": "yes",
        },
    )
    assert Decision.objects.get().signing_capacity == "on_behalf"
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "(KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)" in page


def test_the_decision_page_generates_papers_and_serves_them_to_readers_only(
    client, world, django_capture_on_commit_callbacks
):
    waiting = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    client.post(
        reverse("nominations:decisions"),
        {"nomination": [waiting.pk], "number": "97/QĐ-UBND",
         "issued_on": timezone.localdate().strftime("%d/%m/%Y"), "confirmed": "yes"},
    )  # fmt: skip
    decision = Decision.objects.get()
    url = reverse("nominations:decision", args=[decision.pk])
    assert "Chưa tạo văn bản nào" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "decision"})
    page = client.get(url).content.decode()
    assert "Đang tạo văn bản" in page  # the message, shown on the next page
    document = decision.documents.get()
    pdf = reverse("nominations:document", args=[document.pk, "pdf"])
    assert pdf in page
    answer = client.get(pdf)
    assert answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content).startswith(b"%PDF")
    docx = client.get(reverse("nominations:document", args=[document.pk, "docx"]))
    assert b"".join(docx.streaming_content).startswith(b"PK")  # a zip: the DOCX
    client.force_login(world["unit_head"])  # sees the nomination, so the decision
    assert client.get(pdf).status_code == 200
    assert "Tạo:" not in client.get(url).content.decode()  # but may not generate
    assert client.post(url, {"kind": "decision"}, follow=True).status_code == 200
    assert decision.documents.count() == 1
    client.force_login(world["other_unit_head"])
    assert client.get(url).status_code == 404
    assert client.get(pdf).status_code == 404


def test_the_queue_shows_the_council_result_and_keeps_higher_awards_apart(client, world):
    ours = world.nomination(state=S.APPRAISED)
    council, members = council_of(world, size=4)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    meetings.meeting_add_item(meeting=meeting, nomination=ours, actor=office)
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    item = meeting.items.get()
    for member in members:
        council_services.ballot_cast(item=item, actor=member.user, choice="yes")
    meetings.meeting_close(meeting=meeting, actor=office)
    end_posting(ours, office)
    district_award()
    theirs = world.nomination("giay-khen-chu-tich-huyen", state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decisions")).content.decode()
    mine, apart = page.split('id="above"')
    assert f'value="{ours.pk}"' in mine
    assert "Đạt 4/4" in mine
    assert reverse("councils:minutes", args=[meeting.pk]) in mine
    # The district's award: no checkbox, no prize; the dossier is forwarded from its page.
    assert f'value="{theirs.pk}"' not in page
    assert f'href="/nominations/{theirs.pk}/"' in apart
    assert "Cấp huyện" in apart
