"""Printing a decision's certificates on pre-printed blanks, and the printer's calibration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from core.downloads import attachment
from core.errors import ApplicationError
from core.requests import key_of
from nominations.documents.blanks import (
    calibration_page,
    certificates_on_blank,
    certificates_print,
    printers_for,
)
from nominations.documents.services import may_generate
from nominations.models import CertificateLayout, PrinterProfile
from nominations.web.decisions import visible_decision

PDF = "application/pdf"


def _printer(request: HttpRequest, authority) -> PrinterProfile | None:
    """The printer chosen on the page, among those the authority may use."""
    chosen = key_of(request.GET.get("printer"))
    return next((p for p in printers_for(authority) if p.pk == chosen), None)


@login_required
def certificates_on_blank_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """?preview=1 draws the text over the blank's scan (nothing recorded); otherwise the PDF
    to print, shifted for the chosen printer, and the printing goes in the audit log."""
    decision = visible_decision(request.user, pk)
    if not may_generate(request.user, "certificates", decision):
        raise PermissionDenied
    printer = _printer(request, decision.authority)
    stem = f"giay-khen-tren-phoi-{decision.number.replace('/', '-')}"
    try:
        if request.GET.get("preview") == "1":
            pdf = certificates_on_blank(decision, preview=True)
            return attachment(pdf, f"xem-truoc-{stem}.pdf", PDF)
        pdf = certificates_print(decision=decision, actor=request.user, printer=printer)
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
        return redirect("nominations:decision", pk=pk)
    return attachment(pdf, f"{stem}.pdf", PDF)


@login_required
def printer_calibration_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The calibration page in the size of the decision authority's blank (its first layout,
    else A4 landscape), for the chosen printer's offsets if one is chosen."""
    decision = visible_decision(request.user, pk)
    if not may_generate(request.user, "certificates", decision):
        raise PermissionDenied
    layout = CertificateLayout.objects.filter(authority=decision.authority).first()
    size = (layout.page_width_mm, layout.page_height_mm) if layout else (297, 210)
    pdf = calibration_page(
        width_mm=size[0], height_mm=size[1], printer=_printer(request, decision.authority)
    )
    return attachment(pdf, "trang-can-chinh-may-in.pdf", PDF)
