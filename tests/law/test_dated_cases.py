"""Dated legal cases: each row is one rule of the law applied on one date, with the article it
comes from. A row that fails names the rule and its source (design.md §6, domain.md §6)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from nominations.documents.contexts import legal_bases
from nominations.models import AwardRecord, AwardType, Nomination
from nominations.selectors import award_decision_rule_on, prize_amount
from tests import factories
from workflow import services as workflow_services
from workflow.eligibility import eligibility_reasons
from workflow.models import CalendarException
from workflow.selectors import add_working_days, is_working_day

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
S = Nomination.State


@dataclass(frozen=True)
class DueDate:
    """`days` working days after `start` fall due on `due`."""

    basis: str
    start: str
    days: int
    due: str


DUE_DATES = [
    DueDate(
        "Bộ luật Lao động 2019 Đ112 (Tết Nguyên đán 2026: nghỉ 14–22/02/2026)",
        "2026-02-13",
        1,
        "2026-02-23",
    ),
    DueDate(
        "QĐ 638/QĐ-BNV: thẩm định trong 20 ngày làm việc, qua Tết 2026",
        "2026-02-02",
        20,
        "2026-03-09",
    ),
    DueDate(
        "Làm bù thứ Bảy 22/08/2026 cho thứ Hai 31/08/2026 (holidays: weekend_workdays)",
        "2026-08-21",
        1,
        "2026-08-22",
    ),
    DueDate(
        "Nghỉ thứ Hai 31/08/2026 đã hoán đổi; Quốc khánh 01–02/09/2026 (BLLĐ Đ112)",
        "2026-08-28",
        1,
        "2026-09-03",
    ),
    DueDate(
        "Làm bù thứ Bảy 26/04/2025 cho thứ Sáu 02/05/2025",
        "2025-04-25",
        1,
        "2025-04-26",
    ),
    DueDate(
        "Tết Dương lịch 2026: 01/01 nghỉ lễ, 02/01 hoán đổi (CV 12729/VPCP-KGVX ngày 25/12/2025)",
        "2025-12-31",
        1,
        "2026-01-05",
    ),
    DueDate(
        "Làm bù thứ Bảy 10/01/2026 cho thứ Sáu 02/01/2026 (CV 12729/VPCP-KGVX)",
        "2026-01-09",
        1,
        "2026-01-10",
    ),
    DueDate(
        "Ngày thường: thứ Bảy, Chủ nhật là ngày nghỉ hằng tuần (BLLĐ 2019 Đ111)",
        "2024-11-29",
        1,
        "2024-12-02",
    ),
]


@pytest.mark.parametrize("case", DUE_DATES, ids=lambda case: f"{case.start}+{case.days}")
def test_due_dates_count_working_days_as_announced(case):
    assert add_working_days(D(case.start), case.days) == D(case.due), case.basis


def test_an_administrator_records_next_years_swap_and_deadlines_follow():
    """A swap the package does not know yet (Tết Dương lịch 2027, as an example) is one row."""
    assert is_working_day(D("2027-01-02")) is False  # a Saturday
    CalendarException.objects.create(day=D("2027-01-02"), is_working_day=True, note="Làm bù")
    CalendarException.objects.create(day=D("2027-01-04"), is_working_day=False, note="Nghỉ bù")
    assert add_working_days(D("2026-12-31"), 1) == D("2027-01-02")
    assert add_working_days(D("2027-01-02"), 1) == D("2027-01-05")


# --- money on the decision date (NĐ 152/2025 Đ49, Đ50; lương cơ sở by date) ------------------


@dataclass(frozen=True)
class Prize:
    basis: str
    award: str
    kind: str
    decided_on: str
    amount: int | None


PRIZES = [
    Prize("NĐ 152 Đ50: LĐTT 0,3 × 2.530.000 = 759.000 → 760.000", "lao-dong-tien-tien",
          "individual", "2026-07-15", 760_000),
    Prize("NĐ 73/2024: 0,3 × 2.340.000 = 702.000 → 710.000", "lao-dong-tien-tien",
          "individual", "2024-12-20", 710_000),
    Prize("Lương cơ sở cũ còn áp dụng ngày 30/06/2026", "lao-dong-tien-tien",
          "individual", "2026-06-30", 710_000),
    Prize("NĐ 152 Đ50: CSTĐCS 1,0 × 2.340.000", "chien-si-thi-dua-co-so",
          "individual", "2025-12-01", 2_340_000),
    Prize("NĐ 152 Đ50: TTLĐTT 0,8 × 2.340.000 = 1.872.000 → 1.880.000",
          "tap-the-lao-dong-tien-tien", "collective", "2025-12-01", 1_880_000),
    Prize("NĐ 152 Đ50: CSTĐ cấp tỉnh 3,0 × 2.530.000", "chien-si-thi-dua-cap-tinh",
          "individual", "2026-12-01", 7_590_000),
    Prize("NĐ 152 Đ54: Giấy khen tập thể 0,6 × 2.530.000 = 1.518.000 → 1.520.000",
          "giay-khen-chu-tich-xa", "collective", "2026-12-01", 1_520_000),
    Prize("NĐ 73/2024 từ 01/07/2024: 1,0 × 1.800.000 trước đó", "chien-si-thi-dua-co-so",
          "individual", "2024-06-30", 1_800_000),
    Prize("Gia đình văn hóa: không có mức tiền thưởng trong Đ50 [U]", "gia-dinh-van-hoa",
          "household", "2025-11-20", None),
    Prize("NĐ 152 Đ54: hộ = 1,5 × mức cá nhân đã làm tròn: 710.000 × 1,5 = 1.065.000 → "
          "1.070.000 (không phải 0,45 × 2.340.000 → 1.060.000)", "giay-khen-chu-tich-xa",
          "household", "2025-12-01", 1_070_000),
    Prize("NĐ 152 Đ54: hộ 760.000 × 1,5 = 1.140.000", "giay-khen-chu-tich-xa",
          "household", "2026-12-01", 1_140_000),
    Prize("NĐ 152 Đ54: Bằng khen tỉnh, hộ = 1,5 × (1,5 × 2.530.000 = 3.795.000 → 3.800.000)",
          "bang-khen-chu-tich-tinh", "household", "2026-12-01", 5_700_000),
]  # fmt: skip


@pytest.mark.parametrize("case", PRIZES, ids=lambda case: f"{case.award}@{case.decided_on}")
def test_prize_is_the_coefficient_times_the_base_salary_of_the_decision_date(case):
    award = AwardType.objects.get(code=case.award)
    assert prize_amount(award, case.kind, D(case.decided_on)) == case.amount, case.basis


# --- who decides, by date (NĐ 129/2025 Đ59; Luật TĐKT 2022 Đ80) -------------------------------


@dataclass(frozen=True)
class Decider:
    basis: str
    award: str
    on: str
    level: str
    managed_by: str = ""  # the level managing the nominee's unit that day ("" = its commune)


DECIDERS = [
    Decider("Luật Đ80 (trước cải cách): CSTĐCS do Chủ tịch UBND huyện", "chien-si-thi-dua-co-so",
            "2024-12-01", "district"),
    Decider("NĐ 129/2025 Đ59: CSTĐCS do Chủ tịch UBND xã từ 01/07/2025", "chien-si-thi-dua-co-so",
            "2025-12-01", "commune"),
    Decider("Ngày cuối của cấp huyện", "chien-si-thi-dua-co-so", "2025-06-30", "district"),
    Decider("NĐ 129/2025 Đ59: TTLĐTT do xã từ 01/07/2025", "tap-the-lao-dong-tien-tien",
            "2025-07-01", "commune"),
    Decider("NĐ 86/2023 (trước 07/2025): thôn văn hóa do huyện", "thon-to-dan-pho-van-hoa",
            "2024-11-20", "district"),
    Decider("Luật Đ80: CSTĐ cấp tỉnh do Chủ tịch UBND tỉnh", "chien-si-thi-dua-cap-tinh",
            "2026-12-01", "province"),
    Decider("Luật Đ80.3: LĐTT của người thuộc xã do Chủ tịch UBND xã", "lao-dong-tien-tien",
            "2024-12-01", "commune", "commune"),
    Decider("Luật Đ80.2: LĐTT của giáo viên trường do huyện quản lý do Chủ tịch UBND huyện",
            "lao-dong-tien-tien", "2024-12-01", "district", "district"),
    Decider("Luật Đ80.2: ngày cuối huyện quản lý trường", "lao-dong-tien-tien", "2025-06-30",
            "district", "district"),
    Decider("NĐ 129/2025 Đ59: trường chuyển về xã; LĐTT do Chủ tịch UBND xã",
            "lao-dong-tien-tien", "2025-12-01", "commune", "commune"),
    Decider("Luật Đ80.1 [S]: đơn vị thuộc tỉnh (trường THPT) — thủ trưởng đơn vị thuộc tỉnh",
            "lao-dong-tien-tien", "2026-12-01", "province", "province"),
    Decider("Luật Đ80.1 [S]: CSTĐCS của người thuộc đơn vị cấp tỉnh", "chien-si-thi-dua-co-so",
            "2026-12-01", "province", "province"),
    Decider("Luật Đ80.2: CSTĐCS trước 07/2025 vẫn do huyện, kể cả trường do huyện quản lý",
            "chien-si-thi-dua-co-so", "2024-12-01", "district", "district"),
    Decider("Luật Đ80: Giấy khen xã không phụ thuộc cơ quan quản lý", "giay-khen-chu-tich-xa",
            "2024-12-01", "commune", "district"),
]  # fmt: skip


@pytest.mark.parametrize(
    "case", DECIDERS, ids=lambda case: f"{case.award}@{case.on}/{case.managed_by or 'default'}"
)
def test_the_deciding_level_is_the_one_in_force_on_the_day(case):
    award = AwardType.objects.get(code=case.award)
    rule = award_decision_rule_on(award, D(case.on), managed_by=case.managed_by)
    assert rule.level == case.level, case.basis


# --- căn cứ: the texts in force on the paper's date (LegalBasis rows) ---------------------------


@dataclass(frozen=True)
class Bases:
    """A decision of a commune chairman dated `on` cites `cites` (in order) and none of `not_`."""

    basis: str
    on: str
    cites: tuple[str, ...]
    not_: tuple[str, ...]


LOCAL_2015 = "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi"
LOCAL_02_2025 = "Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025"
LOCAL_06_2025 = "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
LAW_2022 = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
LAW_2026 = "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 23 tháng 4"
ND_98 = "Nghị định số 98/2023/NĐ-CP"
ND_152 = "Nghị định số 152/2025/NĐ-CP"
ND_129 = "Nghị định số 129/2025/NĐ-CP"

BASES = [
    Bases("NĐ 98/2023 in force 01/01/2024–30/06/2025; NĐ 152, NĐ 129 not yet", "2024-12-20",
          (LOCAL_2015, LAW_2022, ND_98), (ND_152, ND_129, LOCAL_06_2025, LAW_2026)),
    Bases("Luật 65/2025/QH15 from 01/03/2025", "2025-04-01",
          (LOCAL_02_2025, LAW_2022, ND_98), (LOCAL_2015, LOCAL_06_2025, ND_152)),
    Bases("Luật 72/2025/QH15 from 16/06/2025; NĐ 98 until 30/06/2025", "2025-06-30",
          (LOCAL_06_2025, LAW_2022, ND_98), (LOCAL_02_2025, ND_152, ND_129)),
    Bases("NĐ 152/2025 Đ59 replaces NĐ 98/2023 from 01/07/2025; NĐ 129/2025 Đ59", "2025-07-01",
          (LOCAL_06_2025, LAW_2022, ND_152, ND_129), (ND_98, LAW_2026)),
    Bases("Luật TĐKT sửa đổi 2026 [U] from 01/10/2026", "2026-11-20",
          (LOCAL_06_2025, LAW_2022, LAW_2026, ND_152, ND_129), (ND_98,)),
]  # fmt: skip


def _cited(authority, on: str) -> str:
    return "\n".join(legal_bases(authority, D(on), on_decision=True))


@pytest.mark.parametrize("case", BASES, ids=lambda case: case.on)
def test_a_decision_cites_the_texts_in_force_on_its_date_once_each(world, case):
    cited = legal_bases(world.commune, D(case.on), on_decision=True)
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in cited)
    positions = [next(i for i, line in enumerate(cited) if text in line) for text in case.cites]
    assert positions == sorted(positions), case.basis
    for text in case.not_:
        assert not any(text in line for line in cited), (case.basis, text)
    assert sum(line.startswith("Căn cứ Luật Thi đua, khen thưởng") for line in cited) == 1, (
        case.basis
    )


def test_a_unit_proposal_cites_the_award_law_but_not_the_law_on_local_government(world):
    cited = legal_bases(world.commune, D("2026-11-20"), on_decision=False)
    assert any(LAW_2022 in line for line in cited)
    assert not any("Tổ chức chính quyền địa phương" in line for line in cited)


def test_a_provinces_own_regulation_is_cited_by_its_communes_while_in_force(world):
    """Bắc Ninh QĐ 86/2025/QĐ-UBND, effective 15/12/2025 (domain.md §6.A)."""
    from nominations.models import LegalBasis

    LegalBasis.objects.create(
        citation="Quyết định số 86/2025/QĐ-UBND ngày 03 tháng 12 năm 2025 của Ủy ban nhân dân"
        " tỉnh Bắc Ninh ban hành Quy định về công tác thi đua, khen thưởng",
        kind=LegalBasis.Kind.REGULATION,
        rank=50,
        in_force_from=D("2025-12-15"),
        authority=world.province,
    )
    regulation = "Quyết định số 86/2025/QĐ-UBND"
    assert not any(
        regulation in c for c in legal_bases(world.commune, D("2025-12-14"), on_decision=True)
    )
    later = legal_bases(world.commune, D("2026-03-02"), on_decision=True)
    assert regulation in later[-1]
    other_province = factories.authority(world.province.Level.PROVINCE)
    elsewhere = factories.authority(world.province.Level.COMMUNE, parent=other_province)
    assert not any(
        regulation in c for c in legal_bases(elsewhere, D("2026-03-02"), on_decision=True)
    )


# --- rules that chain across years, read from the ledger (Luật TĐKT 2022 Đ22) ------------------


@dataclass(frozen=True)
class Chain:
    basis: str
    held: tuple[int, ...]  # years with an unrevoked CSTĐCS in the ledger
    revoked: tuple[int, ...]
    year: int  # the CSTĐ cấp tỉnh nomination's year
    missing: str  # "" when eligible


CHAINS = [
    Chain("Luật Đ22: 3 lần liên tục CSTĐCS 2022–2024", (2022, 2023, 2024), (), 2024, ""),
    Chain("Luật Đ22: thiếu 2023, không liên tục", (2022, 2024), (), 2024, "2023"),
    Chain("Luật Đ22: chỉ một CSTĐCS", (2024,), (), 2024, "2022, 2023"),
    Chain("Luật Đ93: CSTĐCS đã bị hủy không được tính", (2022, 2024), (2023,), 2024, "2023"),
    Chain("Luật Đ22: chuỗi phải kết thúc ở năm xét", (2021, 2022, 2023), (), 2024, "2024"),
    Chain("Luật Đ22: chuỗi dài hơn vẫn đủ", (2020, 2021, 2022, 2023, 2024), (), 2024, ""),
]


def _ledger_entry(person, code: str, year: int, *, revoked: bool = False) -> AwardRecord:
    return AwardRecord.objects.create(
        person=person,
        award_type=AwardType.objects.get(code=code),
        year=year,
        decision_number=f"{year}/QĐ-UBND",
        decision_date=datetime.date(year, 12, 20),
        issuing_authority_name="UBND xã",
        source=AwardRecord.Source.LEGACY,
        revoked_on=datetime.date(year + 1, 3, 1) if revoked else None,
    )


@pytest.mark.parametrize("case", CHAINS, ids=lambda case: case.basis)
def test_cstd_tinh_needs_three_consecutive_cstdcs_in_the_ledger(world, case):
    nomination = factories.nomination(
        unit_=world.unit,
        award_type=AwardType.objects.get(code="chien-si-thi-dua-cap-tinh"),
        period_=factories.period(world.commune, year=case.year),
        person=factories.person(world.unit),
    )
    for year in case.held:
        _ledger_entry(nomination.person, "chien-si-thi-dua-co-so", year)
    for year in case.revoked:
        _ledger_entry(nomination.person, "chien-si-thi-dua-co-so", year, revoked=True)
    chain = [r for r in eligibility_reasons(nomination, D("2024-12-10")) if "liên tục" in r]
    if case.missing:
        assert len(chain) == 1, case.basis
        assert f"chưa có năm {case.missing}" in chain[0], case.basis
    else:
        assert chain == [], case.basis


# --- provincial Bằng khen: 02 lần liên tục CSTĐCS or another ground (QĐ 86/2025 Bắc Ninh Đ3.3.a)


@dataclass(frozen=True)
class BangKhen:
    basis: str
    held: tuple[int, ...]  # years with an unrevoked CSTĐCS
    year: int
    missing: str  # "" when the chain rule says nothing against it
    nominee: str = "individual"
    period_kind: str = "year"
    ground: bool = False  # the proposer names another ground of the award


BK_TINH = "bang-khen-chu-tich-tinh"
BANG_KHEN = [
    BangKhen("QĐ 86/2025 Đ3.3.a: 02 lần liên tục CSTĐCS 2024–2025", (2024, 2025), 2025, ""),
    BangKhen("QĐ 86/2025 Đ3.3.a: một CSTĐCS chưa đủ", (2025,), 2025, "2024"),
    BangKhen("QĐ 86/2025 Đ3.3.a: hai lần không liên tục", (2023, 2025), 2025, "2024"),
    BangKhen("QĐ 86/2025 Đ3.3.a: căn cứ khác — 02 năm HTXS, 02 sáng kiến", (2025,), 2025, "",
             ground=True),
    BangKhen("QĐ 86/2025 Đ3.3.a: kết quả phong trào do tỉnh phát động (đợt)", (), 2025, "",
             period_kind="campaign"),
    BangKhen("Luật Đ85 / QĐ 86/2025 Đ3.3.a: thành tích đột xuất", (), 2025, "",
             period_kind="ad_hoc"),
    BangKhen("QĐ 86/2025 Đ3.3.b: điều kiện 02 lần CSTĐCS chỉ cho cá nhân", (), 2025, "",
             nominee="collective"),
]  # fmt: skip


@pytest.mark.parametrize("case", BANG_KHEN, ids=lambda case: case.basis)
def test_provincial_bang_khen_needs_two_consecutive_cstdcs_or_another_ground(world, case):
    from nominations.models import MeritGround, Period

    period = factories.period(world.commune, year=case.year)
    Period.objects.filter(pk=period.pk).update(kind=case.period_kind)
    period.refresh_from_db()
    award = AwardType.objects.get(code=BK_TINH)
    nominee = (
        {"person": factories.person(world.unit)}
        if case.nominee == "individual"
        else {"collective": world.unit}
    )
    ground = MeritGround.objects.filter(award_type=award).first() if case.ground else None
    nomination = factories.nomination(
        unit_=world.unit, award_type=award, period_=period, merit_ground=ground, **nominee
    )
    for year in case.held:
        _ledger_entry(nomination.person, "chien-si-thi-dua-co-so", year)
    chain = [r for r in eligibility_reasons(nomination, D("2025-12-10")) if "liên tục" in r]
    if case.missing:
        assert len(chain) == 1, case.basis
        assert f"chưa có năm {case.missing}" in chain[0], case.basis
        assert "căn cứ đề nghị khác" in chain[0], case.basis
    else:
        assert chain == [], case.basis


# --- a collective's titles read its members' titles of its year (Luật Đ27, Đ28) -----------------


@dataclass(frozen=True)
class Share:
    basis: str
    award: str
    members: int
    ldtt: int  # members with LĐTT in the collective's year
    cstdcs: int  # members with CSTĐCS in that year
    refused: tuple[str, ...]  # words of each expected reason; () when eligible
    ldtt_year_offset: int = 0  # -1: the LĐTT are of the year before


TTLDTT, TTLDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"
SHARES = [
    Share("Bắc Ninh QĐ 86/2025 Đ4.2.b: ít nhất 70% LĐTT", TTLDTT, 10, 7, 0, ()),
    Share("Bắc Ninh QĐ 86/2025 Đ4.2.b: 60% chưa đủ", TTLDTT, 10, 6, 0, ("6/10",)),
    Share("Luật Đ28: 0/6 LĐTT không thể đạt", TTLDTT, 6, 0, 0, ("0/6",)),
    Share("Luật Đ28: LĐTT năm trước không tính cho năm xét", TTLDTT, 10, 10, 0, ("0/10",), -1),
    Share("Luật Đ27; QĐ 86/2025 Đ3.2.b: 70% LĐTT và có CSTĐCS", TTLDXS, 10, 7, 1, ()),
    Share("Luật Đ27: không có cá nhân CSTĐCS", TTLDXS, 10, 8, 0, ("Chiến sĩ thi đua cơ sở",)),
    Share("Luật Đ27: dưới 70% LĐTT", TTLDXS, 10, 6, 1, ("6/10",)),
]  # fmt: skip


@pytest.mark.parametrize("case", SHARES, ids=lambda case: case.basis)
def test_a_collectives_title_reads_its_members_titles_of_its_year(world, case):
    year = 2025
    collective = factories.unit(world.commune)
    people = [factories.person(collective) for _ in range(case.members)]
    for person in people[: case.ldtt]:
        _ledger_entry(person, LDTT, year + case.ldtt_year_offset)
    for person in people[: case.cstdcs]:
        _ledger_entry(person, CSTDCS, year)
    nomination = factories.nomination(
        unit_=collective,
        award_type=AwardType.objects.get(code=case.award),
        period_=factories.period(world.commune, year=year),
        collective=collective,
    )
    reasons = [
        r for r in eligibility_reasons(nomination, D("2025-12-10"))
        if "cá nhân đạt" in r or "Chiến sĩ thi đua cơ sở" in r
    ]  # fmt: skip
    assert len(reasons) == len(case.refused), (case.basis, reasons)
    for words, reason in zip(case.refused, reasons, strict=True):
        assert words in reason, case.basis


# --- one payment per nominee and year: the highest title (NĐ 152/2025 Đ49) ---------------------


def _awaiting(world, code: str, year: int, person) -> Nomination:
    nomination = factories.nomination(
        unit_=world.unit,
        award_type=AwardType.objects.get(code=code),
        period_=factories.period(world.commune, year=year),
        person=person,
    )
    Nomination.objects.filter(pk=nomination.pk).update(state=S.AWAITING_DECISION)
    nomination.refresh_from_db()
    return nomination


def _decide(world, rows, number: str, day: str) -> dict[str, tuple[int | None, str]]:
    decision = workflow_services.nominations_approve(
        nominations=rows, actor=world["chairman"], number=number, issued_on=D(day)
    )
    return {
        line.nomination.award_type.code: (line.prize_amount, line.prize_note)
        for line in decision.lines.select_related("nomination__award_type")
    }


LDTT, CSTDCS, GIAY_KHEN = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "giay-khen-chu-tich-xa"


def test_ldtt_and_cstdcs_of_one_year_in_one_decision_pay_the_higher_only(world):
    """NĐ 152 Đ49: nhiều danh hiệu cùng thời gian tính thành tích → chỉ nhận mức cao nhất."""
    person = factories.person(world.unit)
    rows = [_awaiting(world, LDTT, 2025, person), _awaiting(world, CSTDCS, 2025, person)]
    paid = _decide(world, rows, "45/QĐ-UBND", "2025-12-20")
    assert paid[CSTDCS] == (2_340_000, "")
    assert paid[LDTT] == (0, "Không chi tiền thưởng (đã nhận mức cao hơn)")


def test_a_lower_title_after_the_higher_one_is_not_paid(world):
    person = factories.person(world.unit)
    _decide(world, [_awaiting(world, CSTDCS, 2025, person)], "46/QĐ-UBND", "2025-12-20")
    paid = _decide(world, [_awaiting(world, LDTT, 2025, person)], "47/QĐ-UBND", "2025-12-22")
    assert paid[LDTT][0] == 0


def test_a_higher_title_after_a_paid_lower_one_pays_the_difference(world):
    """[U] The year's total is the highest prize: 2.340.000 − 710.000 already paid."""
    person = factories.person(world.unit)
    _decide(world, [_awaiting(world, LDTT, 2025, person)], "48/QĐ-UBND", "2025-12-20")
    paid = _decide(world, [_awaiting(world, CSTDCS, 2025, person)], "49/QĐ-UBND", "2025-12-22")
    assert paid[CSTDCS][0] == 2_340_000 - 710_000
    assert "710.000" in paid[CSTDCS][1]


