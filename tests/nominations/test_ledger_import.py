"""Earlier awards imported into the ledger from Excel: every row checked and reported, nothing
saved until the office confirms; people matched by CCCD, else name + birth year + unit, with the
ambiguous ones resolved by the office; then eligibility reads them."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from audit.models import AuditEvent
from core.errors import InvalidInput
from nominations.ledger_import import (
    HEADERS,
    NEW,
    ledger_import,
    ledger_rows_check,
    ledger_rows_from_xlsx,
)
from nominations.models import AwardRecord, AwardType, Person
from tests import factories
from workflow.eligibility import eligibility_reasons

pytestmark = pytest.mark.django_db
CSTDCS = "Chiến sĩ thi đua cơ sở"


def _sheet(lines: list[list]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for line in lines:
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _line(name, unit, *, award=CSTDCS, year=2023, number="125/QĐ-UBND", day="20/12/2023",
          personal_id="", birth_year="", gender="", kind="Cá nhân", prize=""):  # fmt: skip
    return [kind, name, personal_id, birth_year, gender, unit.name, award, year, "",
            number, day, "Ủy ban nhân dân huyện Cẩm Xuyên", prize]  # fmt: skip


def _checked(world, lines, choices=None):
    rows = ledger_rows_from_xlsx(_sheet(lines))
    return ledger_rows_check(rows, world["standing_office"], choices)


def test_a_known_person_is_matched_by_cccd_or_by_name_birth_year_and_unit(world):
    by_id = factories.person(world.unit, full_name="Lê Văn An", personal_id="038090001234")
    by_name = factories.person(world.unit, full_name="Trần Thị Bình", birth_year=1985)
    rows = _checked(world, [
        _line("Lê Văn An", world.unit, personal_id="038090001234"),
        _line("trần thị bình", world.unit, birth_year=1985),
    ])  # fmt: skip
    assert [row.errors for row in rows] == [{}, {}]
    assert [row.resolved["nominee"] for row in rows] == [by_id, by_name]
    records = ledger_import(rows=rows, actor=world["standing_office"])
    assert {(r.person, r.year, r.source) for r in records} == {
        (by_id, 2023, AwardRecord.Source.LEGACY),
        (by_name, 2023, AwardRecord.Source.LEGACY),
    }
    assert Person.objects.filter(unit=world.unit).count() == 2  # nobody added
    event = AuditEvent.objects.get(action="ledger.import")
    assert event.payload["rows"] == 2


def test_two_people_fitting_a_row_are_shown_and_the_office_picks_one_or_a_new_person(world):
    twins = [factories.person(world.unit, full_name="Nguyễn Văn Hùng", birth_year=1980)
             for _ in range(2)]  # fmt: skip
    lines = [_line("Nguyễn Văn Hùng", world.unit, birth_year=1980),
             _line("Nguyễn Văn Hùng", world.unit, birth_year=1980, year=2022,
                   number="90/QĐ-UBND", day="15/12/2022", gender="Nam")]  # fmt: skip
    rows = _checked(world, lines)
    assert all(row.ambiguous for row in rows)
    assert set(rows[0].candidates) == set(twins)
    before = AwardRecord.objects.count()
    with pytest.raises(InvalidInput):
        ledger_import(rows=rows, actor=world["standing_office"])
    assert AwardRecord.objects.count() == before  # nothing saved

    rows = _checked(world, lines, {2: str(twins[1].pk), 3: NEW})
    assert all(row.valid for row in rows)
    records = ledger_import(
        rows=rows, actor=world["standing_office"], choices={2: str(twins[1].pk), 3: NEW}
    )
    assert records[0].person == twins[1]
    assert records[1].person not in twins
    assert records[1].person.gender == Person.Gender.MALE


def test_someone_new_is_added_once_for_all_their_rows_and_needs_a_gender(world):
    rows = _checked(world, [
        _line("Phạm Thị Cúc", world.unit, birth_year=1990, gender="Nữ"),
        _line("Phạm Thị Cúc", world.unit, birth_year=1990, gender="Nữ", year=2022,
              number="90/QĐ-UBND", day="15/12/2022"),
        _line("Đỗ Văn Dũng", world.unit),
    ])  # fmt: skip
    assert rows[2].errors == {"Giới tính": "Người này chưa có trong hệ thống: cần ghi giới tính."}
    records = ledger_import(rows=rows[:2], actor=world["standing_office"])
    assert records[0].person == records[1].person
    assert Person.objects.filter(full_name="Phạm Thị Cúc").count() == 1


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"year": 1900}, "Năm", "Phải là năm từ 1945"),
        ({"day": "31/12/2099", "year": 2023}, "Ngày quyết định", "chưa tới"),
        ({"day": "20/12/2021"}, "Ngày quyết định", "trước năm tính thành tích"),
        ({"day": "2023-12-20x"}, "Ngày quyết định", "ngày/tháng/năm"),
        ({"award": "Huân chương không có"}, "Danh hiệu, hình thức", "Không có danh hiệu"),
        ({"award": "Gia đình văn hóa"}, "Danh hiệu, hình thức", "Không áp dụng"),
        ({"personal_id": "12345"}, "Số định danh cá nhân", "12 chữ số"),
        ({"number": ""}, "Số quyết định", "Không được để trống"),
        ({"prize": "một triệu"}, "Tiền thưởng (đồng)", "số tiền"),
        ({"kind": "Đoàn thể"}, "Loại đối tượng", "Phải là"),
    ],
)
def test_each_bad_cell_is_reported_in_its_column_and_nothing_is_saved(
    world, change, column, message
):
    factories.person(world.unit, full_name="Lê Văn An", birth_year=1980)
    rows = _checked(world, [_line("Lê Văn An", world.unit, birth_year=1980, **change)])
    assert message in rows[0].errors[column]
    before = AwardRecord.objects.count()
    with pytest.raises(InvalidInput):
        ledger_import(rows=rows, actor=world["standing_office"])
    assert AwardRecord.objects.count() == before


def test_the_same_award_twice_in_the_file_or_already_in_the_ledger_is_refused(world):
    person = factories.person(world.unit, full_name="Lê Văn An", birth_year=1980)
    line = _line("Lê Văn An", world.unit, birth_year=1980)
    rows = _checked(world, [line, line])
    assert rows[1].errors == {"Số quyết định": "Trùng dòng 2."}
    ledger_import(rows=rows[:1], actor=world["standing_office"])
    assert AwardRecord.objects.filter(person=person).count() == 1
    again = _checked(world, [line])
    assert again[0].errors == {"Số quyết định": "Khen thưởng này đã có trong sổ."}


def test_only_the_standing_office_imports_and_only_into_its_own_units(world):
    rows = ledger_rows_from_xlsx(_sheet([_line("Lê Văn An", world.unit, gender="Nam")]))
    with pytest.raises(InvalidInput):
        ledger_rows_check(rows, world["unit_head"])
    other_commune = factories.authority(world.commune.Level.COMMUNE, parent=world.district)
    elsewhere = factories.unit(other_commune)
    rows = _checked(world, [_line("Lê Văn An", elsewhere, gender="Nam")])
    assert "Đơn vị" in rows[0].errors


def test_imported_awards_ground_the_chain_rule(world):
    """The ledger is what eligibility reads: three imported CSTĐCS make the CSTĐ tỉnh chain."""
    person = factories.person(world.unit, full_name="Võ Thị Em", birth_year=1979)
    lines = [
        _line("Võ Thị Em", world.unit, birth_year=1979, year=year, number=f"{year}/QĐ-UBND",
              day=f"20/12/{year}")
        for year in (2024, 2025)
    ]  # fmt: skip
    ledger_import(rows=_checked(world, lines), actor=world["standing_office"])
    AwardRecord.objects.create(
        person=person, award_type=AwardType.objects.get(code="chien-si-thi-dua-co-so"),
        year=2026, decision_number="7/QĐ-UBND", decision_date=datetime.date(2026, 11, 30),
        issuing_authority_name="xã", source=AwardRecord.Source.DECISION,
    )  # fmt: skip
    nomination = factories.nomination(
        unit_=world.unit, award_type=AwardType.objects.get(code="chien-si-thi-dua-cap-tinh"),
        period_=world.period, person=person,
    )  # fmt: skip
    assert not [r for r in eligibility_reasons(nomination, datetime.date(2026, 12, 1))
                if "liên tục" in r]  # fmt: skip


def test_checking_costs_the_same_number_of_queries_for_10_or_200_rows(world):
    for i in range(5):
        factories.person(world.unit, full_name=f"Người {i}", birth_year=1980)

    def cost(count: int) -> int:
        lines = [_line(f"Người {i % 7}", world.unit, birth_year=1980, gender="Nam",
                       number=f"{i}/QĐ") for i in range(count)]  # fmt: skip
        rows = ledger_rows_from_xlsx(_sheet(lines))
        with CaptureQueriesContext(connection) as captured:
            ledger_rows_check(rows, world["standing_office"])
        return len(captured)

    cost(1)  # the first check also reads what is cached for the rest of the request
    assert cost(10) == cost(200)


def test_through_the_pages_the_office_uploads_reads_the_report_picks_a_person_and_confirms(
    client, world
):
    from django.urls import reverse

    twins = [factories.person(world.unit, full_name="Nguyễn Văn Hùng", birth_year=1980)
             for _ in range(2)]  # fmt: skip
    client.force_login(world["standing_office"])
    url = reverse("nominations:ledger_import")
    assert url in client.get(reverse("nominations:appraisal")).content.decode()
    template = client.get(reverse("nominations:ledger_import_template"))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    upload = _sheet([
        _line("Nguyễn Văn Hùng", world.unit, birth_year=1980),
        _line("Lê Văn Sai", world.unit, year=1900),
    ])  # fmt: skip
    upload.name = "so.xlsx"
    page = client.post(url, {"file": upload}).content.decode()
    assert 'id="ambiguous"' in page
    assert f'<option value="{twins[0].pk}"' in page
    assert "Phải là năm từ 1945" in page
    assert AwardRecord.objects.count() == 0  # nothing saved by the upload

    # Confirming without a choice saves nothing and says why.
    response = client.post(url, {"step": "confirm", "row": ["2"]}, follow=True)
    assert "chưa chọn đúng người" in response.content.decode()
    assert AwardRecord.objects.count() == 0

    response = client.post(
        url, {"step": "confirm", "row": ["2"], "choice-2": str(twins[0].pk)}, follow=True
    )
    assert "Đã ghi 1 khen thưởng" in response.content.decode()
    assert AwardRecord.objects.get().person == twins[0]


def test_the_pages_are_not_found_for_anyone_but_the_office(client, world):
    from django.urls import reverse

    for persona in ("unit_head", "council_member", "auditor"):
        client.force_login(world[persona])
        assert client.get(reverse("nominations:ledger_import")).status_code == 404
        assert client.get(reverse("nominations:ledger_import_template")).status_code == 404
