"""Nomination pages: list, dashboard, detail, create, edit, attach evidence. Thin: the
selectors read, the services write."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock
from core.downloads import attachment
from core.errors import ApplicationError, FileDamaged, InvalidInput
from core.lookups import in_subquery
from core.pagination import KeysFirstPaginator
from core.requests import keys_of
from councils.models import Authority, Unit
from councils.roles import acts_for_any_unit, is_standing_office, may_decide, units_acted_for
from nominations.bundles import dossier_zip
from nominations.documents.services import document_request, may_generate, signing_options
from nominations.models import (
    Attachment,
    AwardDocumentRequirement,
    DecisionLine,
    GeneratedDocument,
    Movement,
    Nomination,
)
from nominations.selectors import (
    LIST_RELATED,
    LIST_SORTS,
    award_types_for_nominee,
    nominations_filtered,
)
from nominations.services import (
    attachment_add,
    attachment_open_verified,
    attachment_remove,
    attachment_replace,
    nomination_create,
    nomination_update,
)
from nominations.spreadsheets import XLSX, nominations_xlsx
from nominations.uploads import mime_for
from nominations.web.charts import MOVEMENT_GROUPS, movement_charts
from nominations.web.forms import (
    ActionForm,
    AttachmentForm,
    DashboardFilterForm,
    NominationEditForm,
    NominationFilterForm,
    NominationForm,
)
from reports.dashboard import dashboard_figures
from reports.register import register_records
from reports.scope import covered, may_report_on
from workflow.actions import ACTIONS, Action, Input, deciding_level
from workflow.eligibility import eligibility_reasons, papers_checklist
from workflow.models import Deadline
from workflow.selectors import (
    allowed_actions,
    nomination_get_for_user,
    nominations_visible_to,
    proposing_authorities_in_view,
)

PAGE_SIZE = 25
S = Nomination.State
# The main path of the lifecycle, for the stepper.
STEPS = [
    Nomination.State.DRAFT,
    Nomination.State.SUBMITTED,
    Nomination.State.APPRAISED,
    Nomination.State.IN_COUNCIL,
    Nomination.State.POSTED,
    Nomination.State.AWAITING_DECISION,
    Nomination.State.APPROVED,
]


def _my_units(user):
    return Unit.objects.filter(pk__in=units_acted_for(user)).select_related("authority")


def _filtered_list(request: HttpRequest):
    """The list page's form and the nominations it selects (shared by the page and Excel)."""
    visible = nominations_visible_to(request.user)
    form = NominationFilterForm(
        request.GET or None, scope=proposing_authorities_in_view(request.user), visible=visible
    )
    return form, nominations_filtered(visible, today=clock.today(), **form.filters())


# What the list's bulk button may do: each chosen dossier still goes through its own
# audited transition, and a refusal of one leaves the others done.
BULK_ACTIONS = ("submit", "appraise", "end_posting")


def _sort_links(request: HttpRequest) -> dict[str, dict[str, str]]:
    """Each sortable column's link (the other direction when it is the current sort) and its
    aria-sort value."""
    current = request.GET.get("sort", "")
    query = request.GET.copy()
    query.pop("page", None)
    links = {}
    for key in LIST_SORTS:
        query["sort"] = f"-{key}" if current == key else key
        state = {key: "ascending", f"-{key}": "descending"}.get(current, "none")
        links[key] = {"href": f"?{query.urlencode()}", "aria": state}
    return links


@login_required
def nomination_list(request: HttpRequest) -> HttpResponse:
    form, nominations = _filtered_list(request)
    page = KeysFirstPaginator(nominations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "nominations/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "sorts": _sort_links(request),
            "bulk_actions": [ACTIONS[name] for name in BULK_ACTIONS],
            "may_create": acts_for_any_unit(request.user),
        },
    )


