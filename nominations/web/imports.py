"""Excel in, in two steps: upload and read the report per row and column; then confirm the
valid rows chosen. Nothing is saved before the confirmation, and then all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.downloads import attachment
from core.errors import ApplicationError
from core.requests import keys_of
from nominations.imports import (
    HEADERS,
    Row,
    nominations_import,
    rows_check,
    rows_from_xlsx,
    template_xlsx,
    units_for_import,
)
from nominations.models import AwardType
from nominations.spreadsheets import XLSX
from nominations.web.forms import ImportForm

SESSION_KEY = "nomination-import"


def _may_import(request: HttpRequest) -> None:
    if not units_for_import(request.user).exists():
        raise Http404


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    awards = list(AwardType.objects.filter(is_active=True).order_by("sort_order", "name"))
    return attachment(template_xlsx(awards), "mau-danh-sach-de-nghi.xlsx", XLSX)


@login_required
def nominations_upload(request: HttpRequest) -> HttpResponse:
    _may_import(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    rows: list[Row] = []
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _confirm(request)
    if request.method == "POST" and form.is_valid():
        try:
            rows = rows_check(rows_from_xlsx(form.cleaned_data["file"]), request.user)
        except ApplicationError as refusal:
            form.add_error("file", " ".join([refusal.message, *refusal.reasons]))
        else:
            # Only what the user typed is kept between the two steps; it is checked again.
            request.session[SESSION_KEY] = [[row.number, row.values] for row in rows]
    return _report(request, form, rows)


def _report(request: HttpRequest, form: ImportForm, rows: list[Row]) -> HttpResponse:
    return render(
        request,
        "nominations/import.html",
        {
            "form": form,
            "rows": rows,
            "headers": HEADERS,
            "valid_count": sum(row.valid for row in rows),
        },
    )


def _confirm(request: HttpRequest) -> HttpResponse:
    kept = request.session.get(SESSION_KEY) or []
    chosen = set(keys_of(request.POST.getlist("row")))
    rows = [Row(number, values) for number, values in kept if number in chosen]
    if not rows:
        messages.error(request, _("Chưa chọn dòng nào để lưu."))
        return redirect("nominations:import")
    try:
        created = nominations_import(rows=rows, actor=request.user)
    except ApplicationError as refusal:
        messages.error(request, " ".join([refusal.message, *refusal.reasons]))
        all_rows = rows_check([Row(number, values) for number, values in kept], request.user)
        return _report(request, ImportForm(), all_rows)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Đã lập %(n)s hồ sơ nháp từ tệp Excel.") % {"n": len(created)})
    return redirect("nominations:list")