def test_titles_of_different_years_are_each_paid(world):
    """NĐ 152 Đ49: khác thời gian tính thành tích → nhận từng mức."""
    person = factories.person(world.unit)
    _decide(world, [_awaiting(world, CSTDCS, 2025, person)], "50/QĐ-UBND", "2025-12-20")
    paid = _decide(world, [_awaiting(world, LDTT, 2026, person)], "51/QĐ-UBND", "2026-12-01")
    assert paid[LDTT] == (760_000, "")


def test_a_title_and_a_form_of_commendation_are_both_paid(world):
    """NĐ 152 Đ49: danh hiệu và hình thức khen thưởng cùng lúc → nhận cả hai."""
    person = factories.person(world.unit)
    rows = [_awaiting(world, LDTT, 2025, person), _awaiting(world, GIAY_KHEN, 2025, person)]
    paid = _decide(world, rows, "52/QĐ-UBND", "2025-12-20")
    assert paid[LDTT] == (710_000, "")
    assert paid[GIAY_KHEN] == (710_000, "")


def test_a_revoked_higher_title_no_longer_blocks_payment(world):
    person = factories.person(world.unit)
    _ledger_entry(person, CSTDCS, 2025, revoked=True)
    paid = _decide(world, [_awaiting(world, LDTT, 2025, person)], "53/QĐ-UBND", "2025-12-20")
    assert paid[LDTT] == (710_000, "")


