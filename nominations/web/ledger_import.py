"""The award ledger's Excel import, in two steps: upload and read the report (errors per row and
column, who each row is about, the rows that fit several people with a choice to make); then
confirm the chosen rows. Nothing is saved before the confirmation, and then all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.downloads import attachment
from core.errors import ApplicationError
from core.requests import key_of, keys_of
from nominations.ledger_import import (
    HEADERS,
    NEW,
    LedgerRow,
    ledger_import,
    ledger_import_authorities,
    ledger_rows_check,
    ledger_rows_from_xlsx,
    ledger_template_xlsx,
)
from nominations.models import AwardType
from nominations.spreadsheets import XLSX
from nominations.web.forms import ImportForm

SESSION_KEY = "ledger-import"


def _may_import(request: HttpRequest) -> None:
    if not ledger_import_authorities(request.user):
        raise Http404


@login_required
def ledger_import_template(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    awards = list(AwardType.objects.order_by("sort_order", "name"))
    return attachment(ledger_template_xlsx(awards), "mau-so-khen-thuong.xlsx", XLSX)


@login_required
def ledger_upload(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    rows: list[LedgerRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = ledger_rows_check(ledger_rows_from_xlsx(form.cleaned_data["file"]), request.user)
        except ApplicationError as refusal:
            form.add_error("file", " ".join([refusal.message, *refusal.reasons]))
        else:
            # Only what the user typed is kept between the two steps; it is checked again.
            request.session[SESSION_KEY] = [[row.number, row.values] for row in rows]
    return _report(request, form, rows)


def _report(request: HttpRequest, form: ImportForm, rows: list[LedgerRow]) -> HttpResponse:
    return render(
        request,
        "nominations/ledger_import.html",
        {
            "form": form,
            "rows": rows,
            "headers": HEADERS,
            "new": NEW,
            "valid_count": sum(row.valid for row in rows),
            "ambiguous_count": sum(row.ambiguous for row in rows),
        },
    )


def _choices(request: HttpRequest) -> dict[int, str]:
    """choice-<row>: a candidate's id, or NEW."""
    choices = {}
    for key, value in request.POST.items():
        number = key_of(key.removeprefix("choice-"))
        if (
            key.startswith("choice-")
            and number is not None
            and (key_of(value) is not None or value == NEW)
        ):
            choices[number] = value
    return choices


def _confirm(request: HttpRequest) -> HttpResponse:
    kept = request.session.get(SESSION_KEY) or []
    chosen = set(keys_of(request.POST.getlist("row")))
    choices = _choices(request)
    rows = [LedgerRow(number, values) for number, values in kept if number in chosen]
    if not rows:
        messages.error(request, _("Chưa chọn dòng nào để lưu."))
        return redirect("nominations:ledger_import")
    try:
        records = ledger_import(rows=rows, actor=request.user, choices=choices)
    except ApplicationError as refusal:
        messages.error(request, " ".join([refusal.message, *refusal.reasons]))
        every = [LedgerRow(number, values) for number, values in kept]
        return _report(request, ImportForm(), ledger_rows_check(every, request.user, choices))
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request, _("Đã ghi %(n)s khen thưởng vào sổ theo dõi khen thưởng.") % {"n": len(records)}
    )
    return redirect("nominations:ledger_import")
