"""The demo world: the five communes of the seed plans, their people, councils and movements.

Built from `demo.data` (transcribed from shared/seeds/). Loading is idempotent: every
row is found by its natural key first, so a second run adds and changes nothing (except the
demo password, which follows DEMO_PASSWORD).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from audit.services import save_with_history
from councils.map import map_load, new_code, old_code
from councils.models import (
    Authority,
    Council,
    CouncilMember,
    Membership,
    Succession,
    Unit,
    UnitManagement,
)
from demo.blanks import sample_blank_layout
from demo.data import COMMUNES
from demo.lifecycle import current_period, demo_nominations_load, hand_over
from demo.results import demo_results_load
from nominations.models import (
    Household,
    Movement,
    MovementPrize,
    Period,
    Person,
    Registration,
    Target,
)

User = get_user_model()

CHANGE_REASON = "Dữ liệu mẫu (load_demo)"
# Each seed commune on the official map (vietnamadminunits' conversion, checked against the
# UBTVQH resolutions of 2025): its code before the reform, the commune it became on
# 01/07/2025 (vietnam-provinces), the new province, and the demo logins of the successor.
REAL_MAP = {
    "camlinh": {"old": "18721", "new": "18742", "province": 42, "login": "camtrung"},
    "luongphong": {"old": "07846", "new": "07840", "province": 24, "login": "hiephoa"},
    "sontay": {"old": "18172", "new": "18172", "province": 42, "login": "sontay"},
    "dailanh": {"old": "22492", "new": "22504", "province": 56, "login": "dailanh"},
    "khuonlung": {"old": "01150", "new": "01147", "province": 8, "login": "khuonlung"},
}
# The one old commune whose officials keep logins, for its 2024 dossiers (roles end 30/06/2025).
OLD_LOGINS = {"camlinh"}
# Districts were abolished by the 2025 reform; communes answer to the province since then.
DISTRICTS_DISSOLVED_ON = datetime.date(2025, 7, 1)
DISTRICTS_LAST_DAY = DISTRICTS_DISSOLVED_ON - datetime.timedelta(days=1)
# Plans that do not count their villages get this many numbered thôn (an assumption).
DEFAULT_VILLAGE_COUNT = 8
# Ordinary council members (besides chairman, vice-chairman and standing office), per commune:
# rosters of 9, 11, 7, 9 and 7.
EXTRA_COUNCIL_MEMBERS = {"camlinh": 6, "luongphong": 8, "sontay": 4, "dailanh": 6, "khuonlung": 4}
# The demo's one district that ran this system before the reform, so the lifecycle can show a
# dossier forwarded to a district and decided there (a fiction: none of the plans says so).
DISTRICT_IN_SYSTEM = "Cẩm Xuyên"
DISTRICT_LOGIN = "camxuyen"
PEOPLE_PER_UNIT = 3
HOUSEHOLDS_PER_VILLAGE = 3

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Võ", "Đinh", "Trịnh", "Mai", "Cao", "Lương",
]  # fmt: skip
MIDDLE_NAMES = {
    "male": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Ngọc"],
    "female": ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Minh", "Phương"],
}
GIVEN_NAMES = {
    "male": [
        "An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Sơn", "Tùng",
        "Hải", "Hiếu", "Huy", "Kiên", "Lâm", "Nghĩa", "Quân", "Thắng", "Toàn", "Việt", "Vinh",
    ],
    "female": [
        "Anh", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Yến", "Châu",
        "Dung", "Giang", "Hằng", "Huyền", "Loan", "Ngân", "Nhung", "Oanh", "Quỳnh", "Vân",
    ],
}  # fmt: skip
# Public kindergartens, primary and lower-secondary schools were run by the district until
# the districts ended (NĐ 24/2021/NĐ-CP on managing public schools [S]); since 01/07/2025 by
# the commune. Their staff's LĐTT came from the district chairman (Luật TĐKT 2022 Đ80.2).
SCHOOLS_RUN_BY_THE_DISTRICT = "NĐ 24/2021/NĐ-CP (UBND cấp huyện quản lý trường MN, TH, THCS) [S]"

POSITIONS = {
    Unit.Kind.VILLAGE: ["Nông dân", "Chi hội trưởng phụ nữ thôn", "Công an viên thôn"],
    Unit.Kind.SCHOOL: ["Giáo viên", "Tổ trưởng chuyên môn", "Nhân viên kế toán"],
    Unit.Kind.HEALTH_STATION: ["Y sĩ", "Điều dưỡng", "Nữ hộ sinh"],
    Unit.Kind.MASS_ORGANISATION: ["Phó Chủ tịch", "Ủy viên Ban Thường vụ", "Hội viên"],
    Unit.Kind.COMMUNE_SECTION: ["Công chức", "Chuyên viên", "Nhân viên"],
}


class NameBook:
    """Deterministic Vietnamese names, so every run of the loader produces the same people."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def next(self, gender: str | None = None) -> tuple[str, str]:
        gender = gender or self._random.choice(["female", "male"])
        name = " ".join(
            [
                self._random.choice(SURNAMES),
                self._random.choice(MIDDLE_NAMES[gender]),
                self._random.choice(GIVEN_NAMES[gender]),
            ]
        )
        return name, gender


