"""Excel in for the award ledger: awards made before the system (decision number, date,
issuing authority, award, year), checked row by row and saved only when the office confirms.

Each row names its nominee. A person is matched by the số định danh cá nhân (CCCD) when given,
else by name + birth year + unit; several people fitting a row are shown for the office to pick
one (or to record a new person), and a row no one fits records a new person. Everything the
rows are checked against is read once, so checking 5,000 rows costs a handful of queries.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from audit.services import audit_event_record
from core import clock
from core.errors import InvalidInput
from councils.models import Authority, Unit
from councils.roles import standing_office_authorities
from nominations.imports import GENDERS, KINDS, MAX_ROWS, rows_from_xlsx
from nominations.models import AwardRecord, AwardType, Household, Period, Person
from nominations.selectors import FORM_NOMINEE_KINDS

COLUMNS = [
    ("Loại đối tượng", "Cá nhân, Hộ gia đình hoặc Tập thể."),
    ("Họ và tên / Chủ hộ / Tên tập thể", "Họ tên đầy đủ, có dấu; với tập thể: tên đơn vị."),
    ("Số định danh cá nhân", "12 chữ số của CCCD (cá nhân; nên ghi để nhận đúng người)."),
    ("Năm sinh", "Bốn chữ số (cá nhân; nên ghi khi không có số định danh)."),
    ("Giới tính", "Nam hoặc Nữ; cần khi người này chưa có trong hệ thống."),
    ("Đơn vị", "Tên đơn vị (thôn, trường…) như trong hệ thống."),
    ("Danh hiệu, hình thức", "Tên hoặc mã, ví dụ Chiến sĩ thi đua cơ sở."),
    ("Năm", "Năm tính thành tích, ví dụ 2023."),
    ("Loại khen thưởng", "Hằng năm, Theo đợt/chuyên đề hoặc Đột xuất; để trống là Hằng năm."),
    ("Số quyết định", "Ví dụ 125/QĐ-UBND."),
    ("Ngày quyết định", "Ngày/tháng/năm, ví dụ 20/12/2023."),
    ("Cơ quan quyết định", "Ví dụ: Ủy ban nhân dân huyện Cẩm Xuyên."),
    ("Tiền thưởng (đồng)", "Số tiền đã chi; có thể để trống."),
]
HEADERS = [header for header, _help in COLUMNS]
AWARD_KINDS = {
    "": Period.Kind.YEAR,
    "hằng năm": Period.Kind.YEAR,
    "theo đợt/chuyên đề": Period.Kind.CAMPAIGN,
    "theo đợt, chuyên đề": Period.Kind.CAMPAIGN,
    "đột xuất": Period.Kind.AD_HOC,
}
NEW = "new"  # the office's answer to an ambiguous row: none of these, a new person

(KIND, NAME, PERSONAL_ID, BIRTH_YEAR, GENDER, UNIT, AWARD, YEAR, AWARD_KIND, NUMBER, DATE,
 ISSUER, PRIZE) = HEADERS  # fmt: skip


@dataclass
class LedgerRow:
    number: int  # the row number in the sheet, as the user sees it
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    # Several people or households fit: the office picks one (by id) or NEW.
    candidates: list[Person | Household] = field(default_factory=list)
    choice: str = ""
    resolved: dict = field(default_factory=dict)

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates) and not self.choice

    @property
    def valid(self) -> bool:
        return not self.errors and not self.ambiguous

    @property
    def outcome(self) -> str:
        """What confirming the row does to the nominee, in words for the report."""
        if not self.resolved:
            return ""
        nominee = self.resolved.get("nominee")
        if nominee is None:
            return _("Thêm mới")
        return _("Đã có: %(who)s (mã %(pk)s)") % {"who": nominee, "pk": nominee.pk}


def ledger_template_xlsx(award_types: list[AwardType]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng đã có"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kinds = DataValidation(type="list", formula1='"Cá nhân,Hộ gia đình,Tập thể"')
    award_kinds = DataValidation(
        type="list", formula1='"Hằng năm,Theo đợt/chuyên đề,Đột xuất"', allow_blank=True
    )
    for validation, column in ((kinds, "A"), (award_kinds, "I")):
        sheet.add_data_validation(validation)
        validation.add(f"{column}2:{column}{MAX_ROWS + 1}")
    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Nội dung"])
    for header, help_text in COLUMNS:
        guide.append([header, help_text])
    guide.append([])
    guide.append(["Danh hiệu, hình thức", "Mã"])
    for award in award_types:
        guide.append([award.name, award.code])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ledger_import_authorities(actor: User) -> list[Authority]:
    """The standing office imports its own authority's earlier awards."""
    return list(Authority.objects.filter(pk__in=standing_office_authorities(actor)))