def test_an_administrator_adds_next_years_text_with_history_and_papers_follow_its_dates(
    client, world
):
    from nominations.models import LegalBasis

    client.force_login(factories.user(is_staff=True, is_superuser=True))
    form = {
        "citation": "Nghị định số 999/2027/NĐ-CP ngày 01 tháng 3 năm 2027 của Chính phủ",
        "kind": "decree",
        "rank": "32",
        "in_force_from": "15/04/2027",
        "in_force_to": "",
        "authority": "",
        "on_decisions": "on",
        "on_proposals": "on",
        "source": "Công báo",
        "confidence": "confirmed",
    }
    response = client.post(reverse("admin:nominations_legalbasis_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    added = LegalBasis.objects.get(citation__startswith="Nghị định số 999/2027")
    assert added.history.count() == 1
    assert "999/2027" not in _cited(world.commune, "2027-04-14")
    assert "999/2027" in _cited(world.commune, "2027-04-15")
    # A citation written with its own "Căn cứ" would print it twice: refused.
    form["citation"] = "Căn cứ Nghị định số 1000/2027/NĐ-CP"
    response = client.post(reverse("admin:nominations_legalbasis_add"), form)
    assert response.status_code == 200
    assert "không ghi chữ “Căn cứ”" in response.content.decode()
    assert not LegalBasis.objects.filter(citation__contains="1000/2027").exists()


def test_an_ad_hoc_or_campaign_award_is_never_grounds_for_one_on_merit(world):
    """NĐ 152/2025 Đ4: kết quả khen thưởng đột xuất, chuyên đề không làm căn cứ khen công trạng.
    Three CSTĐCS rows, one recorded as a đợt's award, do not make three consecutive years."""
    person = factories.person(world.unit)
    cstdcs = AwardType.objects.get(code="chien-si-thi-dua-co-so")
    for year, kind in ((2024, "year"), (2025, "campaign"), (2026, "year")):
        AwardRecord.objects.create(
            person=person, award_type=cstdcs, year=year, kind=kind,
            decision_number=f"{year}/QĐ-UBND", decision_date=datetime.date(year, 12, 1),
            issuing_authority_name="xã Thử", source=AwardRecord.Source.LEGACY,
        )  # fmt: skip
    nomination = factories.nomination(
        unit_=world.unit, award_type=AwardType.objects.get(code="chien-si-thi-dua-cap-tinh"),
        period_=world.period, person=person,
    )  # fmt: skip
    reasons = eligibility_reasons(nomination, D("2026-12-01"))
    assert any("chưa có năm 2025" in reason for reason in reasons), reasons