@dataclass
class DemoLogin:
    username: str
    full_name: str
    role: str


@dataclass
class DemoSummary:
    logins: list[DemoLogin] = field(default_factory=list)
    created: int = 0


def _get_or_create(summary: DemoSummary, model: type[models.Model], defaults=None, **keys):
    """get_or_create that leaves history with a reason and counts what it added."""
    obj = model.objects.filter(**keys).first()
    if obj is None:
        obj = model(**keys, **(defaults or {}))
        obj._change_reason = CHANGE_REASON
        obj.save()
        summary.created += 1
    return obj


def _parse_figure(text: str) -> tuple[Decimal | None, str]:
    """'1.417' → 1417, '400,5' → 400.5 (Vietnamese separators); 'Đạt' stays text."""
    cleaned = text.replace(".", "").replace(",", ".").strip()
    try:
        return (Decimal(cleaned), "") if cleaned else (None, "")
    except InvalidOperation:
        return None, text


class DemoWorldBuilder:
    def __init__(self, password: str) -> None:
        self.password_hash = make_password(password)  # hashed once: demo accounts share it
        self.summary = DemoSummary()
        self.usernames: list[str] = []

    def user(self, username: str, full_name: str, role: str, **extra) -> User:
        user = _get_or_create(
            self.summary, User, username=username, defaults={"full_name": full_name, **extra}
        )
        self.usernames.append(username)
        self.summary.logins.append(DemoLogin(username, user.full_name, role))
        return user

    def build(self) -> DemoSummary:
        self.user("admin", "Quản trị hệ thống", "Quản trị", is_staff=True, is_superuser=True)
        map_load(province_codes=sorted({real["province"] for real in REAL_MAP.values()}))
        for index, commune in enumerate(COMMUNES):
            self.commune(commune, names=NameBook(seed=index * 1000))
        first = REAL_MAP[COMMUNES[0]["slug"]]
        # Cẩm Lĩnh's 2024 dossiers, its hand-over to Cẩm Trung, then Cẩm Trung's 2026 ones.
        self.summary.created += demo_nominations_load(
            predecessor_code=old_code(first["old"]), successor_code=new_code(first["new"])
        )
        for data in COMMUNES:
            hand_over(Authority.objects.get(code=old_code(REAL_MAP[data["slug"]]["old"])))
            # Every commune since 01/07/2025 runs its 2026 movement, so each one's unit heads
            # can propose today (the seeds' plans are of the old communes' years).
            current_period(Authority.objects.get(code=new_code(REAL_MAP[data["slug"]]["new"])))
        # Khuôn Lùng's 2024 targets with (illustrative) results, for its tổng kết report.
        khuon_lung = REAL_MAP["khuonlung"]
        self.summary.created += demo_results_load(
            Movement.objects.get(
                authority__code=old_code(khuon_lung["old"]),
                name=next(c for c in COMMUNES if c["slug"] == "khuonlung")["movement"]["name"],
            ),
            Authority.objects.get(code=new_code(khuon_lung["new"])),
        )
        # Cẩm Trung prints its certificates on blanks: a sample blank, its layout, a printer.
        sample_blank_layout(Authority.objects.get(code=new_code(first["new"])))
        # Queryset update: the password never enters history (excluded there) and one statement
        # resets every demo account to the current DEMO_PASSWORD.
        User.objects.filter(username__in=self.usernames).update(password=self.password_hash)
        return self.summary

    def commune(self, data: dict, names: NameBook) -> None:
        """The commune of the plan as it was until 30/06/2025, under its real district and
        province, and the commune it became, with the officials of each."""
        real = REAL_MAP[data["slug"]]
        old = Authority.objects.select_related("parent").get(code=old_code(real["old"]))
        new = Authority.objects.get(code=new_code(real["new"]))
        for authority in (old, new):
            if not authority.runs_system:
                authority.runs_system = True
                save_with_history(authority, None, reason=CHANGE_REASON)
        district = old.parent
        if district.name == DISTRICT_IN_SYSTEM:
            if not district.runs_system:
                district.runs_system = True
                save_with_history(district, None, reason=CHANGE_REASON)
            self.district_officers(district, names)
        handed_over = Succession.objects.filter(
            predecessor=old, successor=new, applied_at__isnull=False
        ).exists()
        # The units go on under the successor once handed over; a second load finds them there.
        units = self.units(new if handed_over else old, data, names, login=real["login"])
        if data["slug"] in OLD_LOGINS:
            self.council(old, data, names, login=data["slug"], until=DISTRICTS_LAST_DAY)
        self.council(new, data, names, login=real["login"], since=DISTRICTS_DISSOLVED_ON)
        self.movement(old, data, units)

    def district_officers(self, district: Authority, names: NameBook) -> None:
        """The district's chairman, standing office and council, until it was dissolved."""
        since = datetime.date(2023, 1, 1)
        until = DISTRICTS_DISSOLVED_ON - datetime.timedelta(days=1)
        council = _get_or_create(
            self.summary,
            Council,
            authority=district,
            name=f"Hội đồng Thi đua - Khen thưởng huyện {district.name}",
            defaults={"established_on": since, "dissolved_on": DISTRICTS_DISSOLVED_ON},
        )
        P, R = CouncilMember.Position, Membership.Role
        for login, role, position, title in [
            ("chutich", R.CHAIRMAN, P.CHAIR, "Chủ tịch UBND huyện"),
            ("thuongtruc", R.STANDING_OFFICE, P.STANDING, "Phòng Nội vụ huyện"),
            ("hoidong1", R.COUNCIL_MEMBER, P.MEMBER, "Chủ tịch UBMTTQ huyện"),
        ]:
            full_name, _gender = names.next()
            user = self.user(f"{DISTRICT_LOGIN}.{login}", full_name, f"{title} (đến 30/06/2025)")
            _get_or_create(
                self.summary,
                Membership,
                user=user,
                role=role,
                authority=district,
                unit=None,
                defaults={"valid_from": since, "valid_to": until},
            )
            _get_or_create(
                self.summary,
                CouncilMember,
                council=council,
                user=user,
                defaults={
                    "position": position,
                    "title": title,
                    "served_from": since,
                    "served_to": until,
                },
            )

    def units(self, commune: Authority, data: dict, names: NameBook, login: str) -> list[Unit]:
        count = data["village_count"] or DEFAULT_VILLAGE_COUNT
        villages = data["villages"] or [f"Thôn {n}" for n in range(1, count + 1)]
        plan = [
            (Unit.Kind.VILLAGE, villages, "Trưởng thôn", "truongthon"),
            (Unit.Kind.SCHOOL, data["schools"], "Hiệu trưởng", "hieutruong"),
            (Unit.Kind.HEALTH_STATION, [data["health_station"]], "Trạm trưởng", "tramyte"),
            (Unit.Kind.MASS_ORGANISATION, data["mass_organisations"], "Chủ tịch", "doanthe"),
            (Unit.Kind.COMMUNE_SECTION, data["sections"], "Phụ trách", "bannganh"),
        ]
        units = []
        for kind, unit_names, head_title, role_login in plan:
            for number, unit_name in enumerate(unit_names, start=1):
                suffix = "" if kind == Unit.Kind.HEALTH_STATION else str(number)
                full_name, _gender = names.next()
                head = self.user(
                    f"{login}.{role_login}{suffix}", full_name, f"{head_title} — {unit_name}"
                )
                unit = _get_or_create(
                    self.summary,
                    Unit,
                    authority=commune,
                    name=unit_name,
                    defaults={"kind": kind, "head": head, "head_title": head_title},
                )
                _get_or_create(
                    self.summary,
                    Membership,
                    user=head,
                    role=Membership.Role.UNIT_HEAD,
                    authority=commune,
                    unit=unit,
                    defaults={"valid_from": datetime.date(2023, 1, 1)},
                )
                if kind == Unit.Kind.SCHOOL:
                    _get_or_create(
                        self.summary,
                        UnitManagement,
                        unit=unit,
                        level=Authority.Level.DISTRICT,
                        defaults={
                            "valid_to": datetime.date(2025, 6, 30),
                            "legal_basis": SCHOOLS_RUN_BY_THE_DISTRICT,
                        },
                    )
                self.people(unit, names)
                units.append(unit)
        return units

    def people(self, unit: Unit, names: NameBook) -> None:
        positions = POSITIONS.get(unit.kind, ["Thành viên"])
        for n in range(PEOPLE_PER_UNIT):
            full_name, gender = names.next()
            _get_or_create(
                self.summary,
                Person,
                unit=unit,
                full_name=full_name,
                defaults={
                    "gender": gender,
                    "birth_year": 1965 + (len(full_name) * 7 + n * 5) % 35,
                    "position": positions[n % len(positions)],
                },
            )
        if unit.kind == Unit.Kind.VILLAGE:
            for n in range(HOUSEHOLDS_PER_VILLAGE):
                head_name, _gender = names.next("male")
                _get_or_create(
                    self.summary,
                    Household,
                    unit=unit,
                    head_name=head_name,
                    defaults={"address": f"Xóm {n + 1}, {unit.name}"},
                )

    def council(
        self,
        commune: Authority,
        data: dict,
        names: NameBook,
        *,
        login: str,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
    ) -> None:
        """The commune's officials and council from `since` (the plan's year) to `until`."""
        slug = data["slug"]
        established_on = since or datetime.date.fromisoformat(
            data["movement"]["starts_on"]
        ).replace(month=1, day=1)
        council = _get_or_create(
            self.summary,
            Council,
            authority=commune,
            name=f"Hội đồng Thi đua - Khen thưởng {commune.full_name}",
            defaults={
                "established_on": established_on,
                "dissolved_on": until + datetime.timedelta(days=1) if until else None,
            },
        )
        ending = f" (đến {until:%d/%m/%Y})" if until else ""
        P, R = CouncilMember.Position, Membership.Role
        seats = [
            ("chutich", R.CHAIRMAN, P.CHAIR, "Chủ tịch UBND xã"),
            ("phochutich", R.VICE_CHAIRMAN, P.VICE_CHAIR, "Phó Chủ tịch UBND xã"),
            ("thuongtruc", R.STANDING_OFFICE, P.STANDING, data["standing_office"]),
        ]
        member_titles = [f"Người đứng đầu {org}" for org in data["mass_organisations"]] + [
            f"Phụ trách {section}" for section in data["sections"]
        ]
        for n in range(1, EXTRA_COUNCIL_MEMBERS[slug] + 1):
            title = member_titles[(n - 1) % len(member_titles)]
            seats.append((f"hoidong{n}", R.COUNCIL_MEMBER, P.MEMBER, title))
        for seat_login, role, position, title in seats:
            full_name, _gender = names.next()
            user = self.user(
                f"{login}.{seat_login}", full_name, f"{title} ({position.label}){ending}"
            )
            _get_or_create(
                self.summary,
                Membership,
                user=user,
                role=role,
                authority=commune,
                unit=None,
                defaults={"valid_from": established_on, "valid_to": until},
            )
            _get_or_create(
                self.summary,
                CouncilMember,
                council=council,
                user=user,
                defaults={
                    "position": position,
                    "title": title,
                    "served_from": established_on,
                    "served_to": until,
                },
            )
        auditor_name, _gender = names.next()
        auditor = self.user(f"{login}.kiemtra", auditor_name, f"Thanh tra, kiểm tra{ending}")
        _get_or_create(
            self.summary,
            Membership,
            user=auditor,
            role=R.AUDITOR,
            authority=commune,
            unit=None,
            defaults={"valid_from": established_on, "valid_to": until},
        )

    def movement(self, commune: Authority, data: dict, units: list[Unit]) -> None:
        plan, spec = data["plan"], data["movement"]
        plan_date = datetime.date.fromisoformat(plan["date"])
        movement = _get_or_create(
            self.summary,
            Movement,
            authority=commune,
            name=spec["name"],
            defaults={
                "kind": Movement.Kind.REGULAR
                if plan["kind"] == "annual"
                else Movement.Kind.THEMATIC,
                "theme": plan["theme"],
                "plan_number": plan["number"],
                "plan_date": plan_date,
                "plan_title": plan["title"],
                "starts_on": spec["starts_on"],
                "ends_on": spec["ends_on"],
            },
        )
        for period in data["periods"]:
            whole_year = period["starts_on"][4:] == "-01-01" and period["ends_on"][4:] == "-12-31"
            _get_or_create(
                self.summary,
                Period,
                movement=movement,
                name=period["name"],
                defaults={
                    "kind": Period.Kind.YEAR if whole_year else Period.Kind.CAMPAIGN,
                    "starts_on": period["starts_on"],
                    "ends_on": period["ends_on"],
                },
            )
        has_year = movement.periods.filter(kind=Period.Kind.YEAR).exists()
        if movement.kind == Movement.Kind.REGULAR and not has_year:
            # The plan's đợt are for its own awards; the annual titles (LĐTT, CSTĐCS…) are
            # reviewed for the year the plan covers.
            starts_on = datetime.date.fromisoformat(spec["starts_on"])
            ends_on = datetime.date.fromisoformat(spec["ends_on"])
            _get_or_create(
                self.summary,
                Period,
                movement=movement,
                name=f"Năm {ends_on.year}",
                defaults={
                    "kind": Period.Kind.YEAR,
                    "starts_on": max(starts_on, datetime.date(ends_on.year, 1, 1)),
                    "ends_on": ends_on,
                },
            )
        registration = data.get("registration", {})
        if registration.get("deadline") and not movement.registration_deadline:
            movement.registration_deadline = datetime.date.fromisoformat(registration["deadline"])
            save_with_history(movement, None, reason=CHANGE_REASON)
        kinds = registration.get("unit_kinds")
        for unit in units:
            if kinds and unit.kind not in kinds:
                continue  # the plan asks only these units to register
            _get_or_create(
                self.summary,
                Registration,
                movement=movement,
                unit=unit,
                defaults={
                    "registered_on": movement.registration_deadline or plan_date,
                    "pledge": registration.get("pledge", ""),
                },
            )
        for position, prize in enumerate(data.get("prizes", []), start=1):
            _get_or_create(
                self.summary,
                MovementPrize,
                movement=movement,
                position=position,
                defaults={
                    "name": prize["name"],
                    "for_unit_kind": prize["for"],
                    "count": prize["count"],
                    "amount": prize["amount"],
                    "given_by": data.get("prizes_given_by", ""),
                    "condition": data.get("prizes_condition", ""),
                },
            )
        for position, row in enumerate(data["targets"], start=1):
            value, text = _parse_figure(row["target"])
            _get_or_create(
                self.summary,
                Target,
                movement=movement,
                registration=None,
                position=position,
                defaults={
                    "name": row["name"],
                    "unit_of_measure": row["unit"],
                    "target_value": value,
                    "target_text": text,
                },
            )


@transaction.atomic
def demo_world_load(*, password: str) -> DemoSummary:
    return DemoWorldBuilder(password).build()
