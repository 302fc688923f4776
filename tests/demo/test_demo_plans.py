"""The chỉ tiêu (targets) transcribed from the seed plans into demo.data, and their loading.

The data checks need no database; the last test runs ``manage.py load_demo``.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from demo.data import COMMUNES
from nominations.models import Movement, Target

pytestmark = pytest.mark.django_db

BY_SLUG = {commune["slug"]: commune for commune in COMMUNES}

# slug: (number of rows, rows (name, unit, target as printed) that must be among them)
EXPECTED = {
    "camlinh": (
        34,
        [
            ("Về văn hóa", "", ""),
            ("Tổng sản lượng lương thực quy thóc", "tấn", "2.350"),
            ("Thu nhập bình quân đầu người", "triệu đồng/người/năm", "56 - 57"),
        ],
    ),
    "luongphong": (
        19,
        [
            ("Thu ngân sách trên địa bàn đạt và vượt chỉ tiêu giao", "trđ", "1768"),
            ("Tỷ lệ người dân tham gia bảo hiểm y tế đạt từ 99,6% trở lên", "%", "99,6"),
            ("Số hộ thoát nghèo", "hộ", "42"),
        ],
    ),
    "sontay": (
        5,
        [
            ("Năm 2024 có thôn đạt Khu dân cư kiểu mẫu", "thôn", "02"),
            ("Năm 2024 đạt xã nông thôn mới nâng cao", "", "Đạt"),
        ],
    ),
    "khuonlung": (
        56,
        [
            ("Tổng sản lượng lương thực có hạt", "Tấn", "1.417"),
            ("Chỉ tiêu về Nông thôn mới", "", ""),
        ],
    ),
}

# slug: {name: (target_value, target_text)} as load_demo stores them
LOADED = {
    "camlinh": {
        "Tổng sản lượng lương thực quy thóc": (Decimal("2350"), ""),
        "Thu nhập bình quân đầu người": (None, "56 - 57"),
        "Về văn hóa": (None, ""),
    },
    "luongphong": {
        "Thu ngân sách trên địa bàn đạt và vượt chỉ tiêu giao": (Decimal("1768"), ""),
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt từ 99,6% trở lên": (Decimal("99.6"), ""),
        "Số hộ thoát nghèo": (Decimal("42"), ""),
    },
    "sontay": {
        "Năm 2024 có thôn đạt Khu dân cư kiểu mẫu": (Decimal("2"), ""),
        "Năm 2024 đạt xã nông thôn mới nâng cao": (None, "Đạt"),
    },
    "khuonlung": {
        "Tổng sản lượng lương thực có hạt": (Decimal("1417"), ""),
    },
}


def _rows(slug: str) -> list[tuple[str, str, str]]:
    return [(row["name"], row["unit"], row["target"]) for row in BY_SLUG[slug]["targets"]]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_each_plan_with_chi_tieu_has_its_rows(slug):
    count, samples = EXPECTED[slug]
    rows = _rows(slug)
    assert len(rows) == count
    for sample in samples:
        assert sample in rows


def test_dai_lanh_prints_no_chi_tieu():
    assert BY_SLUG["dailanh"]["targets"] == []
    assert set(BY_SLUG) == {*EXPECTED, "dailanh"}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_target_rows_fit_the_target_model(slug):
    for row in BY_SLUG[slug]["targets"]:
        assert set(row) == {"name", "unit", "target"}
        assert row["name"].strip() == row["name"] != ""
        assert len(row["name"]) <= Target._meta.get_field("name").max_length
        assert len(row["unit"]) <= Target._meta.get_field("unit_of_measure").max_length
        assert len(row["target"]) <= Target._meta.get_field("target_text").max_length
    # names are distinct within a plan, so a row is found by its name
    names = [name for name, _unit, _target in _rows(slug)]
    assert len(names) == len(set(names))


def test_load_demo_creates_the_targets_of_each_plan():
    call_command("load_demo", stdout=io.StringIO())
    for slug, commune in BY_SLUG.items():
        # found by its plan, not by the commune's code (the codes follow the official map)
        movement = Movement.objects.select_related("authority").get(
            name=commune["movement"]["name"], plan_title=commune["plan"]["title"]
        )
        assert movement.authority.name == commune["name"]
        targets = list(Target.objects.filter(movement=movement).order_by("position"))
        assert [(t.name, t.unit_of_measure) for t in targets] == [
            (name, unit) for name, unit, _target in _rows(slug)
        ], slug
        assert [t.position for t in targets] == list(range(1, len(targets) + 1))
        assert all(t.registration_id is None for t in targets)
        by_name = {t.name: t for t in targets}
        for name, (value, text) in LOADED.get(slug, {}).items():
            assert (by_name[name].target_value, by_name[name].target_text) == (value, text), name
    assert Target.objects.filter(movement__authority__name="Đại Lãnh").count() == 0
