"""Error pages: HTML for people, and under /api/ the JSON body of the API's contract
(`code`, `message`) whatever failed: an unknown path, a request too large, a server error."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return _json("too_large", _("Dữ liệu gửi lên quá lớn."), 413)
    if isinstance(exception, TooManyFieldsSent):
        return _json("too_large", _("Gửi lên quá nhiều trường dữ liệu."), 413)
    return _json("invalid_input", _("Yêu cầu không hợp lệ."), 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if not _is_api(request):
        return defaults.permission_denied(request, exception)
    return _json("not_permitted", _("Bạn không có quyền thực hiện thao tác này."), 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    return _json("not_found", _("Không tìm thấy."), 404)


def server_error(request: HttpRequest) -> HttpResponse:
    if not _is_api(request):
        return defaults.server_error(request)
    return _json("server_error", _("Lỗi máy chủ; sự cố đã được ghi lại để khắc phục."), 500)
