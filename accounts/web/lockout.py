"""What django-axes answers once a username is locked out from an address (AXES_* settings)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_message() -> str:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.") % {
        "minutes": minutes
    }


def lockout_response(request: HttpRequest, original_response, credentials) -> HttpResponse:
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        body = {"code": "locked_out", "message": lockout_message()}
        return JsonResponse(body, status=status)
    form = AuthenticationForm(request, data=None)
    username = (credentials or {}).get("username", "")
    form.initial["username"] = username
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_out": lockout_message()},
        status=status,
    )