class _Lookups:
    """Everything the rows are checked against, read once (a handful of queries)."""

    def __init__(self, authorities: list[Authority], personal_ids: set[str]) -> None:
        units = list(Unit.objects.filter(authority__in=authorities))
        self.units = {u.name.casefold(): u for u in units}
        awards = list(AwardType.objects.prefetch_related("kind_rules"))
        self.awards = {a.code.casefold(): a for a in awards} | {
            a.name.casefold(): a for a in awards
        }
        people = list(Person.objects.filter(unit__in=units))
        self.people_by_id = {p.personal_id: p for p in people if p.personal_id}
        self.people: dict[tuple[int, str], list[Person]] = {}
        for person in people:
            self.people.setdefault((person.unit_id, person.full_name.casefold()), []).append(person)
        self.households: dict[tuple[int, str], list[Household]] = {}
        for household in Household.objects.filter(unit__in=units):
            key = (household.unit_id, household.head_name.casefold())
            self.households.setdefault(key, []).append(household)
        # What the ledger already holds, to refuse the same award twice.
        self.recorded = set()
        for nominee, scope in (
            ("person", {"person__unit__in": units}),
            ("household", {"household__unit__in": units}),
            ("collective", {"collective__in": units}),
        ):
            for key in AwardRecord.objects.filter(**scope).values_list(
                nominee, "award_type_id", "year", "decision_number"
            ):
                self.recorded.add((nominee, *key))
        # A CCCD of the file already given to someone outside this authority's units.
        self.taken_elsewhere = set(
            Person.objects.filter(personal_id__in=personal_ids)
            .exclude(unit__in=units)
            .values_list("personal_id", flat=True)
        )


