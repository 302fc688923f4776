"""The lifecycle's one POST endpoint: an action on a nomination, answered with a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from nominations.web.forms import ActionForm
from workflow.actions import ACTIONS
from workflow.selectors import nomination_get_for_user


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    declared = ACTIONS.get(action)
    if declared is None or not declared.on_nomination_page:
        raise Http404
    nomination = nomination_get_for_user(request.user, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin nhập chưa hợp lệ: ") + form.errors.as_text())
        return redirect("nominations:detail", pk=pk)
    try:
        declared.perform(nomination=nomination, actor=request.user, values=form.cleaned_data)
    except ApplicationError as refusal:
        detail = "; ".join(refusal.reasons)
        messages.error(request, f"{refusal.message} {detail}".strip())
        # Keep what the person typed, so a refusal costs them nothing.
        request.session[f"action-input-{pk}"] = {k: request.POST.get(k, "") for k in form.fields}
    else:
        messages.success(request, _("Đã thực hiện."))
    return redirect("nominations:detail", pk=pk)
