"""The standing office's appraisal queue: what waits to be appraised, scheduled or released."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from guardian.shortcuts import get_objects_for_user

from accounts.models import User
from core import clock
from councils.models import Authority, Council, Meeting, Membership
from councils.roles import role_book
from nominations.models import Nomination
from nominations.selectors import QUEUE_STATES, appraisal_queue, appraisal_queue_counts

PAGE_SIZE = 25


def _office_authorities(user: User) -> set[int]:
    """Where the user is the standing office: by role, or by an object permission."""
    by_role = {
        authority_id
        for authority_id, roles in role_book(user).by_authority.items()
        if Membership.Role.STANDING_OFFICE in roles
    }
    granted = get_objects_for_user(
        user, "councils.act_as_standing_office", klass=Authority, with_superuser=False
    ).values_list("pk", flat=True)
    return by_role | set(granted)


@login_required
def appraisal_queue_page(request: HttpRequest) -> HttpResponse:
    authorities = _office_authorities(request.user)
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
