"""A person's page (who they are and every award in their ledger, revoked ones included),
and the list of people a unit may soon propose for an award that chains across years."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.errors import ApplicationError
from councils.models import Unit
from councils.roles import (
    chaired_authorities,
    is_standing_office,
    standing_office_authorities,
    units_acted_for,
)
from nominations.ledger import ledger_for, person_get_for_user
from nominations.models import Proceeding
from nominations.suggestions import chain_suggestions
from nominations.web.forms import ConclusionForm, ProceedingForm
from workflow import services as workflow_services


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(request.user, pk)
    may_record = is_standing_office(request.user, person.unit.authority)
    return render(
        request,
        "nominations/person.html",
        {
            "person": person,
            "awards": list(ledger_for("person", person.pk)),
            "proceedings": list(person.proceedings.all()),
            "disciplines": list(person.disciplines.all()),
            "may_record": may_record,
            "proceeding_form": ProceedingForm(initial={"opened_on": clock.today()}),
            "conclusion_form": ConclusionForm(initial={"closed_on": clock.today()}),
        },
    )


@login_required
@require_POST
def proceeding_open_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The office records a matter on the person; their open dossiers go on hold."""
    person = person_get_for_user(request.user, pk)
    form = ProceedingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần chọn loại vụ việc, ghi nội dung và ngày phát sinh."))
        return redirect("nominations:person", pk=pk)
    try:
        workflow_services.proceeding_open(actor=request.user, nominee=person, **form.cleaned_data)
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Đã ghi nhận vụ việc; các hồ sơ đang xét của người này tạm dừng.")
        )
    return redirect("nominations:person", pk=pk)


@login_required
@require_POST
def proceeding_close_page(request: HttpRequest, pk: int, proceeding_id: int) -> HttpResponse:
    person = person_get_for_user(request.user, pk)
    proceeding = get_object_or_404(Proceeding, pk=proceeding_id, person=person)
    form = ConclusionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi kết luận và ngày kết luận."))
        return redirect("nominations:person", pk=pk)
    try:
        workflow_services.proceeding_close(
            actor=request.user, proceeding=proceeding, **form.cleaned_data
        )
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Đã ghi kết luận. Tiếp tục xét từng hồ sơ bằng nút “Tiếp tục xét”.")
        )
    return redirect("nominations:person", pk=pk)


def _units_for_suggestions(user) -> list[Unit]:
    """A unit head's units; every unit of an authority whose office or chairman the user is."""
    authorities = standing_office_authorities(user) | chaired_authorities(user)
    return list(Unit.objects.filter(Q(pk__in=units_acted_for(user)) | Q(authority__in=authorities)))


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    """People one year short of a chain rule, whose year is held or proposed (per unit)."""
    units = _units_for_suggestions(request.user)
    if not units:
        raise Http404
    today = clock.today()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 1945 <= int(year) <= today.year + 1 else today.year
    return render(
        request,
        "nominations/suggestions.html",
        {
            "year": year,
            "suggestions": chain_suggestions(units, year),
            "years": range(today.year - 3, today.year + 1),
        },
    )
