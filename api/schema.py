"""The OpenAPI schema's error answers, added to every operation that can give them.

The views declare their successful bodies; the statuses every endpoint shares (a bad query or
body, no or a wrong token, a refusal, something not found or a page past the end, a conflict
of state or version, a body too large, too many calls) come from the API's common code
(api/base.py, config/errors.py), so they are documented here once, with the one error body
they all have (`Error`). schemathesis (tests/api/test_schemathesis.py) holds the schema to it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ERROR = {"$ref": "#/components/schemas/Error"}
WRITES = {"post", "put", "patch", "delete"}
DESCRIPTIONS = {
    "400": _("Dữ liệu gửi lên không hợp lệ (fields: lỗi theo trường)"),
    "401": _("Chưa đăng nhập hoặc mã truy cập sai"),
    "403": _("Không có quyền"),
    "404": _("Không tìm thấy, hoặc ngoài phạm vi của bạn; trang vượt quá số trang"),
    "409": _("Trạng thái hoặc phiên bản hồ sơ đã thay đổi"),
    "413": _("Nội dung gửi lên quá lớn"),
    "429": _("Gọi quá nhiều lần; thử lại sau"),
}


def _statuses(path: str, method: str, operation: dict) -> set[str]:
    statuses = {"400", "429"}  # any query or body may be malformed; every call is counted
    security = operation.get("security") or [{}]
    signed_in = {} not in security  # the token operation is the one open to anyone
    if signed_in:
        # 404 too: what the caller may not see does not exist for them (the audit log, say).
        statuses |= {"401", "403", "404"}
    if "{" in path or any(p.get("name") == "page" for p in operation.get("parameters", [])):
        statuses.add("404")
    if method in WRITES:
        statuses.add("413")
        if signed_in:
            statuses.add("409")  # a state or version that moved on
    return statuses


def document_errors(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", *WRITES}:
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(_statuses(path, method, operation)):
                responses.setdefault(
                    status,
                    {
                        "description": str(DESCRIPTIONS[status]),
                        "content": {"application/json": {"schema": ERROR}},
                    },
                )
    return result
