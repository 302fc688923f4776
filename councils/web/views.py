"""Council and meeting pages. Thin: selectors read, meeting services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import attachment
from core.errors import ApplicationError
from core.requests import key_of, keys_of
from councils import services as council_services
from councils.models import AgendaItem, CouncilMember
from councils.selectors import (
    authority_page,
    council_page,
    councils_of,
    default_chair,
    meeting_for_minutes,
    meeting_missing_ballots,
    meeting_page,
)
from councils.web.forms import CommentForm, MeetingPlanForm, VoteForm
from nominations.documents.services import document_request, may_generate, signing_options
from nominations.spreadsheets import XLSX, meeting_xlsx
from workflow import meetings


def _refused(request: HttpRequest, refusal: ApplicationError) -> None:
    messages.error(request, f"{refusal.message} {'; '.join(refusal.reasons)}".strip())


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    return render(request, "councils/council_list.html", {"councils": councils_of(request.user)})


@login_required
@require_GET
def authority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = authority_page(authority_id=pk, user=request.user)
    return render(request, "councils/authority.html", {"page": page})


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council, meetings = council_page(council_id=pk, user=request.user)
    form = MeetingPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = council_services.meeting_plan(
                council=council, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("Đã lập kế hoạch phiên họp."))
            return redirect("councils:meeting", pk=meeting.pk)
    return render(
        request,
        "councils/council_detail.html",
        {"council": council, "meetings": meetings, "form": form},
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = meeting_page(meeting_id=pk, user=request.user)
    meeting = page.meeting
    roster = []
    if page.may_run and meeting.state == "planned":
        roster = list(
            CouncilMember.objects.serving_on(meeting.held_on)
            .filter(council_id=meeting.council_id)
            .select_related("user")
        )
    # Before and during the vote: each item's threshold over the base it will be counted on.
    seats = len(roster) if meeting.state == "planned" else page.roster
    present = len(roster) if meeting.state == "planned" else page.present
    rules = {
        item.pk: meetings.vote_rule(item.nomination.award_type, roster=seats, present=present)
        for item in page.items
    }
    return render(
        request,
        "councils/meeting_detail.html",
        {
            "page": page,
            "roster": roster,
            "chair": default_chair(meeting, roster),
            "secretary": meeting.secretary_id or request.user.pk,
            "rules": rules,
            "candidates": meetings.schedulable(meeting) if page.may_plan else [],
            "vote_form": VoteForm(),
            "comment_form": CommentForm(),
        },
    )


@login_required
def meeting_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """The live count of ballots per item (htmx polls it); never how anyone voted."""
    page = meeting_page(meeting_id=pk, user=request.user)
    return render(request, "councils/_counts.html", {"page": page})


def _meeting_action(request: HttpRequest, pk: int, act, done: str) -> HttpResponse:
    """Do one thing on a meeting's page and say what happened (or why not)."""
    page = meeting_page(meeting_id=pk, user=request.user)  # 404 for outsiders
    try:
        act(page.meeting)
    except ApplicationError as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, done)
    return redirect("councils:meeting", pk=pk)


@login_required
@require_POST
def meeting_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting):
        for nomination in meetings.schedulable(meeting).filter(
            pk__in=request.POST.getlist("nomination")
        ):
            meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=request.user)

    done = _("Đã đưa vào chương trình. Đến ngày họp, điểm danh và khai mạc phiên họp.")
    return _meeting_action(request, pk, act, done)


def _posted_id(request: HttpRequest, name: str) -> int | None:
    return key_of(request.POST.get(name))


@login_required
@require_POST
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    present = keys_of(request.POST.getlist("present"))
    return _meeting_action(
        request,
        pk,
        lambda m: council_services.meeting_open(
            meeting=m,
            actor=request.user,
            present_member_ids=present,
            chair_id=_posted_id(request, "chair"),
            secretary_id=_posted_id(request, "secretary"),
        ),
        done=_(
            "Đã khai mạc. Thành viên có mặt bỏ phiếu trên trang này; số phiếu cập nhật tự động."
        ),
    )


@login_required
@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing counts the votes for good: first show who present has not voted, and ask."""
    if request.POST.get("confirmed") != "yes":
        page = meeting_page(meeting_id=pk, user=request.user)
        if page.may_run and page.meeting.state == "open":
            context = {"meeting": page.meeting, "missing": meeting_missing_ballots(page.meeting)}
            return render(request, "councils/confirm_close.html", context)
    return _meeting_action(
        request,
        pk,
        lambda m: meetings.meeting_close(meeting=m, actor=request.user),
        done=_(
            "Đã kết thúc phiên họp và kiểm phiếu; biên bản đã lập. Hồ sơ đạt chuyển công khai "
            "hoặc chờ Chủ tịch quyết định."
        ),
    )


@login_required
@require_POST
def item_vote(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem, pk=item_id)
    form = VoteForm(request.POST)
    choice = form.cleaned_data["choice"] if form.is_valid() else ""
    return _meeting_action(
        request,
        item.meeting_id,
        lambda m: council_services.ballot_cast(item=item, actor=request.user, choice=choice),
        done=_("Đã ghi phiếu của bạn. Kết quả có khi phiên họp kết thúc."),
    )


@login_required
@require_POST
def item_defer(request: HttpRequest, item_id: int) -> HttpResponse:
    """Take a nomination off the agenda before the close (the `defer` transition)."""
    item = get_object_or_404(AgendaItem, pk=item_id)
    reason = request.POST.get("reason", "")
    return _meeting_action(
        request,
        item.meeting_id,
        lambda m: meetings.meeting_defer_item(item=item, actor=request.user, reason=reason),
        done=_("Đã rút hồ sơ khỏi chương trình; hồ sơ chờ một phiên họp khác."),
    )


@login_required
@require_POST
def item_comment(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem, pk=item_id)
    body = request.POST.get("body", "")
    return _meeting_action(
        request,
        item.meeting_id,
        lambda m: council_services.comment_post(item=item, actor=request.user, body=body),
        done=_("Đã gửi ý kiến; thành viên Hội đồng đọc được trên trang này."),
    )


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes on screen, the Biên bản papers made of them, and a button to make one."""
    meeting = meeting_for_minutes(meeting_id=pk, user=request.user)
    if request.method == "POST":
        try:
            document_request(kind="minutes", subject=meeting, actor=request.user)
        except ApplicationError as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("Đang tạo văn bản; tải lại trang sau ít giây."))
        return redirect("councils:minutes", pk=pk)
    return render(
        request,
        "councils/meeting_minutes.html",
        {
            "meeting": meeting,
            "m": meeting.minutes,
            "documents": meeting.documents.select_related("supersedes").order_by("-version"),
            "may_generate": may_generate(request.user, "minutes", meeting),
            # The chair signs the minutes.
            "signing": signing_options(allowed=request.user.pk == meeting.chair_id),
        },
    )


@login_required
def meeting_results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_minutes(meeting_id=pk, user=request.user)
    name = f"ket-qua-bieu-quyet-{meeting.held_on:%Y%m%d}.xlsx"
    return attachment(meeting_xlsx(meeting.minutes), name, XLSX)
