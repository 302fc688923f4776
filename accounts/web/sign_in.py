"""Signing in: the password (django-axes locks out repeated failures), then, for an account
with a confirmed TOTP device, the code; the session is opened only after both."""

from __future__ import annotations

import time

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts import second_factor
from accounts.models import User
from accounts.web.forms import CodeForm

PENDING = "sign_in_pending"
PENDING_SECONDS = 5 * 60


class SignInView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not second_factor.needs_code(user):
            return super().form_valid(form)
        # The password was right; remember who, but open no session before the code.
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
        }
        return redirect("accounts:login_code")


def _pending_user(request: HttpRequest) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING) or {}
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        return None, {}
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


def sign_in_code(request: HttpRequest) -> HttpResponse:
    user, pending = _pending_user(request)
    device = second_factor.confirmed_device(user)
    if device is None:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify(device, form.cleaned_data["code"]):
            request.session.pop(PENDING, None)
            user.otp_device = device  # django-otp marks the session verified on login
            auth.login(request, user, backend=pending["backend"])
            target = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "accounts:home"
            return redirect(target)
        second_factor.record_wrong_code(user, request)
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "registration/login_code.html", {"form": form})
