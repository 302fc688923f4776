"""The official administrative map, loaded from maintained datasets rather than typed by hand.

Since 01/07/2025 Vietnam has 34 provinces and 3,321 communes, wards and special zones
(Nghị quyết 202/2025/QH15 on the provinces; the UBTVQH resolutions on each province's
communes). `vietnam-provinces` gives the new units with their official codes; `vietnamadminunits`
gives the units before the reform and which new unit each became. An authority keeps its code,
type, name and dates; a succession records each old unit passing to its new one(s). Where a
dataset proves wrong on a case, CORRECTIONS fixes it with its legal source.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history
from vietnam_provinces import Province, Ward

from councils.models import Authority, Succession

REFORM_DAY = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE = REFORM_DAY - datetime.timedelta(days=1)
BASIS = (
    "Nghị quyết số 202/2025/QH15 (sắp xếp đơn vị hành chính cấp tỉnh); các nghị quyết của "
    "Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025"
)
CHANGE_REASON = "Nạp bản đồ hành chính"

# Cases where a dataset is wrong, corrected by data with their source:
# official code of the new unit → (fields to set, source).
CORRECTIONS: dict[str, tuple[dict[str, Any], str]] = {
    # vietnam-provinces 2025.10.1 spells it "Hiệp Hoà"; the resolution and the province write
    # "Hiệp Hòa" (the old district's name in vietnamadminunits too) [S].
    "07840": ({"name": "Hiệp Hòa"}, "Nghị quyết số 1658/NQ-UBTVQH15 (tỉnh Bắc Ninh) [S]"),
}

_TYPES = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Huyện ", "Quận ",
             "Thị xã ")  # fmt: skip


def new_code(official: str) -> str:
    return f"vn-{official}"


def old_code(official: str) -> str:
    return f"vn-cu-{official}"


def _bare(name: str) -> str:
    """ "Xã Cẩm Trung" → "Cẩm Trung": the type is kept apart (Authority.admin_type)."""
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _type_of(full_name: str, given: object) -> str:
    """ "Xã", "Thị trấn"…, from the dataset or, where it has none, from the name."""
    if isinstance(given, str) and given:
        return given.lower()
    for prefix in _PREFIXES:
        if full_name.startswith(prefix):
            return prefix.strip().lower()
    return ""


@cache
def _converter() -> dict:
    from vietnamadminunits.converter import converter_2025

    return converter_2025.converter_data


@cache
def _parser_data(name: str) -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("vietnamadminunits").joinpath(f"data/{name}").read_text())


@dataclass
class MapLoad:
    """What a load added (an authority already there with the same fields is left alone)."""

    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: int = 0
    successions: int = 0
    # What a person should check: codes the two datasets disagree on, old communes that the
    # conversion data gives no successor.
    disagreements: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{kind}: {count}" for kind, count in sorted(self.created.items())]
        return ", ".join([*parts, f"cập nhật: {self.updated}", f"kế thừa: {self.successions}"])


class _Writer:
    """Creates or updates authorities by code, in bulk, with history."""

    def __init__(self, result: MapLoad, actor) -> None:
        self.result, self.actor = result, actor

    def write(self, kind: str, rows: list[Authority]) -> dict[str, Authority]:
        codes = [row.code for row in rows]
        existing = Authority.objects.in_bulk(codes, field_name="code")
        new = [row for row in rows if row.code not in existing]
        changed = []
        fields = ["name", "admin_type", "level", "parent_id", "official_code", "valid_from",
                  "valid_to"]  # fmt: skip
        for row in rows:
            old = existing.get(row.code)
            if old and any(getattr(old, f) != getattr(row, f) for f in fields):
                for f in fields:
                    setattr(old, f, getattr(row, f))
                changed.append(old)
        if new:
            bulk_create_with_history(
                new, Authority, batch_size=500, default_user=self.actor,
                default_change_reason=CHANGE_REASON,
            )  # fmt: skip
            self.result.created[kind] += len(new)
        if changed:
            Authority.objects.bulk_update(changed, fields, batch_size=500)
            self.result.updated += len(changed)
        return Authority.objects.in_bulk(codes, field_name="code")


def _official(code: int | str, width: int) -> str:
    return f"{int(code):0{width}d}"


def map_load(
    *, province_codes: list[int] | None = None, legacy: bool = True, actor=None
) -> MapLoad:
    """Load the provinces with these official codes (all 34 when None), their communes and, with
    `legacy`, the units before 01/07/2025 that became them and the successions between."""
    from audit.services import audit_event_record

    result = MapLoad()
    writer = _Writer(result, actor)
    provinces = [
        p for p in Province.iter_all() if province_codes is None or int(p.code) in province_codes
    ]
    with transaction.atomic():
        new_keys = _new_province_keys()
        merged_from = _converter()["DICT_PROVINCE"]
        rows = []
        for province in provinces:
            official = _official(province.code, 2)
            key = new_keys[official]
            unchanged = merged_from.get(key) == [key]
            rows.append(
                Authority(
                    code=new_code(official),
                    official_code=official,
                    name=_bare(province.name),
                    admin_type=_TYPES[province.division_type.value],
                    level=Authority.Level.PROVINCE,
                    valid_from=None if unchanged else REFORM_DAY,
                )
            )
        by_code = writer.write("tỉnh, thành phố", rows)
        rows = []
        for province in provinces:
            parent = by_code[new_code(_official(province.code, 2))]
            for ward in Ward.iter_by_province(province.code):
                official = _official(ward.code, 5)
                fields = {
                    "code": new_code(official),
                    "official_code": official,
                    "name": _bare(ward.name),
                    "admin_type": ward.division_type.value,
                    "level": Authority.Level.COMMUNE,
                    "parent_id": parent.pk,
                    "valid_from": REFORM_DAY,
                    **CORRECTIONS.get(official, ({}, ""))[0],
                }
                rows.append(Authority(**fields))
        communes = writer.write("xã, phường, đặc khu", rows)
        if legacy:
            _load_legacy(provinces, new_keys, by_code, communes, writer)
        if not (result.created or result.updated or result.successions):
            return result  # nothing changed: nothing to record
        audit_event_record(
            actor=actor,
            action="map.load",
            object_type="councils.authority",
            payload={
                "provinces": sorted(_official(p.code, 2) for p in provinces),
                "created": dict(result.created),
                "updated": result.updated,
                "successions": result.successions,
                "disagreements": result.disagreements[:50],
            },
        )
    return result


def _new_province_keys() -> dict[str, str]:
    """Official code of a new province → its key in vietnamadminunits."""
    provinces = _parser_data("parser_from_2025.json")["DICT_PROVINCE"]
    return {info["provinceCode"]: key for key, info in provinces.items()}


def _load_legacy(provinces, new_keys, new_provinces, new_communes, writer: _Writer) -> None:
    legacy = _parser_data("parser_legacy.json")
    new_wards = _parser_data("parser_from_2025.json")["DICT_PROVINCE_WARD_NO_ACCENTED"]
    converter = _converter()
    old_provinces, districts, wards, successions = [], [], [], []
    old_of_new: dict[str, list[str]] = {}
    for province in provinces:
        official = _official(province.code, 2)
        key = new_keys[official]
        old_of_new[key] = converter["DICT_PROVINCE"][key]
    # Old provinces: one that did not merge is the same authority as the new one.
    for new_key, old_keys in old_of_new.items():
        for old_key in old_keys:
            info = legacy["DICT_PROVINCE"][old_key]
            if old_keys == [new_key]:
                continue
            old_provinces.append(
                Authority(
                    code=old_code(info["provinceCode"]),
                    official_code=info["provinceCode"],
                    name=info["provinceShort"],
                    admin_type="thành phố" if old_key.startswith("thanhpho") else "tỉnh",
                    level=Authority.Level.PROVINCE,
                    valid_to=LAST_DAY_BEFORE,
                )
            )
    old_by_code = writer.write("tỉnh cũ", old_provinces)
    new_province_of_key = {
        key: new_provinces[new_code(code)]
        for code, key in new_keys.items()
        if new_code(code) in new_provinces
    }

    def old_province(old_key: str, new_key: str) -> Authority:
        if old_of_new[new_key] == [old_key]:
            return new_province_of_key[new_key]
        return old_by_code[old_code(legacy["DICT_PROVINCE"][old_key]["provinceCode"])]

    for new_key, old_keys in old_of_new.items():
        for old_key in old_keys:
            parent = old_province(old_key, new_key)
            if parent.valid_to:
                successions.append((parent, new_province_of_key[new_key], True))
            for district in legacy["DICT_PROVINCE_DISTRICT"][old_key].values():
                districts.append(
                    Authority(
                        code=old_code(district["districtCode"]),
                        official_code=district["districtCode"],
                        name=district["districtShort"],
                        admin_type=_type_of(district["district"], district.get("districtType")),
                        level=Authority.Level.DISTRICT,
                        parent_id=parent.pk,
                        valid_to=LAST_DAY_BEFORE,
                    )
                )
    district_by_code = writer.write("huyện cũ", districts)
    ward_code_of: dict[str, str] = {}
    for old_keys in old_of_new.values():
        for old_key in old_keys:
            district_info = legacy["DICT_PROVINCE_DISTRICT"][old_key]
            for district_key, ward_map in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"][
                old_key
            ].items():
                district = district_by_code[old_code(district_info[district_key]["districtCode"])]
                for ward_key, ward in ward_map.items():
                    if not isinstance(ward.get("wardCode"), str):
                        continue  # an island district without communes (Côn Đảo, Cồn Cỏ…)
                    ward_code_of[f"{old_key}_{district_key}_{ward_key}"] = ward["wardCode"]
                    wards.append(
                        Authority(
                            code=old_code(ward["wardCode"]),
                            official_code=ward["wardCode"],
                            name=ward["wardShort"],
                            admin_type=_type_of(ward["ward"], ward.get("wardType")),
                            level=Authority.Level.COMMUNE,
                            parent_id=district.pk,
                            valid_to=LAST_DAY_BEFORE,
                        )
                    )
    old_communes = writer.write("xã cũ", wards)

    by_name = {(c.parent_id, c.name): c for c in new_communes.values()}

    def new_commune(new_key: str, ward_key: str) -> Authority | None:
        """The new unit vietnamadminunits names, found by its code in vietnam-provinces (the
        map's source of codes) or else by name in the same province, the difference noted."""
        info = new_wards.get(new_key, {}).get(ward_key)
        if not info:
            return None
        found = new_communes.get(new_code(info["wardCode"]))
        if found is None:
            province = new_province_of_key.get(new_key)
            found = by_name.get((province.pk if province else None, info["wardShort"]))
            line = (
                f"{info['ward']}: mã {info['wardCode']} (vietnamadminunits) ≠ "
                f"{found.official_code if found else 'không có'} (vietnam-provinces)"
            )
            if line not in writer.result.disagreements:
                writer.result.disagreements.append(line)
        return found

    for new_key in old_of_new:
        whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {})
        for ward_key, old_wards in whole.items():
            successor = new_commune(new_key, ward_key)
            for old in old_wards:
                predecessor = old_communes.get(old_code(ward_code_of.get(old, "")))
                if successor and predecessor:
                    successions.append((predecessor, successor, True))
        for old, parts in converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {}).items():
            predecessor = old_communes.get(old_code(ward_code_of.get(old, "")))
            for part in parts:
                successor = new_commune(new_key, part["newWardKey"])
                if successor and predecessor:
                    successions.append((predecessor, successor, part["isDefaultNewWard"]))
    _write_successions(successions, writer)
    # An old commune the conversion data gives no successor (a divided ward with no default
    # part, a key it cannot match) keeps its dossiers until a person records the succession.
    succeeded = {predecessor.pk for predecessor, _successor, _main in successions}
    for commune in old_communes.values():
        if commune.pk not in succeeded and not commune.successions.exists():
            line = f"{commune.full_name} ({commune.official_code}): chưa có đơn vị kế thừa"
            writer.result.disagreements.append(line)