@login_required
@require_POST
def nominations_bulk(request: HttpRequest) -> HttpResponse:
    """One action on the dossiers ticked in the list, each in its own transition; the
    answer counts what was done and names what was refused and why."""
    name = request.POST.get("bulk_action", "")
    if name not in BULK_ACTIONS:
        messages.error(request, _("Chọn thao tác cho các hồ sơ đã đánh dấu."))
        return redirect("nominations:list")
    declared = ACTIONS[name]
    ids = keys_of(request.POST.getlist("nomination"))[:PAGE_SIZE]
    chosen = list(
        nominations_visible_to(request.user)
        .filter(pk__in=ids)
        .select_related(*LIST_RELATED)
        .order_by("pk")
    )
    if not chosen:
        messages.error(request, _("Chưa đánh dấu hồ sơ nào."))
        return redirect("nominations:list")
    if declared.needs_confirmation and request.POST.get("confirmed") != "yes":
        context = {"action": declared, "chosen": chosen}
        return render(request, "nominations/bulk_confirm.html", context)
    done, refused = 0, []
    for nomination in chosen:
        try:
            declared.perform(nomination=nomination, actor=request.user, values={})
        except ApplicationError as refusal:
            detail = "; ".join(refusal.reasons)
            refused.append(f"#{nomination.pk} {nomination.nominee}: {refusal.message} {detail}")
        else:
            done += 1
    if done:
        messages.success(
            request,
            _("Đã thực hiện “%(action)s” cho %(n)d hồ sơ.") % {"action": declared.label, "n": done},
        )
    for line in refused:
        messages.error(request, line.strip())
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/nominations/?") else "nominations:list")


