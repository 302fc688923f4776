from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from accounts import second_factor
from accounts.web.forms import CodeForm
from core import clock
from core.errors import ApplicationError
from core.pagination import rows_sorted_by_keys
from councils.models import Membership
from councils.selectors import meetings_of_member, user_roles_on
from nominations.selectors import LIST_RELATED
from workflow.inbox import my_notifications, my_tasks
from workflow.selectors import nominations_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    recent = nominations_visible_to(request.user).select_related(*LIST_RELATED)
    roles = user_roles_on(request.user)
    chairman = any(role.role == Membership.Role.CHAIRMAN for role in roles)
    return render(
        request,
        "accounts/home.html",
        {
            "roles": roles,
            "may_enrol": chairman or request.user.is_staff,
            "tasks": my_tasks(request.user),
            "today": clock.today(),
            "recent": rows_sorted_by_keys(recent.order_by("-updated_at", "-id"), 0, 10),
            "notifications": my_notifications(request.user),
            "council": meetings_of_member(request.user, clock.today()),
        },
    )


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol (QR code, then a first code confirms) or remove the TOTP second factor."""
    if not second_factor.may_enrol(request.user):
        raise PermissionDenied
    device = second_factor.confirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if device is None:
                enrolled = second_factor.device_confirm(
                    user=request.user,
                    device=second_factor.pending_device(request.user),
                    code=code,
                    request=request,
                )
                otp_login(request, enrolled)
                messages.success(request, _("Đã bật xác thực hai bước."))
            else:
                second_factor.device_remove(user=request.user, code=code, request=request)
                messages.success(request, _("Đã tắt xác thực hai bước."))
            return redirect("accounts:two_factor")
        except ApplicationError as refusal:
            form.add_error("code", refusal.message)
    context = {"form": form, "enrolled": device is not None}
    if device is None:
        context.update(second_factor.provisioning(second_factor.pending_device(request.user)))
    return render(request, "accounts/two_factor.html", context)