def _date(text: str) -> datetime.date | None:
    """dd/mm/yyyy as typed, or the ISO form openpyxl gives a date cell."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _candidates(row: LedgerRow, lookups: _Lookups, unit: Unit, kind: str) -> list:
    v = row.values
    name = v[NAME].casefold()
    if kind == "household":
        return lookups.households.get((unit.pk, name), [])
    personal_id = v[PERSONAL_ID]
    if personal_id and personal_id in lookups.people_by_id:
        return [lookups.people_by_id[personal_id]]
    same_name = [
        p
        for p in lookups.people.get((unit.pk, name), [])
        if not (personal_id and p.personal_id)  # a different CCCD is a different person
    ]
    birth_year = row.resolved.get("birth_year")
    if birth_year is None:
        return same_name
    exact = [p for p in same_name if p.birth_year == birth_year]
    return exact or [p for p in same_name if p.birth_year is None]


def _check(row: LedgerRow, lookups: _Lookups, today: datetime.date) -> None:
    v, errors = row.values, row.errors
    kind = KINDS.get(v[KIND].casefold())
    if kind is None:
        errors[KIND] = _("Phải là Cá nhân, Hộ gia đình hoặc Tập thể.")
    if not v[NAME]:
        errors[NAME] = _("Không được để trống.")
    elif len(v[NAME]) > 150:
        errors[NAME] = _("Dài quá 150 ký tự.")
    unit = lookups.units.get(v[UNIT].casefold())
    if unit is None:
        errors[UNIT] = _("Không có đơn vị này ở cơ quan của bạn.")
    if v[PERSONAL_ID] and (len(v[PERSONAL_ID]) != 12 or not v[PERSONAL_ID].isdigit()):
        errors[PERSONAL_ID] = _("Số định danh cá nhân gồm 12 chữ số.")
    birth_year = None
    if v[BIRTH_YEAR]:
        if not v[BIRTH_YEAR].isdigit() or not 1900 <= int(v[BIRTH_YEAR]) <= today.year:
            errors[BIRTH_YEAR] = _("Phải là năm có bốn chữ số, ví dụ 1985.")
        else:
            birth_year = int(v[BIRTH_YEAR])
    gender = GENDERS.get(v[GENDER].casefold()) if v[GENDER] else None
    if v[GENDER] and gender is None:
        errors[GENDER] = _("Phải là Nam hoặc Nữ.")
    award = lookups.awards.get(v[AWARD].casefold())
    if award is None:
        errors[AWARD] = _("Không có danh hiệu, hình thức này trong danh mục.")
    elif kind and not {r.nominee_kind for r in award.kind_rules.all()} & set(
        FORM_NOMINEE_KINDS[kind]
    ):
        errors[AWARD] = _("Không áp dụng cho loại đối tượng đã chọn.")
    year = int(v[YEAR]) if v[YEAR].isdigit() else None
    if year is None or not 1945 <= year <= today.year:
        errors[YEAR] = _("Phải là năm từ 1945 đến %(year)s.") % {"year": today.year}
    award_kind = AWARD_KINDS.get(v[AWARD_KIND].casefold())
    if award_kind is None:
        errors[AWARD_KIND] = _("Phải là Hằng năm, Theo đợt/chuyên đề hoặc Đột xuất.")
    if not v[NUMBER]:
        errors[NUMBER] = _("Không được để trống.")
    elif len(v[NUMBER]) > 50:
        errors[NUMBER] = _("Dài quá 50 ký tự.")
    decided_on = _date(v[DATE])
    if decided_on is None:
        errors[DATE] = _("Phải là ngày dạng ngày/tháng/năm, ví dụ 20/12/2023.")
    elif decided_on > today:
        errors[DATE] = _("Ngày quyết định chưa tới.")
    elif year is not None and decided_on.year < year:
        errors[DATE] = _("Quyết định không thể trước năm tính thành tích.")
    if not v[ISSUER]:
        errors[ISSUER] = _("Không được để trống.")
    prize = None
    if v[PRIZE]:
        digits = v[PRIZE].replace(".", "").replace(",", "")
        if not digits.isdigit() or int(digits) > 10**12:
            errors[PRIZE] = _("Phải là số tiền bằng đồng, ví dụ 1.170.000.")
        else:
            prize = int(digits)
    if errors:
        return
    row.resolved = {
        "kind": kind,
        "unit": unit,
        "award": award,
        "year": year,
        "award_kind": award_kind,
        "decided_on": decided_on,
        "prize": prize,
        "birth_year": birth_year,
        "gender": gender,
    }
    _match(row, lookups, unit, kind)


def _match(row: LedgerRow, lookups: _Lookups, unit: Unit, kind: str) -> None:
    """Who the row is about: found, new, or several to choose from."""
    resolved, errors = row.resolved, row.errors
    if kind == "collective":
        resolved["nominee"] = unit
        if row.values[NAME].casefold() != unit.name.casefold():
            errors[NAME] = _("Tập thể phải là chính đơn vị ghi ở cột Đơn vị (%(unit)s).") % {
                "unit": unit.name
            }
        return
    found = _candidates(row, lookups, unit, kind)
    row.candidates = found if len(found) > 1 else []
    if len(found) == 1:
        resolved["nominee"] = found[0]
    elif row.choice and row.choice != NEW:
        chosen = [c for c in found if str(c.pk) == row.choice]
        if not chosen:
            errors[NAME] = _("Lựa chọn không còn khớp; hãy chọn lại.")
            return
        resolved["nominee"] = chosen[0]
    else:
        resolved["nominee"] = None  # a new person or household
    if resolved["nominee"] is None and kind == "individual" and not row.ambiguous:
        if resolved["gender"] is None:
            errors[GENDER] = _("Người này chưa có trong hệ thống: cần ghi giới tính.")
        if row.values[PERSONAL_ID] in lookups.taken_elsewhere:
            errors[PERSONAL_ID] = _("Số định danh này đã được dùng cho người khác.")


NOMINEE_FIELD = {"individual": "person", "household": "household", "collective": "collective"}


def _identity(row: LedgerRow) -> tuple:
    """Who the row is about: a known nominee's id, or what will identify the new one."""
    r, v = row.resolved, row.values
    field_name = NOMINEE_FIELD[r["kind"]]
    if r["nominee"] is not None:
        return (field_name, r["nominee"].pk)
    if r["kind"] == "individual":
        return ("new person", v[PERSONAL_ID] or (r["unit"].pk, v[NAME].casefold(), r["birth_year"]))
    return ("new household", (r["unit"].pk, v[NAME].casefold()))


def _duplicates(rows: list[LedgerRow], lookups: _Lookups) -> None:
    """The same award twice, in the ledger already or within the file."""
    seen: dict[tuple, int] = {}
    for row in rows:
        r = row.resolved
        if row.errors or not r or row.ambiguous:
            continue
        key = (*_identity(row), r["award"].pk, r["year"], row.values[NUMBER])
        if key in seen:
            row.errors[NUMBER] = _("Trùng dòng %(n)s.") % {"n": seen[key]}
        elif key in lookups.recorded:
            row.errors[NUMBER] = _("Khen thưởng này đã có trong sổ.")
        seen.setdefault(key, row.number)


