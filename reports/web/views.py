"""The report pages: thin views over reports.statistics, reports.register and the papers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import clock
from core.downloads import attachment
from core.errors import InvalidInput, NotPermitted
from core.pagination import KeysFirstPaginator
from councils.models import Authority
from councils.roles import units_acted_for
from nominations.blocs import bloc_scores_record, blocs_of
from nominations.models import (
    BlocScore,
    EmulationBloc,
    Movement,
    Period,
    Registration,
    Target,
    TargetResult,
)
from nominations.spreadsheets import XLSX
from nominations.targets import (
    may_assess_movement,
    may_enter_result,
    registration_assess,
    target_result_record,
)
from reports.models import StatisticsForm
from reports.movements import BAR_X, GOAL_X, ROW, movement_results, results_paper
from reports.papers import paper_docx, paper_pdf
from reports.register import (
    proposals_listed,
    register_filtered,
    register_page_rows,
    register_records,
    register_totals,
)
from reports.scope import (
    chosen_authority,
    covered,
    movement_get_for_user,
    reporting_authorities,
)
from reports.spreadsheets import register_xlsx, statistics_xlsx
from reports.statistics import (
    PROPOSED,
    AuthorityGrid,
    Grid,
    cell_nominations,
    cell_records,
    form_in_force,
    statistics_by_authority,
    statistics_grid,
)
from reports.statistics_paper import statistics_paper
from reports.web.forms import (
    AssessmentForm,
    BlocScoresForm,
    RegisterFilterForm,
    StatisticsQueryForm,
    TargetResultForm,
)
from workflow.selectors import nominations_visible_to

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paper_format(fmt: str) -> None:
    if fmt not in ("docx", "pdf"):
        raise Http404("Chỉ có bản DOCX và PDF.")


def _authorities(request: HttpRequest) -> list[Authority]:
    authorities = reporting_authorities(request.user)
    if not authorities:
        raise PermissionDenied(_("Chỉ Thường trực Hội đồng, lãnh đạo và kiểm tra xem báo cáo."))
    return authorities


@dataclass
class StatisticsRequest:
    query: StatisticsQueryForm
    authority: Authority
    authorities: list[Authority]
    form: StatisticsForm | None
    year: int
    start: datetime.date
    end: datetime.date
    grid: Grid
    by_authority: list[AuthorityGrid]

    @property
    def is_year(self) -> bool:
        return self.form is not None and (self.start, self.end) == self.form.year_span(self.year)

    @property
    def span_name(self) -> str:
        """ "2026" for a counting year, "20260101-20260630" for another span (file names)."""
        return str(self.year) if self.is_year else f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    def register_link(self, row, column) -> str:
        """The list behind a figure: the awards in the register, or the dossiers sent."""
        query = {
            "authority": self.authority.pk,
            "form": self.form.code,
            "row": row.pk,
            "column": column.pk,
            "decided_from": f"{self.start:%d/%m/%Y}",
            "decided_to": f"{self.end:%d/%m/%Y}",
        }
        page = "reports:proposals" if column.measure == PROPOSED else "reports:register"
        return f"{reverse(page)}?{urlencode(query)}"


def _statistics_request(request: HttpRequest) -> StatisticsRequest:
    authorities = _authorities(request)
    query = StatisticsQueryForm(request.GET, authorities=authorities)
    data = query.cleaned_data if query.is_valid() else {}
    authority = data.get("authority") or authorities[0]
    today = clock.today()
    form = data.get("form") or form_in_force(today)
    year = data.get("year") or (form.counting_year(today) if form else today.year)
    # The form shows what is shown: the chosen authority, form and year, filled in.
    shown = request.GET.copy()
    shown.setdefault("authority", str(authority.pk))
    shown.setdefault("year", str(year))
    if form is not None:
        shown.setdefault("form", form.code)
    query = StatisticsQueryForm(shown, authorities=authorities)
    query.is_valid()
    if form is None:
        empty = Grid([], [])
        start = end = today
        return StatisticsRequest(query, authority, authorities, None, year, start, end, empty, [])
    start, end = form.year_span(year)
    if data.get("date_from"):  # a span other than the counting year (6 months, a quarter)
        start, end = data["date_from"], data["date_to"]
    scope = covered(authority)
    grid = statistics_grid(form, scope, start, end)
    by_authority = (
        statistics_by_authority(form, scope, start, end)
        if authority.level != Authority.Level.COMMUNE or len(scope) > 1
        else []
    )
    return StatisticsRequest(
        query, authority, authorities, form, year, start, end, grid, by_authority
    )


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    report = _statistics_request(request)
    table = [
        (row, [(column, value, report.register_link(row, column)) for column, value in cells])
        for row, cells in report.grid.table()
    ]
    return render(
        request,
        "reports/statistics.html",
        {"report": report, "table": table, "query": request.GET.urlencode()},
    )


def _heading(report: StatisticsRequest) -> list[str]:
    return [
        f"{report.form.symbol} {report.form.name}".strip(),
        report.authority.full_name,
        (f"Năm thống kê {report.year}: " if report.is_year else "Kỳ báo cáo: ")
        + f"từ {report.start:%d/%m/%Y} đến {report.end:%d/%m/%Y}",
    ]


@login_required
@require_GET
def statistics_download(request: HttpRequest) -> HttpResponse:
    report = _statistics_request(request)
    if report.form is None:
        raise PermissionDenied(_("Chưa có biểu thống kê nào."))
    scope = covered(report.authority)
    positions = {row.pk: position for position, row in enumerate(report.grid.rows, 1)}
    figures = [
        (
            positions[row.pk],
            column,
            f"{row.code} {row.label} — ({column.code}) {column.label}: {value}",
            proposals_listed(cell_nominations(row, column, scope, report.start, report.end))
            if column.measure == PROPOSED
            else register_page_rows(cell_records(row, column, scope, report.start, report.end)),
        )
        for row, column, value in report.grid.nonzero
    ]
    content = statistics_xlsx(
        form=report.form,
        heading=_heading(report),
        grid=report.grid,
        by_authority=report.by_authority,
        figures=figures,
    )
    name = f"thong-ke-khen-thuong-{report.authority.code}-{report.span_name}.xlsx"
    return attachment(content, name, XLSX)


@login_required
@require_GET
def statistics_document(request: HttpRequest, fmt: str) -> HttpResponse:
    _paper_format(fmt)
    report = _statistics_request(request)
    if report.form is None:
        raise PermissionDenied(_("Chưa có biểu thống kê nào."))
    paper = statistics_paper(
        report.authority, report.form, report.year, report.start, report.end, report.grid,
        by_authority=report.by_authority, day=clock.today(),
    )  # fmt: skip
    name = f"bao-cao-thong-ke-{report.authority.code}-{report.span_name}.{fmt}"
    if fmt == "pdf":
        return attachment(paper_pdf(paper), name, "application/pdf")
    return attachment(paper_docx(paper), name, DOCX)


def _register_request(request: HttpRequest):
    authorities = _authorities(request)
    chosen = chosen_authority(authorities, request.GET.get("authority"))
    scope = covered(chosen)
    shown = request.GET.copy()
    shown.setdefault("authority", str(chosen.pk))
    form = RegisterFilterForm(shown, authorities=authorities, covered=scope)
    records = register_records(scope)
    if not form.is_valid():
        return form, chosen, records.none()
    data = form.cleaned_data
    if data.get("row"):
        start, end = form.span() or data["form"].year_span(clock.today().year)
        records = cell_records(data["row"], data["column"], scope, start, end)
    records = register_filtered(
        records,
        year=data.get("year"),
        award_type=data.get("award_type"),
        unit=data.get("unit"),
        name=data.get("name", ""),
        group=data.get("group", ""),
        award_kind=data.get("award_kind", ""),
        source=data.get("source", ""),
        decided_from=data.get("decided_from"),
        decided_to=data.get("decided_to"),
    )
    return form, chosen, records


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    form, chosen, records = _register_request(request)
    page = KeysFirstPaginator(register_page_rows(records), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/register.html",
        {
            "form": form,
            "chosen": chosen,
            "page": page,
            "totals": register_totals(records),
            "query": query.urlencode(),
        },
    )


@login_required
@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    """The dossiers behind a figure of proposals, as far as the reader sees them."""
    authorities = _authorities(request)
    chosen = chosen_authority(authorities, request.GET.get("authority"))
    scope = covered(chosen)
    form = RegisterFilterForm(
        request.GET, authorities=authorities, covered=scope, lists_proposals=True
    )
    if not form.is_valid() or not form.cleaned_data.get("row") or not form.span():
        raise Http404("Không có số liệu này.")
    data = form.cleaned_data
    start, end = form.span()
    rows = proposals_listed(
        cell_nominations(data["row"], data["column"], scope, start, end).filter(
            pk__in=nominations_visible_to(request.user).values("pk")
        )
    )
    page = KeysFirstPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/proposals.html",
        {"chosen": chosen, "form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def register_download(request: HttpRequest) -> HttpResponse:
    _form, chosen, records = _register_request(request)
    heading = [f"SỔ THEO DÕI KHEN THƯỞNG — {chosen.full_name.upper()}"]
    content = register_xlsx(heading, register_page_rows(records), register_totals(records))
    return attachment(content, f"so-theo-doi-khen-thuong-{chosen.code}.xlsx", XLSX)


# --- movement results ----------------------------------------------------------------------


def _movements_of(authority: Authority) -> QuerySet[Movement]:
    return Movement.objects.filter(authority_id__in=covered(authority)).select_related("authority")


@login_required
@require_GET
def movements(request: HttpRequest) -> HttpResponse:
    authorities = _authorities(request)
    chosen = chosen_authority(authorities, request.GET.get("authority"))
    return render(
        request,
        "reports/movements.html",
        {
            "authorities": authorities,
            "chosen": chosen,
            "movements": _movements_of(chosen).prefetch_related("periods"),
        },
    )


def _movement_for(request: HttpRequest, pk: int) -> Movement:
    return movement_get_for_user(request.user, pk)


def _period_of(request: HttpRequest, movement: Movement) -> Period:
    periods = list(movement.periods.order_by("-ends_on"))
    if not periods:
        raise Http404("Phong trào chưa có đợt.")
    return next((p for p in periods if str(p.pk) == request.GET.get("period", "")), periods[0])


@login_required
@require_GET
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement_for(request, pk)
    period = _period_of(request, movement)
    results = movement_results(movement, period)
    bars = results.bars()
    office = may_assess_movement(request.user, movement)
    return render(
        request,
        "reports/movement.html",
        {
            "movement": movement,
            "period": period,
            "periods": movement.periods.order_by("starts_on"),
            "results": results,
            "bars": bars,
            "chart": {"goal_x": GOAL_X, "bar_x": BAR_X, "height": ROW * len(bars) + 4},
            "may_enter": office,
            "own_units": units_acted_for(request.user),
            "assessment_form": AssessmentForm(),
        },
    )


@login_required
def target_result(request: HttpRequest, pk: int, period_id: int) -> HttpResponse:
    target = get_object_or_404(
        Target.objects.select_related("movement__authority", "registration__unit"), pk=pk
    )
    movement = _movement_for(request, target.movement_id)
    period = get_object_or_404(Period, pk=period_id, movement=movement)
    if not may_enter_result(request.user, target):
        raise Http404("Không tìm thấy chỉ tiêu.")
    current = TargetResult.objects.filter(target=target, period=period).first()
    if request.method == "POST":
        form = TargetResultForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target_result_record(
                    target=target,
                    period=period,
                    actor=request.user,
                    value=data["value"],
                    text=data["text"],
                    met=data["met"],
                    note=data["note"],
                    evidence=data["evidence"],
                )
            except (InvalidInput, NotPermitted) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Đã ghi kết quả chỉ tiêu."))
                url = reverse("reports:movement", args=[movement.pk])
                return redirect(f"{url}?period={period.pk}")
    else:
        initial = {}
        if current is not None:
            initial = {
                "value": current.value,
                "text": current.text,
                "met": current.met,
                "note": current.note,
            }
        form = TargetResultForm(initial=initial)
    history = current.history.select_related("history_user") if current else []
    return render(
        request,
        "reports/target_result.html",
        {
            "target": target,
            "period": period,
            "movement": movement,
            "form": form,
            "current": current,
            "history": history,
        },
    )


@login_required
@require_POST
def registration_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("movement__authority", "unit"), pk=pk
    )
    movement = _movement_for(request, registration.movement_id)
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn kết quả thực hiện đăng ký."))
    else:
        try:
            registration_assess(
                registration=registration,
                actor=request.user,
                met=form.cleaned_data["met"],
                assessment=form.cleaned_data["assessment"],
            )
        except NotPermitted as error:
            raise Http404(str(error)) from error
        messages.success(request, _("Đã ghi đánh giá của đơn vị."))
    return redirect(reverse("reports:movement", args=[movement.pk]))


@login_required
@require_GET
def movement_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _paper_format(fmt)
    movement = _movement_for(request, pk)
    period = _period_of(request, movement)
    paper = results_paper(movement_results(movement, period), day=clock.today())
    name = f"bao-cao-phong-trao-{movement.pk}-dot-{period.pk}.{fmt}"
    if fmt == "pdf":
        return attachment(paper_pdf(paper), name, "application/pdf")
    return attachment(paper_docx(paper), name, DOCX)


@login_required
@require_GET
def target_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence of a result, to whoever may read its movement's results."""
    result = get_object_or_404(TargetResult.objects.select_related("target"), pk=pk)
    _movement_for(request, result.target.movement_id)
    if not result.evidence:
        raise Http404("Không có tài liệu.")
    response = FileResponse(result.evidence.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def bloc_scores(request: HttpRequest, pk: int, period_id: int) -> HttpResponse:
    """The office scores the units of one bloc for a period."""
    bloc = get_object_or_404(EmulationBloc.objects.prefetch_related("units"), pk=pk)
    period = get_object_or_404(Period.objects.select_related("movement__authority"), pk=period_id)
    movement = _movement_for(request, period.movement_id)
    if not (movement.scores_blocs and may_assess_movement(request.user, movement)):
        raise Http404("Không tìm thấy khối thi đua.")
    if bloc.pk not in {b.pk for b in blocs_of(movement)}:
        raise Http404("Không tìm thấy khối thi đua.")
    units = sorted(bloc.units.all(), key=lambda unit: unit.name)
    current = dict(
        BlocScore.objects.filter(period=period, bloc=bloc).values_list("unit_id", "score")
    )
    form = BlocScoresForm(request.POST or None, units=units, initial_scores=current)
    if request.method == "POST" and form.is_valid():
        try:
            bloc_scores_record(period=period, bloc=bloc, actor=request.user, scores=form.scores())
        except (InvalidInput, NotPermitted) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi điểm của khối thi đua."))
            url = reverse("reports:movement", args=[movement.pk])
            return redirect(f"{url}?period={period.pk}")
    return render(
        request,
        "reports/bloc_scores.html",
        {"bloc": bloc, "period": period, "movement": movement, "form": form},
    )
