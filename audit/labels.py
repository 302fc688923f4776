"""Vietnamese names of audit actions and of the objects they touch, for the auditor's
screens and exports, and the reverse: the actions whose name a search typed."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "nomination.create": _("Lập hồ sơ đề nghị"),
    "nomination.update": _("Sửa, bổ sung hồ sơ"),
    "attachment.add": _("Đính kèm giấy tờ"),
    "attachment.remove": _("Xóa giấy tờ khỏi hồ sơ"),
    "backup.create": _("Sao lưu toàn bộ dữ liệu"),
    "backup.restore": _("Khôi phục dữ liệu từ bản sao lưu"),
    "attachment.mismatch": _("Tệp đính kèm không khớp mã băm, không được tải xuống"),
    "person.add": _("Thêm cá nhân của đơn vị"),
    "map.load": _("Nạp bản đồ hành chính"),
    "succession.apply": _("Chuyển giao cho đơn vị hành chính kế thừa"),
    "nomination.transfer": _("Hồ sơ chuyển sang đơn vị kế thừa"),
    "ledger.import": _("Nhập khen thưởng đã có vào sổ theo dõi"),
    "target.result": _("Nhập kết quả chỉ tiêu thi đua"),
    "registration.assess": _("Đánh giá thực hiện đăng ký thi đua"),
    "bloc.score": _("Chấm điểm khối thi đua"),
    "proceeding.open": _("Ghi nhận vụ việc (khiếu nại, kỷ luật, thanh tra)"),
    "proceeding.close": _("Ghi nhận kết luận vụ việc"),
    "household.add": _("Thêm hộ gia đình của thôn"),
    "nomination.submit": _("Gửi hồ sơ đề nghị"),
    "nomination.withdraw": _("Rút hồ sơ"),
    "nomination.resubmit": _("Gửi lại hồ sơ đã bổ sung"),
    "nomination.return": _("Trả lại, yêu cầu bổ sung"),
    "nomination.appraise": _("Thẩm định hồ sơ"),
    "nomination.schedule": _("Đưa vào chương trình họp Hội đồng"),
    "nomination.defer": _("Rút khỏi chương trình họp"),
    "nomination.council_result": _("Kết quả biểu quyết của Hội đồng"),
    "nomination.end_posting": _("Kết thúc công khai"),
    "nomination.hold": _("Tạm dừng xét"),
    "nomination.release": _("Tiếp tục xét"),
    "nomination.approve": _("Quyết định khen thưởng"),
    "nomination.reject": _("Không khen thưởng"),
    "nomination.forward": _("Trình cấp trên"),
    "nomination.record_outcome": _("Ghi nhận kết quả của cấp trên"),
    "nomination.revoke": _("Hủy quyết định khen thưởng"),
    "meeting.plan": _("Lập kế hoạch phiên họp"),
    "meeting.open": _("Khai mạc phiên họp"),
    "meeting.close": _("Kết thúc phiên họp"),
    "ballot.cast": _("Bỏ phiếu"),
    "comment.post": _("Góp ý"),
    "delegation.grant": _("Ủy quyền quyết định"),
    "delegation.revoke": _("Thu hồi ủy quyền"),
    "role.grant": _("Giao vai trò"),
    "role.end": _("Kết thúc vai trò"),
    "permission.grant": _("Cấp quyền trên đối tượng"),
    "permission.revoke": _("Thu hồi quyền trên đối tượng"),
    "auth.login": _("Đăng nhập"),
    "auth.login_failed": _("Đăng nhập không thành công"),
    "auth.token": _("Cấp mã truy cập API"),
    "auth.locked_out": _("Khóa đăng nhập tạm thời do sai nhiều lần"),
    "auth.otp_enrol": _("Bật xác thực hai bước"),
    "auth.otp_remove": _("Tắt xác thực hai bước"),
    "auth.otp_failed": _("Nhập sai mã xác thực hai bước"),
    "document.generate": _("Tạo văn bản"),
    "certificates.print_on_blank": _("In giấy khen, bằng trên phôi"),
    "printer.add": _("Thêm máy in"),
    "printer.change": _("Sửa máy in, độ lệch khi in"),
    "printer.remove": _("Xóa máy in"),
    "certificate_layout.create": _("Tạo bố cục in trên phôi"),
    "certificate_layout.change": _("Sửa bố cục in trên phôi"),
    "certificate_layout.remove": _("Xóa bố cục in trên phôi"),
    "document.sign": _("Ký số văn bản"),
    "attachment.verify_signatures": _("Kiểm tra chữ ký số của giấy tờ tải lên"),
    "audit.export": _("Xuất nhật ký"),
}
_VERBS = {
    "add": _("thêm"),
    "change": _("sửa"),
    "delete": _("xóa"),
    "withdraw": _("ngừng áp dụng"),
    "reinstate": _("áp dụng lại"),
}
_FAMILIES = {
    "catalogue": _("Danh mục khen thưởng"),
    "role": _("Vai trò"),
    "delegation": _("Ủy quyền"),
    "account": _("Tài khoản"),
    "admin": _("Quản trị"),
}


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    family, _sep, verb = action.partition(".")
    if family in _FAMILIES and verb in _VERBS:
        return f"{_FAMILIES[family]}: {_VERBS[verb]}"
    return action


def object_label(object_type: str) -> str:
    """ "nominations.nomination" reads "Hồ sơ đề nghị" (the model's own verbose name)."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name).capitalize()


def actions_named(text: str) -> list[str]:
    """The action codes whose code starts with, or whose Vietnamese name contains, `text`."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    return [
        code
        for code in ACTION_LABELS
        if code.startswith(wanted) or wanted in str(ACTION_LABELS[code]).casefold()
    ]


def object_types_named(text: str) -> list[str]:
    """The object types named by `text`: a code ("nominations.nomination") as it is, or the
    types whose Vietnamese name contains it ("hồ sơ")."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    if "." in wanted:  # a code is taken as it is
        return [wanted]
    return [
        model._meta.label_lower
        for model in apps.get_models()
        if wanted in str(model._meta.verbose_name).casefold()
    ]
