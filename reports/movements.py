"""A movement's results in a period: its targets against what they reached, the units'
registrations and whether each kept its pledge, the awards made and the prize total; the
chart of progress; and the sơ kết / tổng kết report laid out as the plans ask for it
(Khuôn Lùng 2024: "Thời gian sơ kết … Thời gian tổng kết …", reports to the council)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Sum

from nominations.blocs import Standing, bloc_standings, blocs_of
from nominations.models import AwardRecord, EmulationBloc, Movement, Period, Registration, Target
from nominations.targets import Progress, format_figure, target_progress
from reports.papers import Paper, Table, figure

CHART_CAP = 150  # a bar stops at 150 %: one runaway figure must not flatten the others


@dataclass(frozen=True)
class Pledge:
    registration: Registration
    progress: list[Progress]

    @property
    def met(self) -> bool | None:
        """As the office assessed it; else whether every own target with a result was met."""
        if self.registration.pledge_met is not None:
            return self.registration.pledge_met
        known = [p.met for p in self.progress if p.met is not None]
        return all(known) if known and len(known) == len(self.progress) else None


@dataclass(frozen=True)
class AwardLine:
    name: str
    awards: int
    prize: int


@dataclass(frozen=True)
class Bar:
    label: str
    percent: str  # "104,6"
    width: float  # in the SVG's units: CHART_CAP % is BAR_SPACE wide
    y: int
    met: bool

    @property
    def value_x(self) -> float:
        return round(BAR_X + self.width + 4, 1)


# The progress chart's geometry, in SVG units: labels on the left, bars from BAR_X.
BAR_X, BAR_SPACE, ROW = 255, 300, 18
GOAL_X = BAR_X + BAR_SPACE * 100 // CHART_CAP


@dataclass
class MovementResults:
    movement: Movement
    period: Period
    progress: list[Progress]
    pledges: list[Pledge]
    awards: list[AwardLine]
    blocs: list[tuple[EmulationBloc, list[Standing]]]

    @property
    def figures(self) -> list[Progress]:
        return [p for p in self.progress if not p.is_heading]

    @property
    def met_count(self) -> int:
        return sum(1 for p in self.figures if p.met)

    @property
    def entered_count(self) -> int:
        return sum(1 for p in self.figures if p.result is not None)

    @property
    def prize_total(self) -> int:
        return sum(line.prize for line in self.awards)

    @property
    def award_count(self) -> int:
        return sum(line.awards for line in self.awards)

    def bars(self) -> list[Bar]:
        """One bar per target with a percentage, a row apart."""
        rows = [p for p in self.figures if p.percent is not None]
        return [
            Bar(
                label=f"{p.target.position}. {p.target.name}",
                percent=p.percent_label,
                width=round(min(float(p.percent), CHART_CAP) * BAR_SPACE / CHART_CAP, 1),
                y=ROW * index,
                met=bool(p.met),
            )
            for index, p in enumerate(rows)
        ]


def movement_results(movement: Movement, period: Period) -> MovementResults:
    """Everything the results page and the report show: a fixed number of queries whatever
    the size (three more for a movement that scores its blocs)."""
    targets = list(movement.targets.filter(registration__isnull=True).order_by("position"))
    registrations = list(
        movement.registrations.select_related("unit").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("position"))
        )
    )
    own = [t for r in registrations for t in r.targets.all()]
    progress = target_progress(targets + own, period)
    by_target = {p.target.pk: p for p in progress}
    pledges = [Pledge(r, [by_target[t.pk] for t in r.targets.all()]) for r in registrations]
    awards = [
        AwardLine(row["award_type__name"], row["awards"], row["prize"] or 0)
        for row in AwardRecord.objects.filter(
            decision_line__nomination__period=period, revoked_on__isnull=True
        )
        .order_by()
        .values("award_type__name", "award_type__sort_order")
        .annotate(awards=Count("pk"), prize=Sum("prize_amount"))
        .order_by("award_type__sort_order", "award_type__name")
    ]
    blocs = bloc_standings(blocs_of(movement), period) if movement.scores_blocs else []
    return MovementResults(movement, period, progress[: len(targets)], pledges, awards, blocs)


def _yes_no(value: bool | None) -> str:
    return {True: "Đạt", False: "Không đạt", None: "Chưa đánh giá"}[value]


def _is_closing(period: Period) -> bool:
    """The movement's last period is its tổng kết; any earlier one a sơ kết."""
    last = period.movement.periods.order_by("-ends_on").values_list("pk", flat=True).first()
    return last == period.pk