def ledger_rows_check(
    rows: list[LedgerRow], actor: User, choices: dict[int, str] | None = None
) -> list[LedgerRow]:
    """Fill each row's errors (by column), its nominee, or the people it could be."""
    authorities = ledger_import_authorities(actor)
    if not authorities:
        raise InvalidInput(_("Chỉ Thường trực Hội đồng nhập sổ khen thưởng của cơ quan mình."))
    personal_ids = {row.values[PERSONAL_ID] for row in rows if row.values[PERSONAL_ID]}
    lookups, today = _Lookups(authorities, personal_ids), clock.today()
    for row in rows:
        row.errors.clear()
        row.candidates, row.resolved = [], {}
        row.choice = (choices or {}).get(row.number, "")
        _check(row, lookups, today)
    _duplicates(rows, lookups)
    return rows


@transaction.atomic
def ledger_import(
    *, rows: list[LedgerRow], actor: User, choices: dict[int, str] | None = None
) -> list[AwardRecord]:
    """Record the rows' awards: all of them or none. New people and households are added;
    a CCCD given for a known person without one is kept on them. One audit event."""
    ledger_rows_check(rows, actor, choices)
    unsettled = [row for row in rows if not row.valid]
    if unsettled:
        raise InvalidInput(
            _("Có dòng chưa hợp lệ hoặc chưa chọn đúng người; chưa lưu dòng nào."),
            reasons=[_("Dòng %(n)s") % {"n": row.number} for row in unsettled],
        )
    reason = _("Nhập sổ khen thưởng từ Excel")
    new_people, new_households, known_ids = {}, {}, {}
    for row in rows:
        r, v = row.resolved, row.values
        if r["nominee"] is not None:
            if r["kind"] == "individual" and v[PERSONAL_ID] and not r["nominee"].personal_id:
                r["nominee"].personal_id = v[PERSONAL_ID]
                known_ids[r["nominee"].pk] = r["nominee"]
            continue
        if r["kind"] == "individual":
            # One new person per CCCD, or per name + birth year + unit, however many rows.
            r["nominee"] = new_people.setdefault(
                _identity(row),
                Person(
                    unit=r["unit"], full_name=v[NAME], gender=r["gender"],
                    birth_year=r["birth_year"], personal_id=v[PERSONAL_ID],
                ),
            )  # fmt: skip
        else:
            r["nominee"] = new_households.setdefault(
                _identity(row), Household(unit=r["unit"], head_name=v[NAME])
            )
    for model, created in ((Person, new_people), (Household, new_households)):
        if created:
            bulk_create_with_history(
                list(created.values()), model, default_user=actor, default_change_reason=reason
            )
    if known_ids:
        bulk_update_with_history(
            list(known_ids.values()),
            Person,
            ["personal_id"],
            default_user=actor,
            default_change_reason=reason,
        )
    records = [_record(row) for row in rows]
    bulk_create_with_history(records, AwardRecord, default_user=actor, default_change_reason=reason)
    authority = rows[0].resolved["unit"].authority if rows else None
    audit_event_record(
        actor=actor,
        action="ledger.import",
        target=authority,
        authority=authority,
        payload={
            "rows": len(records),
            "records": [records[0].pk, records[-1].pk] if records else [],
            "new_people": len(new_people),
            "new_households": len(new_households),
        },
    )
    return records


def _record(row: LedgerRow) -> AwardRecord:
    r, v = row.resolved, row.values
    record = AwardRecord(
        **{NOMINEE_FIELD[r["kind"]]: r["nominee"]},
        award_type=r["award"],
        year=r["year"],
        kind=r["award_kind"],
        decision_number=v[NUMBER],
        decision_date=r["decided_on"],
        issuing_authority_name=v[ISSUER][:200],
        source=AwardRecord.Source.LEGACY,
        prize_amount=r["prize"],
    )
    record.unit_id = record.nominee_unit_id()
    return record


def ledger_rows_from_xlsx(upload) -> list[LedgerRow]:
    """The non-empty rows of the first sheet, in this layout (the header row checked)."""
    return [LedgerRow(row.number, row.values) for row in rows_from_xlsx(upload, HEADERS)]