@login_required
def nomination_list_xlsx(request: HttpRequest) -> HttpResponse:
    """The whole filtered list (every page) as an Excel sheet."""
    _form, nominations = _filtered_list(request)
    name = f"ho-so-de-nghi-{clock.today():%Y%m%d}.xlsx"
    return attachment(nominations_xlsx(nominations), name, XLSX)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Dossiers by state and award, a chart per movement and overdue work, for one commune or
    all the communes the user sees, a year and a movement; for the office, leaders and
    auditors the awards made, their prize money and the awards per unit. Every count links
    to the list behind it."""
    visible = nominations_visible_to(request.user)
    authorities = list(
        Authority.objects.filter(
            in_subquery("pk", visible.values("proposing_unit__authority"))
        ).order_by("name")
    )
    chosen = next((a for a in authorities if str(a.pk) == request.GET.get("authority")), None)
    if chosen is None and len(authorities) == 1:
        chosen = authorities[0]
    if chosen is not None:
        visible = visible.filter(proposing_unit__authority=chosen)
    today = clock.today()
    scope = covered(chosen) if chosen else {a.pk for a in authorities}
    narrowed = "year" in request.GET or "movement" in request.GET
    choices = DashboardFilterForm(
        request.GET if narrowed else None,
        initial={"year": today.year},
        movements=Movement.objects.filter(authority__in=scope),
    )
    year, movement = choices.chosen(default_year=today.year)
    ledger = None
    if chosen is not None and may_report_on(request.user, chosen):
        ledger = register_records(scope)
    figures = dashboard_figures(visible, ledger=ledger, year=year, movement=movement, today=today)
    narrowing = {
        "authority": chosen.pk if chosen else "",
        "year": year or "",
        "movement": movement.pk if movement else "",
    }
    return render(
        request,
        "nominations/dashboard.html",
        {
            "authorities": authorities,
            "chosen": chosen,
            "choices": choices,
            "year": year,
            "movement": movement,
            "figures": figures,
            "list_query": urlencode({k: v for k, v in narrowing.items() if v}),
            "register_query": urlencode(
                {k: v for k, v in narrowing.items() if v and k != "movement"}
            ),
            "chart_height": 20 * len(figures.by_state),
            "unit_chart_height": 20 * len(figures.per_unit or []),
            "movements": movement_charts(figures.by_movement_state),
            "groups": MOVEMENT_GROUPS,
        },
    )


def _deciding_level_above(nomination: Nomination) -> str | None:
    """The name of the higher level that decides this award today, for the forward hint."""
    level = deciding_level(nomination, clock.today())
    if level is None or level == nomination.current_authority.level:
        return None
    return Authority.Level(level).label


def _action_inputs(actions: list[Action], form: ActionForm) -> list[tuple[Input, object]]:
    """Each input the offered actions take, once, with its bound field (for what was typed)."""
    seen: dict[str, tuple[Input, object]] = {}
    for action in actions:
        for given in action.inputs:
            seen.setdefault(given.field, (given, form[given.field]))
    return list(seen.values())


def _returned_reason(nomination: Nomination) -> str:
    """Why the office sent it back, for the top of a returned dossier."""
    if nomination.state != S.RETURNED:
        return ""
    return (
        nomination.history.filter(state=S.RETURNED)
        .order_by("-history_id")
        .values_list("history_change_reason", flat=True)
        .first()
        or ""
    )


def _detail_context(request: HttpRequest, nomination: Nomination) -> dict:
    user = request.user
    actions = [
        ACTIONS[name]
        for name in allowed_actions(user, nomination)
        if ACTIONS[name].on_nomination_page
    ]
    names = {action.name for action in actions}
    deadlines = Deadline.objects.filter(nomination=nomination, met_at__isnull=True).order_by(
        "due_on"
    )
    checklist = None
    if nomination.state == Nomination.State.SUBMITTED and is_standing_office(
        user, nomination.current_authority
    ):
        checklist = eligibility_reasons(nomination, clock.today())
    reached = nomination.state if nomination.state in STEPS else nomination.held_from_state
    step_index = STEPS.index(reached) if reached in STEPS else -1
    # The unit holds it: which papers the award needs (ticked) and what the office will check.
    editable = nomination.state in (S.DRAFT, S.RETURNED) and "withdraw" in names
    papers = papers_checklist(nomination) if editable else None
    conditions = (
        eligibility_reasons(nomination, clock.today(), skip={"required_documents"})
        if editable
        else None
    )
    kept = request.session.pop(f"action-input-{nomination.pk}", None)
    action_form = ActionForm(initial=kept)
    decided = nomination.state in (Nomination.State.APPROVED, Nomination.State.REVOKED)
    decision_line = (
        DecisionLine.objects.select_related("decision__signer")
        .filter(nomination=nomination)
        .first()
        if decided
        else None
    )
    return {
        "nomination": nomination,
        "actions": actions,
        "higher_level": _deciding_level_above(nomination) if "forward" in names else None,
        "action_inputs": _action_inputs(actions, action_form),
        "deadlines": deadlines,
        "today": clock.today(),
        "checklist": checklist,
        "steps": [(state.label, i < step_index, i == step_index) for i, state in enumerate(STEPS)],
        "attachments": nomination.attachments.all(),
        "decision_line": decision_line,
        # The unit may edit and attach while it holds the dossier (withdraw is theirs alone).
        "editable": editable,
        "papers": papers,
        "conditions": conditions,
        "returned_reason": _returned_reason(nomination),
        "attachment_form": AttachmentForm(),
        # Its own papers, and the Tờ trình of its unit for the same period.
        "documents": GeneratedDocument.objects.filter(
            Q(nomination=nomination)
            | Q(unit=nomination.proposing_unit_id, period=nomination.period_id)
        )
        .select_related("supersedes")
        .order_by("kind", "-version"),
        "may_generate": may_generate(user, "achievement_report", nomination),
        # The Tờ trình to the level above is the decider's to sign.
        "signing": signing_options(allowed=may_decide(user, nomination.proposing_unit.authority)),
    }


@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_get_for_user(request.user, pk)
    return render(request, "nominations/detail.html", _detail_context(request, nomination))


@login_required
def nomination_new(request: HttpRequest) -> HttpResponse:
    units = _my_units(request.user)
    form = NominationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = nomination_create(
                actor=request.user,
                unit=data["unit"],
                award_type=data["award_type"],
                period=data["period"],
                achievements=data["achievements"],
                person=data["person"],
                household=data["household"],
                collective=data["collective"],
                excellence_confirmed=data["excellence_confirmed"],
                task_rating=data["task_rating"],
                months_served=data["months_served"],
                merit_ground=data["merit_ground"],
                new_person=form.new_person(),
                new_household=form.new_household(),
            )
        except ApplicationError as refusal:
            form.add_error(None, f"{refusal.message} {'; '.join(refusal.reasons)}".strip())
        else:
            messages.success(request, _("Đã lập hồ sơ nháp. Đính kèm giấy tờ rồi gửi."))
            return redirect("nominations:detail", pk=nomination.pk)
    return render(request, "nominations/new.html", {"form": form})


@login_required
def award_type_options(request: HttpRequest) -> HttpResponse:
    """The award types that fit the nominee kind chosen on the form (swapped in by htmx)."""
    award_types = award_types_for_nominee(request.GET.get("nominee_kind", ""))
    return render(request, "nominations/_award_type_options.html", {"award_types": award_types})


@login_required
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_get_for_user(request.user, pk)
    initial = {
        "achievements": nomination.achievements,
        "excellence_confirmed": nomination.excellence_confirmed,
        "task_rating": nomination.task_rating,
        "months_served": nomination.months_served,
        "merit_ground": nomination.merit_ground_id,
    }
    form = NominationEditForm(
        request.POST or None, initial=initial, award_type=nomination.award_type
    )
    if request.method == "POST" and form.is_valid():
        try:
            nomination_update(nomination=nomination, actor=request.user, **form.cleaned_data)
        except ApplicationError as refusal:
            form.add_error(None, f"{refusal.message} {'; '.join(refusal.reasons)}".strip())
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("nominations:detail", pk=pk)
    return render(
        request,
        "nominations/form.html",
        {"form": form, "title": _("Sửa, bổ sung hồ sơ"), "nomination": nomination},
    )


# What each button of the nomination page asks for.
PAPERS = {
    "report": ["achievement_report"],
    "forward": ["forward_submission", "achievement_report"],  # the dossier for the level above
}


@login_required
@require_POST
def nomination_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the Báo cáo thành tích, or the papers of the dossier that goes to the level
    above."""
    nomination = nomination_get_for_user(request.user, pk)
    try:
        if request.POST.get("papers") == "unit":  # the unit's Tờ trình for this period
            document_request(
                kind="unit_submission",
                subject=nomination.proposing_unit,
                actor=request.user,
                period=nomination.period,
            )
        for kind in PAPERS.get(request.POST.get("papers", "report"), []):
            document_request(kind=kind, subject=nomination, actor=request.user)
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đang tạo văn bản; tải lại trang sau ít giây."))
    return redirect("nominations:detail", pk=pk)


