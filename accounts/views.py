from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.selectors import my_notifications, my_tasks, user_roles_on
from config.pagination import rows_sorted_by_keys
from nominations.selectors import LIST_RELATED
from workflow import clock
from workflow.selectors import nominations_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    recent = nominations_visible_to(request.user).select_related(*LIST_RELATED)
    return render(
        request,
        "accounts/home.html",
        {
            "roles": user_roles_on(request.user),
            "tasks": my_tasks(request.user),
            "today": clock.today(),
            "recent": rows_sorted_by_keys(recent.order_by("-updated_at", "-id"), 0, 10),
            "notifications": my_notifications(request.user),
        },
    )
