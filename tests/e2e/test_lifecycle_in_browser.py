"""One nomination from draft to decision, through the pages, in a real browser."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from nominations.models import Nomination
from tests import factories
from tests.world import council_of
from workflow.models import Deadline

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page: Page, base: str, username: str) -> None:
    """By keyboard alone: type the name, Tab to the password, Enter to sign in."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mật khẩu")).to_be_focused()
    page.keyboard.type("pw")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()


def act(page: Page, label: str) -> None:
    page.locator("#actions").get_by_role("button", name=label, exact=True).click()


def test_a_nomination_goes_from_draft_to_decision_and_every_step_is_in_its_timeline(
    page: Page, live_server, world, tmp_path, shot
):
    base = live_server.url
    council, members = council_of(world, size=4)
    nominee = factories.person(world.unit, full_name="Lê Thị Hồng")
    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(PDF)

    # The unit head drafts, attaches the three papers and submits.
    sign_in(page, base, "truongthon")
    shot(page, "home")
    page.goto(f"{base}/nominations/new/")
    award = page.locator('select[name="award_type"]')
    # Choosing a household swaps in the household awards (htmx) and hides the person inputs.
    page.get_by_label("Hộ gia đình", exact=True).check()
    expect(award.locator("option", has_text="Gia đình văn hóa")).to_have_count(1)
    expect(award.locator("option", has_text="Lao động tiên tiến")).to_have_count(0)
    expect(page.locator('select[name="person"]')).to_be_hidden()
    page.get_by_label("Cá nhân", exact=True).check()
    expect(award.locator("option", has_text="Lao động tiên tiến")).to_have_count(1)
    page.select_option('select[name="unit"]', str(world.unit.pk))
    page.select_option('select[name="person"]', str(nominee.pk))
    page.select_option('select[name="award_type"]', label="Lao động tiên tiến")
    page.select_option('select[name="period"]', str(world.period.pk))
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành xuất sắc nhiệm vụ năm 2026.")
    page.select_option('select[name="task_rating"]', "htt")
    page.get_by_label("Số tháng công tác trong năm", exact=False).fill("12")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lập hồ sơ nháp")).to_be_visible()
    url = page.url
    papers = {
        "to_trinh": "Tờ trình đề nghị khen thưởng",
        "danh_sach": "Danh sách đề nghị",
        "bien_ban_binh_xet": "Biên bản họp bình xét",
    }
    for document, label in papers.items():
        page.select_option('select[name="document"]', document)
        page.set_input_files("#id_file", str(scan))
        page.get_by_role("button", name="Đính kèm", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"Đã đính kèm {label}.")
    expect(page.get_by_role("status")).to_contain_text("Đủ giấy tờ bắt buộc: có thể gửi hồ sơ.")
    expect(page.locator(".checklist li.missing")).to_have_count(0)
    act(page, "Gửi hồ sơ")
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ thẩm định")

    # A unit head of another unit cannot even see it.
    sign_in(page, base, "truongthon2")
    page.goto(url)
    expect(page.get_by_role("heading", name="Không tìm thấy trang hoặc hồ sơ")).to_be_visible()

    # The standing office returns it with a reason; the unit head supplements and resubmits.
    sign_in(page, base, "thuongtruc")
    page.goto(url)
    page.get_by_label("Lý do, nội dung").fill("Bổ sung chữ ký trên biên bản bình xét.")
    act(page, "Trả lại, yêu cầu bổ sung")
    expect(page.locator("#state")).to_have_text("Trả lại, yêu cầu bổ sung")
    sign_in(page, base, "truongthon")
    page.goto(url)
    page.get_by_role("link", name="Sửa, bổ sung").click()
    # A refused save keeps what was typed: the box ticked stays ticked.
    page.get_by_label("Hoàn thành xuất sắc nhiệm vụ (có văn bản xác nhận)").check()
    page.get_by_label("Tóm tắt thành tích").fill("")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#id_achievements_error")).to_be_visible()
    expect(page.get_by_label("Tóm tắt thành tích")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Hoàn thành xuất sắc nhiệm vụ (có văn bản xác nhận)")).to_be_checked()
    page.get_by_label("Tóm tắt thành tích").fill("Đã bổ sung biên bản có đủ chữ ký.")
    page.get_by_role("button", name="Lưu").click()
    act(page, "Gửi lại")
    expect(page.locator("#state")).to_have_text("Đã gửi, chờ thẩm định")

    # The standing office appraises, plans a meeting, puts it on the agenda and opens it.
    sign_in(page, base, "thuongtruc")
    page.goto(url)
    act(page, "Thẩm định đạt")
    expect(page.locator("#state")).to_have_text("Đã thẩm định, chờ Hội đồng")
    page.goto(f"{base}/councils/{council.pk}/")
    page.get_by_label("Ngày họp (dd/mm/yyyy)").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã")
    page.get_by_role("button", name="Lập kế hoạch").click()
    meeting_url = page.url
    page.get_by_label(re.compile("Lê Thị Hồng")).check()
    page.get_by_role("button", name="Đưa vào chương trình").click()
    page.get_by_role("button", name="Khai mạc phiên họp").click()
    expect(page.locator("#meeting-state")).to_have_text("Đang họp")

    # Three members vote; a member who has voted is not offered a second ballot.
    for member in members[1:4]:
        sign_in(page, base, member.user.username)
        page.goto(meeting_url)
        # The threshold and its base are told before the vote: > 50 % of the 4 present.
        expect(page.locator(".vote-rule")).to_contain_text("cần ít nhất 3 phiếu đồng ý")
        page.get_by_label("Đồng ý", exact=True).check()
        page.get_by_role("button", name="Bỏ phiếu").click()
        expect(page.get_by_text("bạn đã bỏ phiếu")).to_be_visible()
        expect(page.get_by_role("button", name="Bỏ phiếu")).to_have_count(0)
    # A second ballot posted straight at the server (no form offers it) is refused.
    item = council.meetings.get().items.get()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(  # follows the redirect back to the meeting page
        f"{base}/councils/items/{item.pk}/vote/",
        form={"choice": "no"},
        headers={"X-CSRFToken": token, "Referer": meeting_url},
    )
    assert answer.ok
    assert "Thành viên này đã có phiếu cho nội dung này." in answer.text()
    assert item.ballots.count() == 3
    shot(page, "meeting")

    # The meeting closes after a dialog naming the member present who has not voted.
    sign_in(page, base, "thuongtruc")
    page.goto(meeting_url)
    page.get_by_role("button", name="Kết thúc phiên họp và kiểm phiếu").click()
    expect(page.get_by_role("dialog")).to_contain_text(str(members[0].user))
    shot(page, "meeting-close-dialog")
    page.get_by_role("button", name="Xác nhận kết thúc và kiểm phiếu").click()
    expect(page.locator("#meeting-state")).to_have_text("Đã kết thúc")
    page.goto(url)
    expect(page.locator("#state")).to_have_text("Đang công khai")
    # The posting cannot end before its window: refused after the confirmation, unchanged.
    act(page, "Kết thúc công khai")
    page.get_by_role("button", name="Xác nhận: Kết thúc công khai").click()
    expect(page.get_by_text("Chưa hết thời gian công khai")).to_be_visible()
    expect(page.locator("#state")).to_have_text("Đang công khai")
    # Days pass: the window's last day is yesterday.
    Deadline.objects.filter(nomination__person=nominee, kind="end_posting").update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    act(page, "Kết thúc công khai")
    page.get_by_role("button", name="Xác nhận: Kết thúc công khai").click()
    expect(page.locator("#state")).to_have_text("Chờ Chủ tịch quyết định")
    expect(page.get_by_text("Hồ sơ chờ Chủ tịch quyết định.")).to_be_visible()

    # The chairman approves it into a decision; a missing date is refused and the number kept.
    sign_in(page, base, "chutich")
    page.goto(url)
    page.get_by_label("Số, ký hiệu quyết định").fill("89/QĐ-UBND")
    act(page, "Quyết định khen thưởng")
    expect(page.get_by_text("cần nhập Ngày ký")).to_be_visible()
    expect(page.get_by_label("Số, ký hiệu quyết định")).to_have_value("89/QĐ-UBND")
    page.get_by_label("Ngày ký (dd/mm/yyyy)").fill(timezone.localdate().strftime("%d/%m/%Y"))
    act(page, "Quyết định khen thưởng")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Quyết định khen thưởng được ban hành")
    expect(dialog).to_contain_text("89/QĐ-UBND")
    shot(page, "approve-dialog")
    dialog.get_by_role("button", name="Xác nhận: Quyết định khen thưởng").click()
    expect(page.locator("#state")).to_have_text("Đã khen thưởng")
    expect(page.get_by_text("89/QĐ-UBND")).to_be_visible()
    expect(page.get_by_text("760.000 đ")).to_be_visible()
    shot(page, "decision")

    # The auditor reads every step in the timeline.
    sign_in(page, base, "kiemtra")
    nomination = Nomination.objects.get(person=nominee)
    page.goto(f"{base}/audit/nominations/{nomination.pk}/")
    for step in (
        "Gửi hồ sơ đề nghị", "Trả lại, yêu cầu bổ sung", "Gửi lại hồ sơ đã bổ sung",
        "Thẩm định hồ sơ", "Đưa vào chương trình họp Hội đồng", "Kết quả biểu quyết của Hội đồng",
        "Kết thúc công khai", "Quyết định khen thưởng",
    ):  # fmt: skip
        expect(page.get_by_text(step, exact=False).first).to_be_visible()
    shot(page, "timeline")
    page.goto(f"{base}/nominations/dashboard/")
    shot(page, "dashboard")
    # On a phone the dashboard fits the screen: nothing to scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("figure.movement")).to_have_count(1)
    shot(page, "dashboard-phone")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 8)"
    )
    assert wide == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    shot(page, "nomination")
