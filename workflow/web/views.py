"""The lifecycle's one POST endpoint: an action on a nomination. An action that cannot be
undone first shows what will happen and asks again; the answer says what happened and what
comes next."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from nominations.models import Nomination
from nominations.web.forms import ActionForm
from workflow import notifications
from workflow.actions import ACTIONS, Action, Input
from workflow.next_steps import next_step
from workflow.selectors import nomination_get_for_user
from workflow.services.transitions import check_action

CONFIRMED = "yes"


def _keep_input(request: HttpRequest, pk: int, form: ActionForm) -> None:
    """Keep what the person typed for the page they go back to, so nothing is typed twice."""
    request.session[f"action-input-{pk}"] = {k: request.POST.get(k, "") for k in form.fields}


def _missing(declared: Action, values: dict) -> list[str]:
    return [
        str(i.label) for i in declared.inputs if i.required and values.get(i.field) in ("", None)
    ]


def _shown(given: Input, value) -> str:
    """An input's value as the person reads it in the confirmation."""
    if given.choices and value:
        return str(given.choices(value).label) if value in given.choices.values else value
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def _done_message(declared: Action, nomination: Nomination) -> str:
    step = next_step(nomination)
    said = _("Đã thực hiện “%(action)s”. Hồ sơ: %(state)s. %(next)s") % {
        "action": declared.label,
        "state": nomination.get_state_display(),
        "next": step.text,
    }
    if not step.url_name:
        return said
    return format_html('{} <a href="{}">{}</a>', said, reverse(step.url_name), step.link_label)


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
        _keep_input(request, pk, form)
        return redirect("nominations:detail", pk=pk)
    values = form.cleaned_data
    try:  # who may and when, before asking anything more of them
        check_action(request.user, action, nomination)
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
        return redirect("nominations:detail", pk=pk)
    missing = _missing(declared, values)
    if missing:
        messages.error(
            request,
            _("Chưa thực hiện “%(action)s”: cần nhập %(fields)s.")
            % {"action": declared.label, "fields": ", ".join(missing)},
        )
        _keep_input(request, pk, form)
        return redirect("nominations:detail", pk=pk)
    if declared.needs_confirmation and request.POST.get("confirmed") != CONFIRMED:
        _keep_input(request, pk, form)  # "Quay lại" finds the page as it was left
        return render(
            request,
            "nominations/confirm.html",
            {
                "nomination": nomination,
                "action": declared,
                "entered": [
                    (given, request.POST.get(given.field, ""), _shown(given, values[given.field]))
                    for given in declared.inputs
                ],
                "confirmed": CONFIRMED,
            },
        )
    try:
        moved = declared.perform(nomination=nomination, actor=request.user, values=values)
    except ApplicationError as refusal:
        detail = "; ".join(refusal.reasons)
        messages.error(request, f"{refusal.message} {detail}".strip())
        _keep_input(request, pk, form)
    else:
        request.session.pop(f"action-input-{pk}", None)
        if not isinstance(moved, Nomination):  # approve answers with its decision
            nomination.refresh_from_db()
            moved = nomination
        messages.success(request, _done_message(declared, moved))
    return redirect("nominations:detail", pk=pk)


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its dossier, marking it read."""
    found = notifications.notification_open(user=request.user, notification_id=pk)
    if found is None:
        raise Http404
    if found.nomination_id:
        return redirect("nominations:detail", pk=found.nomination_id)
    return redirect("accounts:home")