@login_required
@require_POST
def nomination_attach(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_get_for_user(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chưa chọn tệp hoặc loại giấy tờ."))
        return redirect("nominations:detail", pk=pk)
    try:
        attachment_add(
            nomination=nomination, actor=request.user,
            document=form.cleaned_data["document"], upload=form.cleaned_data["file"],
        )  # fmt: skip
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
    else:
        missing = [p.label for p in papers_checklist(nomination) if p.mandatory and not p.attached]
        paper = AwardDocumentRequirement.Document(form.cleaned_data["document"]).label
        said = _("Đã đính kèm %(paper)s.") % {"paper": paper}
        messages.success(
            request,
            f"{said} "
            + (
                _("Còn thiếu: %(papers)s.") % {"papers": ", ".join(missing)}
                if missing
                else _("Đủ giấy tờ bắt buộc: có thể gửi hồ sơ.")
            ),
        )
    return redirect("nominations:detail", pk=pk)


@login_required
@require_POST
def attachment_change(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Replace a paper's file, or remove the paper, while the unit holds the dossier."""
    nomination = nomination_get_for_user(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, nomination=nomination)
    upload = request.FILES.get("file")
    try:
        if request.POST.get("remove"):
            attachment_remove(attachment=attachment, actor=request.user)
            done = _("Đã xóa %(paper)s khỏi hồ sơ.")
        elif upload is not None:
            attachment_replace(attachment=attachment, actor=request.user, upload=upload)
            done = _("Đã thay tệp của %(paper)s.")
        else:
            raise InvalidInput(_("Chọn tệp thay thế trước khi bấm “Thay tệp”."))
    except ApplicationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done % {"paper": attachment.get_document_display()})
    return redirect("nominations:detail", pk=pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Evidence is served only to those who may see its nomination (404 to anyone else), and
    only while its bytes still match the SHA-256 taken at upload."""
    nomination = nomination_get_for_user(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, nomination=nomination)
    try:
        handle = attachment_open_verified(attachment=attachment, actor=request.user)
    except FileDamaged as refusal:
        context = {"nomination": nomination, "message": refusal.message}
        return render(request, "nominations/attachment_damaged.html", context, status=409)
    # The type comes from the extension the upload check gave the file, never the user's name.
    extension = attachment.file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        handle,
        content_type=mime_for(extension),
        filename=f"ho-so-{nomination.pk}-{attachment.document}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def nomination_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier as one ZIP (tờ trình, báo cáo, biên bản, evidence) for whoever sees it."""
    nomination = nomination_get_for_user(request.user, pk)
    return attachment(dossier_zip(nomination), f"ho-so-{pk}.zip", "application/zip")
