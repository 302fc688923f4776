"""The standing office's appraisal queue: what waits to be appraised, scheduled or released."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core import clock
from councils.models import Council, Meeting
from councils.roles import standing_office_authorities
from nominations.models import Nomination
from workflow.inbox import QUEUE_STATES, appraisal_queue, appraisal_queue_counts

PAGE_SIZE = 25


@login_required
def appraisal_queue_page(request: HttpRequest) -> HttpResponse:
    authorities = standing_office_authorities(request.user)
    if not authorities:
        raise Http404
    state = request.GET.get("state", Nomination.State.SUBMITTED)
    if state not in QUEUE_STATES:
        state = Nomination.State.SUBMITTED
    counts = appraisal_queue_counts(authorities)
    page = Paginator(appraisal_queue(authorities, state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    planned, councils = [], []
    if state == Nomination.State.APPRAISED:  # appraised dossiers go on a meeting's agenda
        planned = list(
            Meeting.objects.filter(
                council__authority__in=authorities, state=Meeting.State.PLANNED
            ).order_by("held_on")
        )
        councils = list(Council.objects.filter(authority__in=authorities).order_by("name"))
    tabs = [(value, Nomination.State(value).label, counts.get(value, 0)) for value in QUEUE_STATES]
    return render(
        request,
        "nominations/appraisal_queue.html",
        {
            "tabs": tabs,
            "state": state,
            "page": page,
            "planned": planned,
            "councils": councils,
            "today": clock.today(),
        },
    )
