"""The admin site: a staff member who has enrolled a TOTP device enters only with the code."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.second_factor import needs_code


class PasswordOnlyAdminLoginForm(AdminAuthenticationForm):
    """The admin's own sign-in has no code step: device owners sign in on the main page."""

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if needs_code(user):
            raise forms.ValidationError(
                _(
                    "Tài khoản này dùng mã xác thực hai bước: hãy đăng nhập ở trang đăng nhập "
                    "chính, rồi mở trang quản trị."
                ),
                code="second_factor",
            )


class AdminSite(admin.AdminSite):
    login_form = PasswordOnlyAdminLoginForm

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        # OTPMiddleware marks a session that gave the code; one without it is refused here.
        if request.user.is_verified():
            return True
        if not hasattr(request, "_admin_needs_code"):  # asked several times per page
            request._admin_needs_code = needs_code(request.user)
        return not request._admin_needs_code
