"""The office's page for printing on blanks: its printers and their offsets, and the layout of
each award's blank. Thin: the forms collect, nominations.documents.blank_setup decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.downloads import attachment
from core.errors import ApplicationError, InvalidInput
from core.requests import key_of
from councils.models import Authority
from nominations.documents.blank_setup import (
    FieldPlace,
    award_types_with_certificates,
    blank_authorities,
    layout_remove,
    layout_revision,
    layout_save,
    layout_start,
    printer_remove,
    printer_revision,
    printer_save,
)
from nominations.documents.blanks import (
    authority_chain,
    calibration_page,
    layout_rows_for,
    layout_sample,
    printers_for,
)
from nominations.models import AwardType, CertificateLayout, PrinterProfile
from nominations.web.blank_forms import LayoutForm, PlaceFormSet, PrinterForm, place_rows

PDF = "application/pdf"


def _authorities(request: HttpRequest) -> list[Authority]:
    authorities = list(
        Authority.objects.filter(pk__in=blank_authorities(request.user)).order_by("name")
    )
    if not authorities:
        raise Http404
    return authorities


def _chosen(authorities: list[Authority], value: str | None) -> Authority:
    """The authority the page names, among the user's; the first when it names none. One
    the user does not set up is not there (404), never silently swapped for their own."""
    if not value:
        return authorities[0]
    found = next((a for a in authorities if a.pk == key_of(value)), None)
    if found is None:
        raise Http404
    return found


def _setup_url(authority: Authority) -> str:
    return f"{reverse('nominations:blanks')}?authority={authority.pk}"


def _own(model, authority: Authority, value: str, gone: str):
    """The authority's own record the form names: 404 for another's or for what is not a
    key; for one no longer there (a second click, someone else removed it), a refusal."""
    key = key_of(value)
    if key is None:
        raise Http404
    row = model.objects.filter(pk=key).first()
    if row is None:
        raise InvalidInput(gone)
    if row.authority_id != authority.pk:
        raise Http404
    return row


def _own_printer(authority: Authority, value: str) -> PrinterProfile:
    return _own(PrinterProfile, authority, value, _("Máy in này đã được xóa."))


def _change(request: HttpRequest, authority: Authority, printer_form: PrinterForm | None) -> str:
    """Make the one change the page's forms ask for; where to go next. A refusal raises
    with its message."""
    post = request.POST
    user = request.user
    if post.get("remove_printer"):
        printer_remove(printer=_own_printer(authority, post["remove_printer"]), actor=user)
    elif printer_form is not None:
        if not printer_form.is_valid():
            raise InvalidInput(_("Có ô chưa hợp lệ: xem các ô được đánh dấu."))
        chosen = post["save_printer"]
        printer_save(
            authority=authority,
            actor=user,
            printer=_own_printer(authority, chosen) if chosen else None,
            revision=printer_form.cleaned_data["revision"],
            **{k: printer_form.cleaned_data[k] for k in ("name", "offset_x_mm", "offset_y_mm")},
        )
    elif "start_layout" in post:
        chosen = post["start_layout"]
        award = AwardType.objects.filter(pk=key_of(chosen)).first() if chosen else None
        if chosen and award is None:
            raise InvalidInput(_("Không có danh hiệu, hình thức này."))
        layout = layout_start(authority=authority, award_type=award, actor=user)
        return reverse("nominations:blank_layout", args=[layout.pk])
    elif post.get("remove_layout"):
        gone = _("Bố cục này đã được xóa.")
        layout_remove(
            layout=_own(CertificateLayout, authority, post["remove_layout"], gone), actor=user
        )
    else:
        raise InvalidInput(_("Không rõ thao tác."))
    return _setup_url(authority)


def _printer_form(request: HttpRequest) -> PrinterForm | None:
    """The printer form that was posted, under the prefix the page drew it with."""
    if "save_printer" not in request.POST or request.POST.get("remove_printer"):
        return None
    chosen = request.POST["save_printer"]
    return PrinterForm(request.POST, prefix=f"p{chosen}" if chosen else "new")


@login_required
def blanks_setup(request: HttpRequest) -> HttpResponse:
    authorities = _authorities(request)
    authority = _chosen(authorities, request.GET.get("authority") or request.POST.get("authority"))
    posted = _printer_form(request) if request.method == "POST" else None
    if request.method == "POST":
        try:
            go = _change(request, authority, posted)
        except ApplicationError as refusal:
            messages.error(request, refusal.message)
            if posted is None:
                return redirect(_setup_url(authority))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(go)
    # A refused printer form is drawn again as it was typed, with what is wrong beside it.
    printers = printers_for(authority)
    awards = award_types_with_certificates()
    in_use = layout_rows_for(authority, {0, *(award.pk for award in awards)})
    rows = [(None, in_use[0])] + [(award, in_use[award.pk]) for award in awards]

    def form_of(printer: PrinterProfile) -> PrinterForm:
        prefix = f"p{printer.pk}"
        if posted is not None and posted.prefix == prefix:
            return posted
        return PrinterForm(initial=_printer_initial(printer), prefix=prefix)

    return render(
        request,
        "nominations/blanks.html",
        {
            "authorities": authorities,
            "authority": authority,
            "printers": [(p, form_of(p)) for p in printers if p.authority_id == authority.pk],
            "printers_above": [p for p in printers if p.authority_id != authority.pk],
            "new_printer": posted
            if posted is not None and posted.prefix == "new"
            else PrinterForm(prefix="new"),
            "new_printer_open": posted is not None and posted.prefix == "new",
            "layouts": rows,
        },
    )


def _printer_initial(printer: PrinterProfile) -> dict:
    return {
        "name": printer.name,
        "offset_x_mm": printer.offset_x_mm,
        "offset_y_mm": printer.offset_y_mm,
        "revision": printer_revision(printer),
    }


def _layout_of(request: HttpRequest, pk: int, *, to_change: bool) -> CertificateLayout:
    """A layout of the user's authorities; to look at (try out), also one of the levels
    above them, which they print with when they have none of their own."""
    layout = (
        CertificateLayout.objects.select_related("authority", "award_type").filter(pk=pk).first()
    )
    mine = blank_authorities(request.user)
    if not to_change:  # three levels at most: their parents and grandparents come in one read
        own = Authority.objects.filter(pk__in=mine).select_related("parent__parent")
        mine = {above for authority in own for above in authority_chain(authority)}
    if layout is None or layout.authority_id not in mine:
        raise Http404
    return layout


@login_required
def blank_layout(request: HttpRequest, pk: int) -> HttpResponse:
    layout = _layout_of(request, pk, to_change=True)
    if request.method == "POST":
        form = LayoutForm(request.POST, request.FILES)
        places = PlaceFormSet(request.POST, prefix="places")
        if form.is_valid() and places.is_valid():
            try:
                layout_save(
                    layout=layout,
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    page_width_mm=form.cleaned_data["page_width_mm"],
                    page_height_mm=form.cleaned_data["page_height_mm"],
                    places=[
                        FieldPlace(**{k: v for k, v in row.items() if k != "printed"})
                        for row in places.cleaned_data
                        if row.get("printed")
                    ],
                    revision=form.cleaned_data["revision"],
                    scan=form.cleaned_data["scan"],
                    remove_scan=form.cleaned_data["remove_scan"],
                )
            except ApplicationError as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, _("Đã lưu bố cục."))
                return redirect("nominations:blank_layout", pk=layout.pk)
        else:
            messages.error(request, _("Có ô chưa hợp lệ: xem các dòng được đánh dấu."))
    else:
        fields = list(layout.fields.all())
        form = LayoutForm(
            initial={
                "name": layout.name,
                "page_width_mm": layout.page_width_mm,
                "page_height_mm": layout.page_height_mm,
                "revision": layout_revision(layout, fields),
            }
        )
        places = PlaceFormSet(initial=place_rows(fields), prefix="places")
    return render(
        request,
        "nominations/blank_layout.html",
        {"layout": layout, "form": form, "places": places, "back": _setup_url(layout.authority)},
    )


@login_required
def blank_layout_sample(request: HttpRequest, pk: int) -> HttpResponse:
    layout = _layout_of(request, pk, to_change=False)
    return attachment(layout_sample(layout), f"xem-thu-bo-cuc-{layout.pk}.pdf", PDF)


@login_required
def blank_calibration(request: HttpRequest) -> HttpResponse:
    """The calibration page for a printer of the authority (its offsets applied), in the size
    of one of its layouts if asked (else A4 landscape)."""
    authority = _chosen(_authorities(request), request.GET.get("authority"))
    chosen = key_of(request.GET.get("printer"))
    printer = next((p for p in printers_for(authority) if p.pk == chosen), None)
    wanted = key_of(request.GET.get("layout")) or 0
    row = layout_rows_for(authority, {wanted})[wanted]
    size = (row.page_width_mm, row.page_height_mm) if row else (297, 210)
    pdf = calibration_page(width_mm=size[0], height_mm=size[1], printer=printer)
    return attachment(pdf, "trang-can-chinh-may-in.pdf", PDF)
