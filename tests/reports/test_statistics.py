"""The statutory statistics (issue 24 part 1): every figure equals the awards behind it,
counted here independently of the report's filters; the XLSX has the form's rows and
columns and a sheet per figure; the paper prints the grid; the province sees its communes."""

from __future__ import annotations

import datetime
import html
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core import clock
from councils.map import new_code
from councils.models import Authority, Succession
from demo.world import REAL_MAP
from nominations.models import AwardRecord, Nomination
from reports.models import StatisticsForm
from reports.scope import covered
from reports.statistics import (
    cell_nominations,
    cell_records,
    statistics_by_authority,
    statistics_grid,
)
from tests import factories

pytestmark = pytest.mark.django_db
S = Nomination.State

D = datetime.date
START, END = D(2025, 12, 1), D(2026, 11, 30)  # counting year 2026 (01/12 – 30/11)


def _record(nominee: dict, code: str, day: datetime.date, issuer, *, kind="year", prize=None,
            revoked=None) -> AwardRecord:  # fmt: skip
    return AwardRecord.objects.create(
        **nominee,
        award_type=factories.award(code),
        year=day.year,
        kind=kind,
        decision_number=f"{factories._seq.__next__()}/QĐ-UBND",
        decision_date=day,
        issuing_authority=issuer,
        issuing_authority_name=issuer.full_name if issuer else "UBND huyện cũ",
        source="decision" if issuer else "legacy",
        prize_amount=prize,
        revoked_on=revoked,
    )


@pytest.fixture
def awards(world) -> list[AwardRecord]:
    """A commune's year: individuals, a household, a collective, an ad hoc and a campaign
    award, one decided by the province, one revoked, one from before the year, one after,
    and one of another commune."""
    commune, unit = world.commune, world.unit
    people = [factories.person(unit) for _ in range(4)]
    home = factories.household(unit)
    elsewhere = factories.unit(factories.authority(parent=world.district))
    sent = [world.nomination(state=S.SUBMITTED) for _ in range(2)]
    sent.append(
        world.nomination(
            "gia-dinh-van-hoa",
            state=S.APPROVED,
            papers=False,
            nominee_kind="household",
            person=None,
            household=home,
        )
    )
    later = world.nomination(state=S.SUBMITTED)
    world.nomination()  # a draft: never sent
    for nomination, day in [*((n, D(2026, 3, 3)) for n in sent), (later, D(2026, 12, 2))]:
        Nomination.objects.filter(pk=nomination.pk).update(
            submitted_at=datetime.datetime(day.year, day.month, day.day, 9, tzinfo=datetime.UTC)
        )
    return [
        _record({"person": people[0]}, "lao-dong-tien-tien", D(2025, 12, 20), commune,
                prize=760_000),
        _record({"person": people[1]}, "lao-dong-tien-tien", D(2026, 1, 5), commune,
                prize=760_000),
        _record({"person": people[2]}, "chien-si-thi-dua-co-so", D(2026, 1, 5), commune,
                prize=1_520_000),
        _record({"person": people[3]}, "giay-khen-chu-tich-xa", D(2026, 9, 2), commune,
                kind="ad_hoc", prize=380_000),
        _record({"household": home}, "gia-dinh-van-hoa", D(2026, 11, 30), commune,
                kind="campaign"),
        _record({"collective": unit}, "tap-the-lao-dong-tien-tien", D(2026, 1, 5), commune,
                prize=1_140_000),
        _record({"person": people[2]}, "bang-khen-chu-tich-tinh", D(2026, 3, 1),
                world.province, prize=1_900_000),
        _record({"person": people[0]}, "lao-dong-tien-tien", D(2026, 2, 1), commune,
                revoked=D(2026, 4, 1), prize=760_000),
        _record({"person": people[1]}, "lao-dong-tien-tien", D(2025, 11, 30), commune),
        _record({"person": people[1]}, "lao-dong-tien-tien", D(2026, 12, 1), commune),
        _record({"person": factories.person(elsewhere)}, "lao-dong-tien-tien",
                D(2026, 1, 5), elsewhere.authority, prize=760_000),
        _record({"person": people[3]}, "chien-si-thi-dua-co-so", D(2026, 5, 5), None),
    ]  # fmt: skip


