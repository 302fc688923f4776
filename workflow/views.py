"""The lifecycle's one POST endpoint: an action on a nomination, answered with a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from nominations.forms import ActionForm
from workflow import services as s
from workflow.flow import ACTIONS
from workflow.selectors import nomination_get_for_user

# Each action's service and the form fields it takes. schedule, defer and council_result are
# taken on the meeting pages, through the meeting services.
CALLS = {
    "submit": (s.nomination_submit, []),
    "withdraw": (s.nomination_withdraw, ["reason"]),
    "resubmit": (s.nomination_resubmit, []),
    "return": (s.nomination_return, ["reason"]),
    "appraise": (s.nomination_appraise, []),
    "hold": (s.nomination_hold, ["reason_code", "reason"]),
    "release": (s.nomination_release, [("resolution", "reason")]),
    "approve": (s.nomination_approve, ["number", "issued_on"]),
    "reject": (s.nomination_reject, ["reason"]),
    "forward": (s.nomination_forward, []),
    "end_posting": (s.nomination_end_posting, []),
    "record_outcome": (
        s.nomination_record_outcome,
        ["approved", ("decision_number", "number"), ("decision_date", "issued_on"), "reason"],
    ),
    "revoke": (s.nomination_revoke, ["reason_code", "reason"]),
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS or action not in CALLS:
        raise Http404
    nomination = nomination_get_for_user(request.user, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin nhập chưa hợp lệ: ") + form.errors.as_text())
        return redirect("nominations:detail", pk=pk)
    service, fields = CALLS[action]
    kwargs = {}
    for field in fields:
        name, source = field if isinstance(field, tuple) else (field, field)
        kwargs[name] = form.cleaned_data.get(source)
    try:
        service(nomination=nomination, actor=request.user, **kwargs)
    except ApplicationError as refusal:
        detail = "; ".join(refusal.reasons)
        messages.error(request, f"{refusal.message} {detail}".strip())
        # Keep what the person typed, so a refusal costs them nothing.
        request.session[f"action-input-{pk}"] = {k: request.POST.get(k, "") for k in form.fields}
    else:
        messages.success(request, _("Đã thực hiện."))
    return redirect("nominations:detail", pk=pk)
