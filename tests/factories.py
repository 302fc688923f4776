"""Small builders for test data; each returns saved rows with sensible defaults."""

from __future__ import annotations

import datetime
import io
import itertools

from accounts.models import User
from councils.models import Authority, Unit
from nominations.models import AwardType, Household, Movement, Nomination, Period, Person

_seq = itertools.count(1)


def user(username: str | None = None, **fields) -> User:
    return User.objects.create_user(username or f"user{next(_seq)}", password="pw", **fields)


def authority(level: str = Authority.Level.COMMUNE, parent=None, **fields) -> Authority:
    n = next(_seq)
    admin_type = {"province": "tỉnh", "district": "huyện", "commune": "xã"}[level]
    return Authority.objects.create(
        code=f"{level}-{n}", name=f"Địa bàn {n}", admin_type=admin_type, level=level,
        parent=parent, **fields,
    )  # fmt: skip


def commune_tree() -> tuple[Authority, Authority, Authority]:
    province = authority(Authority.Level.PROVINCE)
    district = authority(
        Authority.Level.DISTRICT, parent=province, valid_to=datetime.date(2025, 6, 30)
    )
    commune = authority(Authority.Level.COMMUNE, parent=district, runs_system=True)
    return province, district, commune


def unit(commune: Authority, kind: str = Unit.Kind.VILLAGE, **fields) -> Unit:
    return Unit.objects.create(authority=commune, name=f"Đơn vị {next(_seq)}", kind=kind, **fields)


def period(commune: Authority, year: int = 2025) -> Period:
    movement = Movement.objects.create(
        authority=commune,
        name=f"Phong trào {next(_seq)}",
        kind=Movement.Kind.REGULAR,
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
    )
    return Period.objects.create(
        movement=movement,
        name=f"Năm {year}",
        kind=Period.Kind.YEAR,
        starts_on=movement.starts_on,
        ends_on=movement.ends_on,
    )


def person(unit_: Unit, **fields) -> Person:
    fields.setdefault("gender", Person.Gender.FEMALE)
    fields.setdefault("full_name", f"Nguyễn Thị {next(_seq)}")
    return Person.objects.create(unit=unit_, **fields)


def household(village: Unit) -> Household:
    return Household.objects.create(unit=village, head_name=f"Trần Văn {next(_seq)}")


def award(code: str) -> AwardType:
    """A catalogue row shipped by the data migration."""
    return AwardType.objects.get(code=code)


def nomination(*, unit_: Unit, award_type: AwardType, period_: Period, **nominee) -> Nomination:
    kind = (
        "individual" if "person" in nominee
        else "household" if "household" in nominee
        else nominee.pop("nominee_kind", "collective")
    )  # fmt: skip
    # A person's year as a unit reports it for an annual title: rated and served in full.
    year = {"task_rating": "htt", "months_served": 12} if kind == "individual" else {}
    return Nomination.objects.create(
        proposing_unit=unit_,
        nominee_kind=kind,
        award_type=award_type,
        period=period_,
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
        current_authority=unit_.authority,
        **{**year, **nominee},
    )


def png(width: int, height: int) -> bytes:
    """A small red PNG image (an emblem, a blank's scan in tests)."""
    from PIL import Image  # a dev requirement, like the whole test suite

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 0, 0)).save(out, format="PNG")
    return out.getvalue()