def _form() -> StatisticsForm:
    return StatisticsForm.objects.get(code="khen-thuong-trong-nam")


def _expected(records, row, column, commune) -> int:
    """The figure recomputed from the records themselves, by reading the row and column
    as a person would: not the report's Q objects."""
    counted = [
        r for r in records
        if START <= r.decision_date <= END and r.revoked_on is None
        and commune.pk in (r.unit.authority_id, r.issuing_authority_id)
    ]  # fmt: skip
    return _expected_of(counted, row, column, _sent({commune.pk}, START, END))


def _sent(authority_ids: set[int], start, end) -> list[Nomination]:
    """Every dossier the authorities' units sent in the span, read whole: not the report's
    filters."""
    everything = Nomination.objects.select_related("award_type", "period", "proposing_unit")
    return [
        n for n in everything
        if n.submitted_at and start <= timezone.localtime(n.submitted_at).date() <= end
        and n.proposing_unit.authority_id in authority_ids
    ]  # fmt: skip


def _expected_proposals(sent, row, column) -> int | None:
    if row.issuing_level:
        return None  # a deciding level is known only once decided
    codes = {a.code for a in row.award_types.all()}
    groups = {"individual": {"individual"}, "household": {"household"},
              "collective": {"collective", "village"}}  # fmt: skip
    return sum(
        1
        for n in sent
        if (not codes or n.award_type.code in codes)
        and (not row.award_category or n.award_type.category == row.award_category)
        and (not row.award_kind or n.period.kind == row.award_kind)
        and (not column.nominee_group or n.nominee_kind in groups[column.nominee_group])
        and (not column.award_kind or n.period.kind == column.award_kind)
    )


def _expected_of(counted, row, column, sent=()) -> int | None:
    if column.measure == "proposed":
        return _expected_proposals(sent, row, column)
    codes = {a.code for a in row.award_types.all()}
    total = 0
    for r in counted:
        if codes and r.award_type.code not in codes:
            continue
        if row.award_category and r.award_type.category != row.award_category:
            continue
        if row.issuing_level and (
            r.issuing_authority is None or r.issuing_authority.level != row.issuing_level
        ):
            continue
        if row.award_kind and r.kind != row.award_kind:
            continue
        group = {"person": "individual", "household": "household", "collective": "collective"}
        kind_of = next(group[f] for f in group if getattr(r, f"{f}_id"))
        if column.nominee_group and kind_of != column.nominee_group:
            continue
        if column.award_kind and r.kind != column.award_kind:
            continue
        total += (r.prize_amount or 0) if column.measure == "prize" else 1
    return total


def test_every_figure_equals_the_awards_behind_it(world, awards):
    form = _form()
    grid = statistics_grid(form, covered(world.commune), START, END)
    assert (len(grid.rows), len(grid.columns)) == (18, 8)
    for row, cells in grid.table():
        for column, value in cells:
            assert value == _expected(awards, row, column, world.commune), (row.label, column.label)
            if column.measure == "proposed":
                behind = cell_nominations(row, column, covered(world.commune), START, END)
                assert (value or 0) == behind.count()
                continue
            behind = cell_records(row, column, covered(world.commune), START, END)
            if column.measure == "prize":
                assert value == sum(r.prize_amount for r in behind)
            else:
                assert value == behind.count()
    total, individual = grid.rows[0], grid.columns[1]
    # 7 awards in the year and the commune: the revoked, the two outside the year and the
    # other commune's are left out; the province's Bằng khen to one of its people counts.
    assert grid.value(total, grid.columns[0]) == 8
    assert grid.value(total, individual) == 6
    assert grid.value(total, grid.columns[6]) == 6_460_000
    # The dossiers sent in the year: three of the commune's (a draft and one sent after the
    # year are not), none by deciding level.
    assert grid.value(total, grid.columns[7]) == 3
    by_level = next(r for r in grid.rows if r.issuing_level)
    assert grid.value(by_level, grid.columns[7]) is None