def _kind(predecessor: Authority, successor: Authority, parts: int, sources: int) -> str:
    if parts > 1:
        return Succession.Kind.SPLIT
    if sources > 1:
        return Succession.Kind.MERGE
    if predecessor.name != successor.name:
        return Succession.Kind.RENAME
    return Succession.Kind.TRANSFER


def _write_successions(pairs: list[tuple[Authority, Authority, bool]], writer: _Writer) -> None:
    parts = defaultdict(set)  # predecessor → successors
    sources = defaultdict(set)  # successor → predecessors
    for predecessor, successor, _main in pairs:
        parts[predecessor.pk].add(successor.pk)
        sources[successor.pk].add(predecessor.pk)
    existing = set(
        Succession.objects.filter(predecessor__in=list(parts)).values_list(
            "predecessor_id", "successor_id"
        )
    )
    new = {}
    for predecessor, successor, main in pairs:
        key = (predecessor.pk, successor.pk)
        if key in existing or key in new:
            continue
        new[key] = Succession(
            predecessor=predecessor,
            successor=successor,
            on=REFORM_DAY,
            kind=_kind(predecessor, successor, len(parts[predecessor.pk]),
                       len(sources[successor.pk])),
            takes_over=main or len(parts[predecessor.pk]) == 1,
            legal_basis=BASIS,
        )  # fmt: skip
    if new:
        bulk_create_with_history(
            list(new.values()), Succession, batch_size=500, default_user=writer.actor,
            default_change_reason=CHANGE_REASON,
        )  # fmt: skip
    writer.result.successions += len(new)
