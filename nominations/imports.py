"""Excel in: a list of nominations in a documented XLSX layout, checked row by row and column
by column, and created only when the user confirms and every chosen row is valid.

Lookups are done once for the whole file (award types, the user's units and periods, people
already recorded), so checking 5,000 rows costs a handful of queries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import User
from core import clock
from core.errors import ApplicationError, InvalidInput
from councils.models import Unit
from councils.roles import standing_office_authorities, units_acted_for
from nominations.models import AwardType, Nomination, Period, Person
from nominations.selectors import FORM_NOMINEE_KINDS
from nominations.services import nomination_create

# The layout, in column order: (header, what goes in it). The template's second sheet
# repeats these explanations for the people who fill it in.
COLUMNS = [
    ("Loại đối tượng", "Cá nhân, Hộ gia đình hoặc Tập thể."),
    ("Họ và tên / Chủ hộ / Tên tập thể", "Họ tên đầy đủ, có dấu; với tập thể: tên đơn vị."),
    ("Giới tính", "Nam hoặc Nữ (chỉ với cá nhân)."),
    ("Năm sinh", "Bốn chữ số, ví dụ 1985 (cá nhân; có thể để trống)."),
    ("Chức vụ, nghề nghiệp / Địa chỉ", "Cá nhân: chức vụ; hộ gia đình: địa chỉ."),
    ("Đơn vị đề nghị", "Tên đơn vị như trong hệ thống; để trống nếu bạn chỉ phụ trách một."),
    ("Danh hiệu, hình thức", "Tên hoặc mã, ví dụ Lao động tiên tiến / lao-dong-tien-tien."),
    ("Đợt thi đua", "Tên đợt như trong hệ thống, hoặc mã số của đợt."),
    ("Tóm tắt thành tích", "Bắt buộc."),
]
HEADERS = [header for header, _help in COLUMNS]
KINDS = {"cá nhân": "individual", "hộ gia đình": "household", "tập thể": "collective"}
GENDERS = {"nam": Person.Gender.MALE, "nữ": Person.Gender.FEMALE}
MAX_ROWS = 10_000


@dataclass
class Row:
    number: int  # the row number in the sheet, as the user sees it
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    resolved: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


def template_xlsx(award_types: list[AwardType]) -> bytes:
    """The file to fill in: headers, choice lists on the kind and gender, and a guide."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách đề nghị"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", [16, 32, 10, 10, 28, 24, 28, 28, 60], strict=True):
        sheet.column_dimensions[letter].width = width
    kinds = DataValidation(type="list", formula1='"Cá nhân,Hộ gia đình,Tập thể"')
    genders = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    sheet.add_data_validation(kinds)
    sheet.add_data_validation(genders)
    kinds.add(f"A2:A{MAX_ROWS + 1}")
    genders.add(f"C2:C{MAX_ROWS + 1}")
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


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def rows_from_xlsx(upload, headers: list[str] = HEADERS) -> list[Row]:
    """The non-empty rows of the first sheet, with the header row checked against `headers`
    (this layout's by default; the award ledger's import has its own)."""
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise InvalidInput(_("Không đọc được tệp: cần tệp Excel (.xlsx) theo mẫu.")) from error
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(lines, ())][: len(headers)]
    if header != headers:
        raise InvalidInput(
            _("Dòng tiêu đề không đúng mẫu. Hãy tải mẫu và giữ nguyên dòng đầu."),
            reasons=[_("Cần: %(headers)s.") % {"headers": "; ".join(headers)}],
        )
    rows = []
    for number, line in enumerate(lines, start=2):
        values = [_text(v) for v in (line or ())][: len(headers)]
        if not any(values):
            continue
        if len(rows) >= MAX_ROWS:
            raise InvalidInput(_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS})
        values += [""] * (len(headers) - len(values))
        rows.append(Row(number, dict(zip(headers, values, strict=True))))
    book.close()
    return rows


def units_for_import(actor: User):
    """The units whose lists this user may import: theirs, and for the standing office every
    unit of its authority."""
    units, offices = units_acted_for(actor), standing_office_authorities(actor)
    return Unit.objects.filter(Q(pk__in=units) | Q(authority__in=offices)).order_by("name")


class _Catalogue:
    """Everything the rows are checked against, read once."""

    def __init__(self, actor: User) -> None:
        self.today = clock.today()
        units = list(units_for_import(actor).select_related("authority"))
        self.units = {u.name.casefold(): u for u in units}
        self.only_unit = units[0] if len(units) == 1 else None
        awards = list(AwardType.objects.filter(is_active=True).prefetch_related("kind_rules"))
        self.awards = {a.code.casefold(): a for a in awards} | {
            a.name.casefold(): a for a in awards
        }
        periods = list(
            Period.objects.filter(movement__authority__in={u.authority_id for u in units})
        )
        self.periods = {p.name.casefold(): p for p in periods} | {str(p.pk): p for p in periods}
        self.people = {
            (p.unit_id, p.full_name.casefold(), p.birth_year): p
            for p in Person.objects.filter(unit__in=units)
        }