def test_a_province_sees_each_commune_and_their_sum(world, awards):
    form = _form()
    scope = covered(world.province)
    grids = statistics_by_authority(form, scope, START, END)
    assert [g.authority.pk for g in grids] == sorted(
        [world.commune.pk, awards[10].unit.authority_id],
        key=lambda pk: next(g.authority.name for g in grids if g.authority.pk == pk),
    )
    whole = statistics_grid(form, scope, START, END)
    total_row, total_column = whole.rows[0], whole.columns[0]
    assert whole.value(total_row, total_column) == sum(
        g.grid.value(total_row, total_column) for g in grids
    )
    assert whole.value(total_row, total_column) == 9


def test_the_page_links_each_figure_to_its_awards(client, world, awards):
    client.force_login(world["standing_office"])
    page = client.get(reverse("reports:statistics"), {"year": 2026})
    assert page.status_code == 200
    grid = page.context["report"].grid
    row = next(r for r in grid.rows if r.label == "Lao động tiên tiến")
    column = grid.columns[0]
    link = page.context["report"].register_link(row, column)
    assert html.escape(link) in page.content.decode()
    listed = client.get(link)
    assert listed.status_code == 200
    names = {str(r.nominee) for r in listed.context["page"]}
    assert names == {str(awards[0].nominee), str(awards[1].nominee)}


def test_the_xlsx_has_the_forms_rows_columns_and_a_sheet_per_figure(client, world, awards):
    client.force_login(world["chairman"])
    response = client.get(reverse("reports:statistics_xlsx"), {"year": 2026})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    form = _form()
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[3]
    assert header[2:] == [f"({c.code}) {c.label}" for c in form.columns.all()]
    grid = statistics_grid(form, covered(world.commune), START, END)
    for index, (row, cells) in enumerate(grid.table()):
        line = values[4 + index]
        assert line[:2] == [row.code or None, row.label]
        assert line[2:] == [value for _c, value in cells]
    for position, (_row, cells) in enumerate(grid.table(), 1):
        for column, value in cells:
            name = f"D{position}-C{column.code}"
            if not value:
                assert name not in book.sheetnames
                continue
            listed = list(book[name].iter_rows(min_row=3, values_only=True))
            if column.measure == "prize":
                assert sum(r[9] for r in listed) == value
            else:
                assert len(listed) == value


def test_the_report_paper_prints_the_grid_under_the_nd30_header(client, world, awards):
    client.force_login(world["standing_office"])
    response = client.get(reverse("reports:statistics_document", args=["docx"]), {"year": 2026})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Thống kê khen thưởng năm 2026",
        "Lao động tiên tiến",
        "6.460.000",
        "TM. ỦY BAN NHÂN DÂN",
    ):
        assert text in xml, text  # fmt: skip


def test_only_the_office_leaders_and_auditors_read_the_statistics(client, world):
    for persona, status in (("unit_head", 403), ("council_member", 403), ("auditor", 200),
                            ("chairman", 200), ("standing_office", 200)):  # fmt: skip
        client.force_login(world[persona])
        assert client.get(reverse("reports:statistics")).status_code == status, persona


