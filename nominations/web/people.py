"""A person's page: who they are and every award in their ledger, revoked ones included."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nominations.ledger import ledger_for, person_get_for_user


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(request.user, pk)
    return render(
        request,
        "nominations/person.html",
        {"person": person, "awards": list(ledger_for("person", person.pk))},
    )
