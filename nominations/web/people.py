"""A person's page (who they are and every award in their ledger, revoked ones included),
and the list of people a unit may soon propose for an award that chains across years."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core import clock
from councils.models import Unit
from councils.roles import chaired_authorities, standing_office_authorities, units_acted_for
from nominations.ledger import ledger_for, person_get_for_user
from nominations.suggestions import chain_suggestions


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(request.user, pk)
    return render(
        request,
        "nominations/person.html",
        {"person": person, "awards": list(ledger_for("person", person.pk))},
    )


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
