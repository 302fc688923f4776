"""Excel in: the template, a report per row and column, and nothing saved before a valid
confirmation."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEvent
from nominations.imports import HEADERS, Row, rows_check
from nominations.models import Nomination, Person
from tests import factories

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("danh-sach.xlsx", out.getvalue())


def _person(world, name="Phan Văn Mạnh", gender="Nam", year=1980):
    return ["Cá nhân", name, gender, year, "Nông dân", "", "Lao động tiên tiến",
            world.period.name, "Hoàn thành xuất sắc nhiệm vụ."]  # fmt: skip


def test_the_template_carries_the_layout_and_the_catalogue(client, world):
    client.force_login(world["unit_head"])
    response = client.get(reverse("nominations:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Danh sách đề nghị"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert len(sheet.data_validations.dataValidation) == 2
    guide = list(book["Hướng dẫn"].iter_rows(values_only=True))
    assert ("Lao động tiên tiến", "lao-dong-tien-tien") in guide
    client.force_login(world["auditor"])
    assert client.get(reverse("nominations:import_template")).status_code == 404


def test_a_good_list_is_reported_then_saved_on_confirmation(client, world):
    known = factories.person(world.unit, full_name="Lê Thị Cũ", birth_year=1975)
    client.force_login(world["unit_head"])
    url = reverse("nominations:import")
    rows = [_person(world), _person(world, "Lê Thị Cũ", "Nữ", 1975),
            ["Tập thể", world.unit.name, "", "", "", "", "tap-the-lao-dong-tien-tien",
             world.period.name, "Tập thể đoàn kết."]]  # fmt: skip
    page = client.post(url, {"file": _xlsx(rows)}).content.decode()
    assert "3/3 dòng hợp lệ" in page
    assert not Nomination.objects.exists()  # checked, not saved
    response = client.post(url, {"step": "confirm", "row": ["2", "3", "4"]}, follow=True)
    assert "Đã lập 3 hồ sơ nháp" in response.content.decode()
    assert Nomination.objects.filter(state="draft").count() == 3
    assert Nomination.objects.filter(person=known).exists()  # the same person, not a copy
    assert Person.objects.filter(full_name="Lê Thị Cũ").count() == 1
    assert AuditEvent.objects.filter(action="nomination.create").count() == 3


def test_each_bad_cell_is_named_and_a_bad_choice_saves_nothing(client, world):
    client.force_login(world["unit_head"])
    url = reverse("nominations:import")
    bad = [
        ["Cá nhân", "", "Khác", "19x0", "", world.other_unit.name, "Không có", "Đợt lạ", ""],
        ["Hộ gia đình", "Nguyễn Văn Hộ", "", "", "Xóm 2", "", "Lao động tiên tiến",
         world.period.name, "Gia đình văn hóa."],
        _person(world),
    ]  # fmt: skip
    page = client.post(url, {"file": _xlsx(bad)}).content.decode()
    assert "1/3 dòng hợp lệ" in page
    for message in (
        "Không được để trống.",
        "Phải là Nam hoặc Nữ.",
        "Phải là năm có bốn chữ số, ví dụ 1985.",
        "Không phải đơn vị bạn phụ trách.",
        "Không có danh hiệu, hình thức này trong danh mục.",
        "Không có đợt thi đua này ở cơ quan của đơn vị.",
        "Không áp dụng cho loại đối tượng đã chọn.",
    ):
        assert message in page, message
    response = client.post(url, {"step": "confirm", "row": ["2", "4"]}, follow=True)
    assert "Có dòng chưa hợp lệ; chưa lưu dòng nào." in response.content.decode()
    assert "Dòng 2" in response.content.decode()
    assert not Nomination.objects.exists()
    assert not Person.objects.filter(full_name="Phan Văn Mạnh").exists()
    client.post(url, {"step": "confirm", "row": ["4"]})
    assert Nomination.objects.count() == 1  # the valid row alone, once confirmed


def test_a_file_that_is_not_the_template_is_refused_clearly(client, world):
    client.force_login(world["unit_head"])
    url = reverse("nominations:import")
    wrong = client.post(url, {"file": _xlsx([["x"]], headers=["Tên", "Tuổi"])})
    assert "Dòng tiêu đề không đúng mẫu" in wrong.content.decode()
    junk = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"not a workbook")})
    assert "cần tệp Excel (.xlsx) theo mẫu" in junk.content.decode()
    assert client.post(url, {"step": "confirm", "row": ["2"]}, follow=True).status_code == 200
    assert not Nomination.objects.exists()


def test_the_standing_office_imports_for_any_unit_of_its_commune(client, world):
    client.force_login(world["standing_office"])
    row = _person(world)
    row[5] = world.other_unit.name
    client.post(reverse("nominations:import"), {"file": _xlsx([row])})
    client.post(reverse("nominations:import"), {"step": "confirm", "row": ["2"]})
    assert Nomination.objects.get().proposing_unit == world.other_unit


def test_checking_costs_the_same_for_ten_rows_or_a_hundred(world):
    def cost(n: int) -> int:
        rows = [Row(i + 2, dict(zip(HEADERS, map(str, _person(world, f"Người {i}")),
                                    strict=True))) for i in range(n)]  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            checked = rows_check(rows, world["unit_head"])
        assert all(row.valid for row in checked)
        return len(captured)

    cost(1)  # the user's roles are read once and kept on the user
    assert cost(10) == cost(100)
