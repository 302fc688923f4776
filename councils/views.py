from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councils.selectors import meeting_for_minutes, meeting_page


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = meeting_page(meeting_id=pk, user=request.user)
    return render(request, "councils/meeting_detail.html", {"page": page})


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_minutes(meeting_id=pk, user=request.user)
    return render(
        request, "councils/meeting_minutes.html", {"meeting": meeting, "m": meeting.minutes}
    )