def _check(row: Row, catalogue: _Catalogue) -> None:
    v, errors = row.values, row.errors
    kind = KINDS.get(v["Loại đối tượng"].casefold())
    if kind is None:
        errors["Loại đối tượng"] = _("Phải là Cá nhân, Hộ gia đình hoặc Tập thể.")
    name = v["Họ và tên / Chủ hộ / Tên tập thể"]
    if not name:
        errors["Họ và tên / Chủ hộ / Tên tập thể"] = _("Không được để trống.")
    elif len(name) > 150:
        errors["Họ và tên / Chủ hộ / Tên tập thể"] = _("Dài quá 150 ký tự.")
    unit_name = v["Đơn vị đề nghị"]
    unit = catalogue.units.get(unit_name.casefold()) if unit_name else catalogue.only_unit
    if unit is None:
        errors["Đơn vị đề nghị"] = (
            _("Không phải đơn vị bạn phụ trách.") if unit_name else _("Cần ghi tên đơn vị.")
        )
    gender = GENDERS.get(v["Giới tính"].casefold())
    birth_year = None
    if kind == "individual":
        if gender is None:
            errors["Giới tính"] = _("Phải là Nam hoặc Nữ.")
        if v["Năm sinh"]:
            if not v["Năm sinh"].isdigit() or not 1900 <= int(v["Năm sinh"]) <= 2100:
                errors["Năm sinh"] = _("Phải là năm có bốn chữ số, ví dụ 1985.")
            else:
                birth_year = int(v["Năm sinh"])
    if kind == "collective" and unit is not None and name.casefold() != unit.name.casefold():
        errors["Họ và tên / Chủ hộ / Tên tập thể"] = _(
            "Tập thể được đề nghị phải là chính đơn vị đề nghị (%(unit)s)."
        ) % {"unit": unit.name}
    award = catalogue.awards.get(v["Danh hiệu, hình thức"].casefold())
    if award is None:
        errors["Danh hiệu, hình thức"] = _("Không có danh hiệu, hình thức này trong danh mục.")
    elif kind is not None:
        accepted = {rule.nominee_kind for rule in award.kind_rules.all()}
        if not accepted & set(FORM_NOMINEE_KINDS[kind]):
            errors["Danh hiệu, hình thức"] = _("Không áp dụng cho loại đối tượng đã chọn.")
    period = catalogue.periods.get(v["Đợt thi đua"].casefold())
    if period is None:
        errors["Đợt thi đua"] = _("Không có đợt thi đua này ở cơ quan của đơn vị.")
    elif unit is not None and period.movement.authority_id != unit.authority_id:
        errors["Đợt thi đua"] = _("Đợt thi đua không thuộc cơ quan của đơn vị.")
    elif not period.open_for_proposals(catalogue.today):
        # The same rule as the service that saves it (nomination_create).
        errors["Đợt thi đua"] = _("Đợt thi đua này không nhận đề nghị vào ngày %(day)s.") % {
            "day": f"{catalogue.today:%d/%m/%Y}"
        }
    if not v["Tóm tắt thành tích"]:
        errors["Tóm tắt thành tích"] = _("Không được để trống.")
    if not errors:
        row.resolved = {
            "kind": kind,
            "unit": unit,
            "award": award,
            "period": period,
            "name": name,
            "gender": gender,
            "birth_year": birth_year,
            "person": catalogue.people.get((unit.pk, name.casefold(), birth_year)),
        }


def rows_check(rows: list[Row], actor: User) -> list[Row]:
    """Fill each row's errors (by column) and, for a valid row, what it refers to."""
    catalogue = _Catalogue(actor)
    for row in rows:
        row.errors.clear()
        row.resolved = {}
        _check(row, catalogue)
    return rows


@transaction.atomic
def nominations_import(*, rows: list[Row], actor: User) -> list[Nomination]:
    """Create the chosen rows' nominations: all of them, or none (the first refusal names its
    row)."""
    rows_check(rows, actor)
    invalid = [row for row in rows if not row.valid]
    if invalid:
        raise InvalidInput(
            _("Có dòng chưa hợp lệ; chưa lưu dòng nào."),
            reasons=[_("Dòng %(n)s") % {"n": row.number} for row in invalid],
        )
    created = []
    for row in rows:
        r, v = row.resolved, row.values
        if r["kind"] == "individual" and r["person"]:
            nominee = {"person": r["person"]}  # already recorded in the unit: the same person
        elif r["kind"] == "individual":
            nominee = {
                "new_person": {
                    "full_name": r["name"],
                    "gender": r["gender"],
                    "birth_year": r["birth_year"],
                    "position": v["Chức vụ, nghề nghiệp / Địa chỉ"],
                }
            }
        elif r["kind"] == "household":
            address = v["Chức vụ, nghề nghiệp / Địa chỉ"]
            nominee = {"new_household": {"head_name": r["name"], "address": address}}
        else:
            nominee = {"collective": r["unit"]}
        try:
            created.append(
                nomination_create(
                    actor=actor,
                    unit=r["unit"],
                    award_type=r["award"],
                    period=r["period"],
                    achievements=v["Tóm tắt thành tích"],
                    **nominee,
                )
            )
        except ApplicationError as refusal:
            raise InvalidInput(
                _("Dòng %(n)s: %(message)s") % {"n": row.number, "message": refusal.message},
                reasons=refusal.reasons,
            ) from refusal
    return created
