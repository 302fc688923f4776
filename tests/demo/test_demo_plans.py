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


# --- what the plans say about prizes, registration and the standing office --------------------


@pytest.fixture
def demo_loaded():
    call_command("load_demo", stdout=io.StringIO())


def _movement_of(slug: str):
    from councils.map import old_code
    from demo.world import REAL_MAP

    data = BY_SLUG[slug]
    return Movement.objects.get(
        authority__code=old_code(REAL_MAP[slug]["old"]), name=data["movement"]["name"]
    )


def test_khuon_lung_offers_its_thon_the_prizes_of_its_plan(demo_loaded):
    prizes = list(_movement_of("khuonlung").prizes.values_list("name", "count", "amount"))
    assert prizes == [
        ("Giải nhất", 1, 5_000_000), ("Giải nhì", 1, 3_000_000), ("Giải ba", 1, 1_000_000),
    ]  # fmt: skip
    first = _movement_of("khuonlung").prizes.first()
    assert (first.for_unit_kind, "Ủy ban MTTQ xã" in first.given_by) == ("village", True)


def test_son_tays_thon_register_by_the_plans_deadline(demo_loaded):
    import datetime

    from django.core.exceptions import ValidationError

    from nominations.models import Registration

    movement = _movement_of("sontay")
    assert movement.registration_deadline == datetime.date(2023, 11, 20)
    registrations = list(movement.registrations.select_related("unit"))
    assert len(registrations) == 13
    assert {r.unit.kind for r in registrations} == {"village"}
    assert all(r.registered_on <= movement.registration_deadline for r in registrations)
    assert all("70 năm" in r.pledge for r in registrations)
    late = Registration(
        movement=movement,
        unit=registrations[0].unit,
        registered_on=datetime.date(2023, 11, 21),
    )
    with pytest.raises(ValidationError, match="sau hạn 20/11/2023"):
        late.clean()


def test_the_standing_office_is_named_as_each_plan_names_it(demo_loaded):
    from councils.models import CouncilMember

    titles = dict(
        CouncilMember.objects.filter(position="standing").values_list(
            "council__authority__name", "title"
        )
    )
    assert titles["Đại Lãnh"] == "Công chức Văn phòng – Thống kê xã"
    assert titles["Cẩm Lĩnh"] == titles["Cẩm Trung"] == "Văn phòng UBND xã"


def test_a_collective_is_proposed_by_its_own_unit(demo_loaded):
    from nominations.models import Nomination

    collectives = Nomination.objects.filter(nominee_kind="collective")
    assert collectives.exists()
    assert all(n.proposing_unit_id == n.collective_id for n in collectives)


def test_the_api_gives_a_movements_deadline_and_prizes(demo_loaded):
    from rest_framework.test import APIClient

    from accounts.models import User

    api = APIClient()
    api.force_authenticate(User.objects.get(username="admin"))
    movement = _movement_of("khuonlung")
    body = api.get(f"/api/v1/movements/{movement.pk}/").json()
    assert [p["amount"] for p in body["prizes"]] == [5_000_000, 3_000_000, 1_000_000]
    sontay = api.get(f"/api/v1/movements/{_movement_of('sontay').pk}/").json()
    assert sontay["registration_deadline"] == "2023-11-20"
