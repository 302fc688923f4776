"""What every endpoint of the REST API shares: its error body and its pagination.

Errors are JSON: {"code": machine-readable name, "message": a Vietnamese sentence a person can
act on, "reasons": [...], "fields": {field: [messages]} for bad input}.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.errors import ApplicationError
from core.pagination import COUNT_CAP, KeysFirstPaginator
from core.text import visible


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class NominationPagination(Pagination):
    """`count` stops at 10,000 (see core.pagination); `count_capped` says there are more."""

    django_paginator_class = KeysFirstPaginator

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.count_capped
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"true: more than {COUNT_CAP:,} nominations match; count stops there",
        }
        paged["required"] = [*paged.get("required", []), "count_capped"]
        return paged


class SequencePagination(CursorPagination):
    """The audit log pages by sequence number: no COUNT over a million events, and a page
    reads the same when events are appended meanwhile."""

    ordering = "sequence"
    page_size_query_param = "page_size"
    max_page_size = 200


class UserThrottle(UserRateThrottle):
    """Calls per signed-in user (by token or session), counted in the shared cache."""

    def get_rate(self) -> str:
        return settings.API_USER_RATE  # read per call, so a test may override it


class AnonThrottle(AnonRateThrottle):
    """Calls without credentials (the token endpoint), per address."""

    def get_rate(self) -> str:
        return settings.API_ANON_RATE


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (documented in the schema)."""

    code = serializers.CharField()
    message = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    fields = serializers.DictField(required=False)


class InputSerializer(serializers.Serializer):
    """A request body: a field the operation does not take is refused by name (400), never
    silently ignored, so a misspelt field cannot pass for an empty one."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                message = _("Trường này không có trong thao tác.")
                raise exceptions.ValidationError({name: [message] for name in unknown})
            # An id or a count is a whole number: 1.5 (or true) is refused, not read as 1.
            inexact = [
                name
                for name in data
                if _takes_whole_numbers(self.fields[name]) and _inexact(data[name])
            ]
            if inexact:
                message = _("Cần số nguyên.")
                raise exceptions.ValidationError({name: [message] for name in inexact})
            data = _visible_text(data, self.fields)
        return super().to_internal_value(data)


def _visible_text(data, fields):
    """Text fields without invisible characters at the ends: a place or a reason made of a
    zero-width space is empty, and refused where it is required (core.text)."""
    texts = [
        name
        for name, value in data.items()
        if isinstance(fields[name], serializers.CharField) and isinstance(value, str)
    ]
    if not texts:
        return data
    data = data.copy()  # a QueryDict (multipart) is immutable
    for name in texts:
        data[name] = visible(data[name])
    return data


def _takes_whole_numbers(field: serializers.Field) -> bool:
    if isinstance(field, serializers.ListField):
        field = field.child
    if isinstance(field, serializers.ManyRelatedField):
        field = field.child_relation
    return isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField)


def _inexact(value) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, bool | float) for v in values)


def _body(code: str, message: str, **extra) -> dict:
    return {"code": code, "message": message, **{k: v for k, v in extra.items() if v}}


def application_error_response(refusal: ApplicationError) -> Response:
    body = _body(refusal.code, refusal.message, reasons=refusal.reasons)
    return Response(body, status=refusal.http_status)


def exception_handler(exc, context):
    # Imported here: rest_framework.views reads DEFAULT_THROTTLE_CLASSES, which name this
    # module, so importing it at the top fails whenever this module is imported first (as
    # `check` does when DRF's pagination check happens to run before the URL check).
    from rest_framework.views import exception_handler as drf_exception_handler

    from nominations.selectors import CatalogueGap

    if isinstance(exc, ApplicationError):
        return application_error_response(exc)
    if isinstance(exc, CatalogueGap):  # the catalogue lacks a row for that date: say which
        return Response(_body("catalogue_gap", str(exc)), status=400)
    if isinstance(exc, OverflowError | RecursionError):
        # A number past 64 bits reached the database, or a body nested past Python's limit.
        message = _("Dữ liệu gửi lên vượt giới hạn (số quá lớn hoặc lồng nhau quá sâu).")
        return Response(_body("invalid_input", message), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling and logging take over
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = _body("invalid_input", _("Dữ liệu gửi lên chưa hợp lệ."), fields=fields)
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response.data = _body("not_authenticated", _("Cần đăng nhập hoặc mã truy cập hợp lệ."))
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF"):
        # SessionAuthentication refuses a write with no CSRF token: say so, it is fixable.
        response.data = _body(
            "csrf_failed",
            _("Thiếu mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken, hoặc dùng mã truy cập."),
        )
    elif isinstance(exc, exceptions.PermissionDenied):
        response.data = _body("not_permitted", _("Bạn không có quyền thực hiện thao tác này."))
    elif isinstance(exc, exceptions.NotFound):
        response.data = _body("not_found", _("Không tìm thấy."))
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response.data = _body("method_not_allowed", _("Phương thức không được hỗ trợ."))
    elif isinstance(exc, exceptions.ParseError | exceptions.UnsupportedMediaType):
        response.data = _body("invalid_input", _("Dữ liệu gửi lên không đọc được."))
    elif isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 0) + (1 if exc.wait and exc.wait % 1 else 0)
        response.data = _body(
            "throttled",
            _("Quá nhiều yêu cầu, vui lòng thử lại sau %(seconds)d giây.") % {"seconds": wait},
        )
    else:
        response.data = _body("error", str(exc.detail))
    return response