def test_the_statistics_page_reads_a_fixed_number_of_queries(
    client, world, awards, django_assert_max_num_queries
):
    client.force_login(world["standing_office"])
    client.get(reverse("reports:statistics"), {"year": 2026})
    for _ in range(30):
        _record({"person": factories.person(world.unit)}, "lao-dong-tien-tien",
                D(2026, 2, 2), world.commune)  # fmt: skip
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reports:statistics"), {"year": 2026}).status_code == 200


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_demo_communes_statistics_equal_the_awards_behind_each_figure(demo, year):
    """Cẩm Trung, which continues Cẩm Lĩnh since 01/07/2025: its counting years 2025 and
    2026, each figure recounted here from every ledger row of the demo."""
    commune = Authority.objects.get(code=new_code(REAL_MAP["camlinh"]["new"]))
    form = _form()
    start, end = form.year_span(year)
    grid = statistics_grid(form, covered(commune), start, end)
    everything = list(AwardRecord.objects.select_related("award_type", "unit", "issuing_authority"))
    # The commune and every commune merged into it (read from the successions themselves).
    mine = {commune.pk, *Succession.objects.filter(successor=commune).values_list(
        "predecessor_id", flat=True
    )}  # fmt: skip
    assert len(mine) > 1
    counted = [
        r for r in everything
        if start <= r.decision_date <= end and r.revoked_on is None
        and (r.unit.authority_id in mine or r.issuing_authority_id in mine)
    ]  # fmt: skip
    assert counted, "the demo has awards in this counting year"
    sent = _sent(mine, start, end)
    for row, cells in grid.table():
        for column, value in cells:
            expected = _expected_of(counted, row, column, sent)
            assert value == expected, (year, row.label, column.label)
    assert grid.value(grid.rows[0], grid.columns[0]) == len(counted)


def test_another_reporting_span_counts_only_its_decisions(client, world, awards):
    client.force_login(world["standing_office"])
    query = {"date_from": "01/01/2026", "date_to": "30/06/2026"}
    report = client.get(reverse("reports:statistics"), query).context["report"]
    first_half = [
        r for r in awards
        if D(2026, 1, 1) <= r.decision_date <= D(2026, 6, 30) and r.revoked_on is None
        and world.commune.pk in (r.unit.authority_id, r.issuing_authority_id)
    ]  # fmt: skip
    assert report.grid.value(report.grid.rows[0], report.grid.columns[0]) == len(first_half)
    assert not report.is_year
    paper = client.get(reverse("reports:statistics_document", args=["docx"]), query)
    with zipfile.ZipFile(io.BytesIO(paper.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "Thống kê khen thưởng từ ngày 01/01/2026 đến ngày 30/06/2026" in xml
    half = client.get(reverse("reports:statistics"), {"date_from": "01/01/2026"})
    assert "Kỳ báo cáo cần cả ngày đầu và ngày cuối." in half.content.decode()


def test_the_page_shows_what_it_counts_in_its_own_fields(client, world):
    client.force_login(world["standing_office"])
    page = client.get(reverse("reports:statistics")).content.decode()
    year = StatisticsForm.objects.get(code="khen-thuong-trong-nam").counting_year(clock.today())
    assert f'name="year" value="{year}"' in page
    assert '<option value="khen-thuong-trong-nam" selected>' in page
    # one authority to report on: nothing to choose, it travels hidden
    assert f'<input type="hidden" name="authority" value="{world.commune.pk}"' in page


def test_a_figure_of_proposals_opens_the_dossiers_sent(client, world, awards):
    client.force_login(world["standing_office"])
    report = client.get(reverse("reports:statistics"), {"year": 2026}).context["report"]
    total, proposed = report.grid.rows[0], report.grid.columns[7]
    link = report.register_link(total, proposed)
    assert link.startswith(reverse("reports:proposals"))
    listed = client.get(link)
    assert listed.status_code == 200
    sent = {n.pk for n in listed.context["page"]}
    assert len(sent) == report.grid.value(total, proposed) == 3
    assert all(n.submitted_at for n in Nomination.objects.filter(pk__in=sent))
    # the awards' register refuses a figure of proposals, and the reverse
    assert (
        client.get(link.replace("/proposals/", "/register/")).context["page"].paginator.count == 0
    )
    awards_link = report.register_link(total, report.grid.columns[0])
    assert client.get(awards_link.replace("/register/", "/proposals/")).status_code == 404
    client.force_login(world["unit_head"])
    assert client.get(link).status_code == 403
