"""The official map, loaded from the maintained datasets (vietnam-provinces for the 34
provinces and 3,321 communes since 01/07/2025; vietnamadminunits for the units before and what
each became), with the successions between them."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from councils.map import map_load
from councils.models import Authority, Succession

pytestmark = pytest.mark.django_db
D = datetime.date
HA_TINH, BAC_NINH = 42, 24


@pytest.fixture
def loaded():
    return map_load(province_codes=[HA_TINH, BAC_NINH])


def _get(code: str) -> Authority:
    return Authority.objects.select_related("parent").get(code=code)


def test_the_new_provinces_and_their_communes_with_official_codes(loaded):
    ha_tinh, bac_ninh = _get("vn-42"), _get("vn-24")
    assert (ha_tinh.full_name, ha_tinh.official_code) == ("tỉnh Hà Tĩnh", "42")
    assert ha_tinh.children.filter(level="commune").count() == 69
    assert bac_ninh.children.filter(level="commune").count() == 99
    cam_trung = _get("vn-18742")
    assert (cam_trung.full_name, cam_trung.parent, cam_trung.valid_from) == (
        "xã Cẩm Trung", ha_tinh, D(2025, 7, 1),
    )  # fmt: skip
    # Hà Tĩnh was not merged: the same province before and after; Bắc Ninh is a new one.
    assert ha_tinh.valid_from is None
    assert bac_ninh.valid_from == D(2025, 7, 1)
    assert loaded.created["xã, phường, đặc khu"] == 168


def test_the_units_before_the_reform_and_what_each_became(loaded):
    cam_linh = _get("vn-cu-18721")
    assert (cam_linh.full_name, cam_linh.valid_to) == ("xã Cẩm Lĩnh", D(2025, 6, 30))
    assert cam_linh.parent.full_name == "huyện Cẩm Xuyên"
    assert cam_linh.parent.parent == _get("vn-42")
    into = Succession.objects.filter(successor__code="vn-18742")
    assert sorted(into.values_list("predecessor__name", flat=True)) == [
        "Cẩm Lĩnh", "Cẩm Lộc", "Cẩm Trung",
    ]  # fmt: skip
    assert set(into.values_list("kind", "on")) == {("merge", D(2025, 7, 1))}
    luong_phong = Succession.objects.get(
        predecessor__name="Lương Phong", predecessor__level="commune"
    )
    assert luong_phong.successor.full_name == "xã Hiệp Hòa"  # corrected spelling, see CORRECTIONS
    assert luong_phong.successor.parent == _get("vn-24")
    assert luong_phong.predecessor.parent.parent.full_name == "tỉnh Bắc Giang"
    provinces = Succession.objects.filter(successor__code="vn-24", predecessor__level="province")
    assert sorted(provinces.values_list("predecessor__name", flat=True)) == [
        "Bắc Giang",
        "Bắc Ninh",
    ]


def test_where_the_datasets_disagree_it_is_reported_and_the_map_keeps_its_own_code(loaded):
    assert any("Tam Sơn" in line and "09376" in line for line in loaded.disagreements)
    tam_son = Succession.objects.filter(successor__name="Tam Sơn", successor__code="vn-09376")
    assert tam_son.exists()


def test_a_second_load_changes_nothing_and_only_the_first_is_audited(loaded):
    authorities, successions = Authority.objects.count(), Succession.objects.count()
    again = map_load(province_codes=[HA_TINH, BAC_NINH])
    assert (sum(again.created.values()), again.updated, again.successions) == (0, 0, 0)
    assert (Authority.objects.count(), Succession.objects.count()) == (authorities, successions)
    assert AuditEvent.objects.filter(action="map.load").count() == 1
    assert _get("vn-18742").history.count() == 1


def test_who_is_above_on_a_date_is_read_in_one_query(loaded, django_assert_num_queries):
    cam_linh, cam_trung = _get("vn-cu-18721"), _get("vn-18742")
    with django_assert_num_queries(1):
        assert cam_linh.superior_on(D(2024, 12, 1)).full_name == "huyện Cẩm Xuyên"
    with django_assert_num_queries(1):
        assert cam_trung.superior_on(D(2026, 12, 1)).full_name == "tỉnh Hà Tĩnh"
    # An act of the old commune dated after its district ended is read on the province.
    with django_assert_num_queries(1):
        assert cam_linh.superior_on(D(2025, 7, 1)).full_name == "tỉnh Hà Tĩnh"


def test_the_command_loads_a_province_and_refuses_no_choice():
    out = io.StringIO()
    call_command("map_load", "--province", "42", "--no-legacy", stdout=out)
    assert "xã, phường, đặc khu: 69" in out.getvalue()
    assert not Succession.objects.exists()
    with pytest.raises(Exception, match="--province"):
        call_command("map_load")


def test_an_old_commune_the_data_cannot_place_is_reported_for_a_person(monkeypatch):
    import copy

    from councils import map as the_map

    data = copy.deepcopy(the_map._converter())
    merged = data["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhhatinh"]["xacamtrung"]
    merged.remove("tinhhatinh_huyencamxuyen_xacamlinh")
    monkeypatch.setattr(the_map, "_converter", lambda: data)
    loaded = map_load(province_codes=[HA_TINH])
    assert "xã Cẩm Lĩnh (18721): chưa có đơn vị kế thừa" in loaded.disagreements
    assert not Succession.objects.filter(predecessor__code="vn-cu-18721").exists()
