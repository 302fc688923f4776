"""What a nomination waits for after an action, told to the person who just acted: one
sentence per state and the page where that work is done (the page's message links it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nominations.models import Nomination

S = Nomination.State


@dataclass(frozen=True)
class NextStep:
    text: str
    link_label: str = ""
    url_name: str = ""  # a page without arguments; empty for the dossier's own page


NEXT_STEPS: dict[str, NextStep] = {
    S.DRAFT: NextStep(_("Đính kèm đủ giấy tờ bắt buộc rồi gửi hồ sơ.")),
    S.SUBMITTED: NextStep(
        _("Thường trực Hội đồng kiểm tra, thẩm định hồ sơ; bạn được báo khi có kết quả."),
        _("Danh sách hồ sơ"),
        "nominations:list",
    ),
    S.RETURNED: NextStep(
        _("Đơn vị đề nghị bổ sung theo lý do đã ghi rồi gửi lại."),
        _("Hồ sơ chờ thẩm định"),
        "nominations:appraisal",
    ),
    S.APPRAISED: NextStep(
        _("Tiếp theo: đưa hồ sơ vào chương trình một phiên họp Hội đồng."),
        _("Hội đồng và phiên họp"),
        "councils:list",
    ),
    S.IN_COUNCIL: NextStep(_("Hồ sơ chờ Hội đồng biểu quyết tại phiên họp.")),
    S.POSTED: NextStep(
        _("Hồ sơ đang công khai lấy ý kiến; hết thời hạn, hồ sơ chuyển Chủ tịch quyết định.")
    ),
    S.AWAITING_DECISION: NextStep(
        _("Hồ sơ chờ Chủ tịch quyết định."), _("Hồ sơ chờ quyết định"), "nominations:decisions"
    ),
    S.APPROVED: NextStep(_("Đã có quyết định khen thưởng; văn bản tải ở trang hồ sơ.")),
    S.REJECTED: NextStep(_("Hồ sơ kết thúc: không khen thưởng.")),
    S.WITHDRAWN: NextStep(_("Hồ sơ kết thúc: đơn vị đã rút.")),
    S.REVOKED: NextStep(_("Khen thưởng đã bị hủy; sổ khen thưởng ghi ngày hủy.")),
    S.FORWARDED: NextStep(
        _("Hồ sơ chờ cấp trên quyết định; Thường trực ghi nhận kết quả khi có văn bản.")
    ),
    S.ON_HOLD: NextStep(_("Hồ sơ tạm dừng đến khi có kết luận; Thường trực cho tiếp tục xét.")),
}


def next_step(nomination: Nomination) -> NextStep:
    return NEXT_STEPS[nomination.state]
