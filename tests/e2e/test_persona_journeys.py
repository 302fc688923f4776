"""What each persona meets in a real browser: refusals that say what is missing, dialogs
before what cannot be undone, the way to their vote, and a session that ends without
losing their work."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from councils import services as council_services
from nominations.models import Nomination
from tests.e2e.test_lifecycle_in_browser import act, sign_in
from tests.world import council_of
from workflow import meetings
from workflow import services as workflow_services

S = Nomination.State
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_revocation_without_its_reason_is_refused_and_then_confirmed(page, live_server, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nominations_approve(
        nominations=[nomination], actor=world["chairman"], number="90/QĐ-UBND",
        issued_on=timezone.localdate() - datetime.timedelta(days=10),
    )  # fmt: skip
    sign_in(page, live_server.url, "chutich")
    page.goto(f"{live_server.url}/nominations/{nomination.pk}/")
    page.select_option("#id_reason_code", "false_declaration")
    act(page, "Hủy khen thưởng")
    expect(page.get_by_role("status")).to_contain_text(
        "Chưa thực hiện “Hủy khen thưởng”: cần nhập Lý do, nội dung, Số quyết định hủy"
    )
    expect(page.locator("#state")).to_have_text("Đã khen thưởng")
    page.get_by_label("Lý do, nội dung").fill("Thanh tra kết luận kê khai không đúng.")
    page.get_by_label("Số quyết định hủy").fill("95/QĐ-UBND")
    page.get_by_label("Ngày ký quyết định hủy").fill(timezone.localdate().strftime("%d/%m/%Y"))
    act(page, "Hủy khen thưởng")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("việc này không hoàn tác")
    expect(dialog).to_contain_text("Gian dối trong kê khai thành tích")
    # Going back changes nothing and keeps what was typed.
    dialog.get_by_role("button", name="Quay lại, không thực hiện").click()
    expect(page.locator("#state")).to_have_text("Đã khen thưởng")
    expect(page.get_by_label("Số quyết định hủy")).to_have_value("95/QĐ-UBND")
    act(page, "Hủy khen thưởng")
    page.get_by_role("button", name="Xác nhận: Hủy khen thưởng").click()
    expect(page.locator("#state")).to_have_text("Đã hủy khen thưởng")


def test_the_unit_head_sees_the_papers_and_why_a_dossier_came_back(page, live_server, world):
    draft = world.nomination(papers=False)
    returned = world.nomination(state=S.SUBMITTED)
    workflow_services.nomination_return(
        nomination=returned, actor=world["standing_office"], reason="Bổ sung chữ ký trưởng thôn."
    )
    sign_in(page, live_server.url, "truongthon")
    page.goto(f"{live_server.url}/nominations/{draft.pk}/")
    expect(page.locator(".checklist li.missing")).to_have_count(3)
    act(page, "Gửi hồ sơ")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Chưa gửi được: hồ sơ chưa đủ giấy tờ bắt buộc.")
    expect(status).to_contain_text("Thiếu giấy tờ bắt buộc: Biên bản họp bình xét.")
    expect(page.locator("#state")).to_have_text("Nháp")
    page.goto(f"{live_server.url}/nominations/{returned.pk}/")
    expect(page.locator("#returned-reason")).to_contain_text("Bổ sung chữ ký trưởng thôn.")
    # Their own dossier's history, step by step.
    page.get_by_role("link", name="Xem lịch sử hồ sơ").click()
    expect(page.get_by_text("Trả lại, yêu cầu bổ sung").first).to_be_visible()


@pytest.fixture
def open_meeting(world):
    council, members = council_of(world, size=4)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường UBND xã"
    )
    nomination = world.nomination(state=S.APPRAISED)
    meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    return meeting, members


def test_a_council_member_reaches_their_vote_from_home_in_two_clicks(
    page, live_server, open_meeting
):
    meeting, members = open_meeting
    sign_in(page, live_server.url, members[3].user.username)
    page.get_by_role("link", name=re.compile("^Biểu quyết: Lao động tiên tiến")).click()  # 1
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_role("button", name="Bỏ phiếu").click()  # 2
    expect(page.get_by_role("status")).to_contain_text("Đã ghi phiếu của bạn")
    assert meeting.items.get().ballots.count() == 1


def test_a_session_ending_during_a_meeting_leads_to_sign_in_and_back(
    page, live_server, open_meeting
):
    meeting, members = open_meeting
    username = members[3].user.username
    sign_in(page, live_server.url, username)
    url = f"{live_server.url}/councils/meetings/{meeting.pk}/"
    page.goto(url)
    Session.objects.all().delete()  # the session ends while the page polls its counts
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="), timeout=15_000)
    expect(page.locator("#counts")).to_have_count(0)  # no login page inside the meeting page
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("pw")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(url)
    expect(page.locator("#meeting-state")).to_have_text("Đang họp")


def test_a_form_sent_after_the_session_ended_keeps_its_text(page, live_server, world):
    nomination = world.nomination()
    sign_in(page, live_server.url, "truongthon")
    edit = f"{live_server.url}/nominations/{nomination.pk}/edit/"
    page.goto(edit)
    typed = "Vận động 12 hộ hiến đất làm đường; tổ chức 4 buổi sinh hoạt chi hội."
    page.get_by_label("Tóm tắt thành tích").fill(typed)
    Session.objects.all().delete()
    page.get_by_role("button", name="Lưu").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Tên đăng nhập").fill("truongthon")
    page.get_by_label("Mật khẩu").fill("pw")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(edit)
    expect(page.locator("#kept-form-note")).to_be_visible()
    expect(page.get_by_label("Tóm tắt thành tích")).to_have_value(typed)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu")
    nomination.refresh_from_db()
    assert nomination.achievements == typed


def test_a_meeting_planned_for_tomorrow_does_not_open_today(page, live_server, world):
    council, members = council_of(world, size=4)
    office = world["standing_office"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=tomorrow, place="Hội trường UBND xã"
    )
    meetings.meeting_add_item(
        meeting=meeting, nomination=world.nomination(state=S.APPRAISED), actor=office
    )
    sign_in(page, live_server.url, "thuongtruc")
    page.goto(f"{live_server.url}/councils/meetings/{meeting.pk}/")
    # The opening names who chairs (the council's first seat by default) and the secretary.
    expect(page.get_by_label("Người chủ trì")).to_have_value(str(members[0].user_id))
    page.get_by_role("button", name="Khai mạc phiên họp").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Phiên họp dự kiến ngày {tomorrow:%d/%m/%Y}: chưa đến ngày họp"
    )
    expect(page.locator("#meeting-state")).to_have_text("Dự kiến")