def results_paper(results: MovementResults, *, day: datetime.date) -> Paper:
    movement, period = results.movement, results.period
    closing = _is_closing(period)
    kind = "tổng kết" if closing else "sơ kết"
    authority = movement.authority.continuing_on(day)
    dated = f" ngày {movement.plan_date:%d/%m/%Y}" if movement.plan_date else ""
    if movement.plan_number:
        plan = f" theo Kế hoạch số {movement.plan_number}{dated}"
    else:
        plan = f" phát động{dated}" if dated else ""
    blocks: list = [
        f"Thực hiện phong trào thi đua “{movement.name}”{plan}, Ủy ban nhân dân "
        f"{authority.full_name} báo cáo kết quả {kind} phong trào (từ ngày "
        f"{period.starts_on:%d/%m/%Y} đến ngày {period.ends_on:%d/%m/%Y}) như sau:",
        ("heading", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        f"Có {len(results.figures)} chỉ tiêu; đã có kết quả {results.entered_count} chỉ tiêu, "
        f"đạt và vượt {results.met_count} chỉ tiêu.",
    ]
    rows, bold = [], set()
    for index, p in enumerate(results.progress):
        target = p.target
        if p.is_heading:
            bold.add(index)
            rows.append([str(target.position), target.name, "", "", "", "", ""])
            continue
        goal = format_figure(target.target_value) if target.target_value is not None else ""
        rows.append([
            str(target.position), target.name, target.unit_of_measure,
            target.target_text or goal, p.achieved,
            f"{p.percent_label}%" if p.percent is not None else "",
            _yes_no(p.met) if p.result else "",
        ])  # fmt: skip
    blocks.append(
        Table(
            ["TT", "Chỉ tiêu", "ĐVT", "Mục tiêu", "Đạt được", "Tỷ lệ", "Đánh giá"],
            rows,
            [10, 62, 18, 20, 20, 17, 18],
            bold,
            numeric_from=3,
        )
    )
    blocks.append(("heading", "II. KẾT QUẢ ĐĂNG KÝ THI ĐUA"))
    if results.pledges:
        blocks.append(
            Table(
                ["TT", "Đơn vị", "Ngày đăng ký", "Kết quả", "Nhận xét"],
                [
                    [str(n), p.registration.unit.name,
                     f"{p.registration.registered_on:%d/%m/%Y}", _yes_no(p.met),
                     p.registration.assessment]
                    for n, p in enumerate(results.pledges, 1)
                ],
                [10, 60, 25, 25, 45],
                numeric_from=99,
            )
        )  # fmt: skip
    else:
        blocks.append("Chưa có đơn vị đăng ký thi đua.")
    if results.blocs:
        blocks.append(("heading", "III. KẾT QUẢ CHẤM ĐIỂM CÁC KHỐI THI ĐUA"))
        if movement.bloc_scoring_basis:
            blocks.append(f"Căn cứ chấm điểm: {movement.bloc_scoring_basis}.")
        for bloc, standings in results.blocs:
            blocks.append(("heading", bloc.name))
            blocks.append(
                Table(
                    ["Xếp hạng", "Đơn vị", "Điểm"],
                    [
                        [str(s.rank) if s.rank else "", s.unit.name,
                         format_figure(s.score) if s.score is not None else "Chưa chấm"]
                        for s in standings
                    ],
                    [25, 100, 40],
                    numeric_from=2,
                )
            )  # fmt: skip
    blocks.append(("heading", f"{'IV' if results.blocs else 'III'}. KHEN THƯỞNG"))
    if results.awards:
        rows = [
            [str(n), line.name, str(line.awards), figure(line.prize)]
            for n, line in enumerate(results.awards, 1)
        ]
        rows.append(["", "Cộng", str(results.award_count), figure(results.prize_total)])
        blocks.append(
            Table(
                ["TT", "Danh hiệu, hình thức", "Số lượng", "Tiền thưởng (đồng)"],
                rows,
                [10, 90, 25, 40],
                {len(rows) - 1},
            )
        )
    else:
        blocks.append("Chưa có quyết định khen thưởng trong đợt.")
    prizes = list(movement.prizes.all())
    if prizes:
        blocks.append(
            "Giải thưởng của phong trào: "
            + "; ".join(f"{p.count:02d} {p.name} ({figure(p.amount)} đồng)" for p in prizes)
            + "."
        )
    above = authority.superior_on(day)
    return Paper(
        authority=authority,
        day=day,
        number="Số:        /BC-UBND",
        title="BÁO CÁO",
        subject=f"{kind.capitalize()} phong trào thi đua năm {period.ends_on.year}",
        blocks=blocks,
        recipients=[
            *([f"Ủy ban nhân dân {above.full_name}"] if above else []),
            "Hội đồng Thi đua - Khen thưởng xã",
        ],
    )
