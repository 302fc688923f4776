import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from councils.map import new_code, old_code
from councils.models import Authority, Council, Membership, Unit
from demo.data import COMMUNES
from demo.world import REAL_MAP
from nominations.models import Movement, Period, Target

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("accounts", "councils", "nominations", "workflow", "audit", "api", "reports")


def _row_counts() -> dict[str, int]:
    """Every table of the project, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def _load(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo():
    return _load()


def _old(slug: str) -> Authority:
    return Authority.objects.select_related("parent__parent").get(
        code=old_code(REAL_MAP[slug]["old"])
    )


def _new(slug: str) -> Authority:
    return Authority.objects.select_related("parent").get(code=new_code(REAL_MAP[slug]["new"]))


def test_loading_twice_gives_the_same_row_counts(demo):
    first = _row_counts()
    assert first["councils.Unit"] > 50
    assert "thêm mới 0 bản ghi" in _load()
    assert _row_counts() == first


def test_the_five_communes_sit_on_the_real_map_before_and_after_the_reform(demo):
    """Until 30/06/2025 under their real districts and provinces; from 01/07/2025 the communes
    they became, under the new provinces, with the succession applied."""
    before = {(c.name, c.parent.name, c.parent.parent.name) for c in map(_old, REAL_MAP)}
    assert before == {
        ("Cẩm Lĩnh", "Cẩm Xuyên", "Hà Tĩnh"),
        ("Lương Phong", "Hiệp Hòa", "Bắc Giang"),
        ("Sơn Tây", "Hương Sơn", "Hà Tĩnh"),
        ("Đại Lãnh", "Vạn Ninh", "Khánh Hòa"),
        ("Khuôn Lùng", "Xín Mần", "Hà Giang"),
    }
    assert all(_old(slug).valid_to.isoformat() == "2025-06-30" for slug in REAL_MAP)
    after = {(c.full_name, c.official_code, c.parent.full_name) for c in map(_new, REAL_MAP)}
    assert after == {
        ("xã Cẩm Trung", "18742", "tỉnh Hà Tĩnh"),
        ("xã Hiệp Hòa", "07840", "tỉnh Bắc Ninh"),
        ("xã Sơn Tây", "18172", "tỉnh Hà Tĩnh"),
        ("xã Đại Lãnh", "22504", "tỉnh Khánh Hòa"),
        ("xã Khuôn Lùng", "01147", "tỉnh Tuyên Quang"),
    }
    from councils.models import Succession

    for slug in REAL_MAP:
        succession = Succession.objects.get(predecessor=_old(slug), successor=_new(slug))
        assert succession.applied_at is not None
        assert succession.on.isoformat() == "2025-07-01"


def test_each_successor_has_units_of_every_kind_and_a_council_of_7_to_11(demo):
    for commune in map(_new, REAL_MAP):
        kinds = set(commune.units.values_list("kind", flat=True))
        assert kinds == {
            Unit.Kind.VILLAGE,
            Unit.Kind.SCHOOL,
            Unit.Kind.HEALTH_STATION,
            Unit.Kind.MASS_ORGANISATION,
            Unit.Kind.COMMUNE_SECTION,
        }
        council = Council.objects.get(authority=commune)
        assert 7 <= council.members.count() <= 11
        roles = set(Membership.objects.filter(authority=commune).values_list("role", flat=True))
        assert roles == set(Membership.Role.values)
        assert not _old(commune_slug(commune)).units.exists()
    assert _new("sontay").units.filter(kind="village").count() == 13
    assert _new("khuonlung").units.filter(kind="village").count() == 6


def commune_slug(commune: Authority) -> str:
    return next(slug for slug in REAL_MAP if new_code(REAL_MAP[slug]["new"]) == commune.code)


def test_demo_logins_follow_the_successor_commune_and_share_the_demo_password(demo, settings):
    expected_roles = {
        "camtrung.chutich": "chairman",
        "camtrung.phochutich": "vice_chairman",
        "camtrung.thuongtruc": "standing_office",
        "camtrung.hoidong1": "council_member",
        "camtrung.truongthon1": "unit_head",
        "camtrung.kiemtra": "auditor",
        "hiephoa.chutich": "chairman",
    }
    for username, role in expected_roles.items():
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.memberships.filter(role=role, valid_to__isnull=True).exists(), username
        assert not user.is_staff
    # Cẩm Lĩnh's chairman signed its 2024 decisions; the role ended with the commune.
    old_chairman = User.objects.get(username="camlinh.chutich").memberships.get()
    assert (old_chairman.authority, old_chairman.valid_to.isoformat()) == (
        _old("camlinh"), "2025-06-30",
    )  # fmt: skip
    # A unit head keeps one account: the unit's role passed to the successor.
    head = User.objects.get(username="camtrung.truongthon1").memberships.order_by("valid_from")
    assert [m.authority for m in head] == [_old("camlinh"), _new("camlinh")]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(settings.DEMO_PASSWORD)
    assert "camtrung.chutich" in demo
    assert settings.DEMO_PASSWORD in demo


def test_a_new_demo_password_applies_on_the_next_load(demo):
    _load(password="mat-khau-moi-2026")
    assert User.objects.get(username="khuonlung.kiemtra").check_password("mat-khau-moi-2026")


def test_each_commune_runs_the_movement_of_its_plan(demo):
    for commune in COMMUNES:
        # The plans of 2023–2024 were the old communes' and stay theirs.
        old = _old(commune["slug"])
        movement = Movement.objects.get(authority=old, name=commune["movement"]["name"])
        assert movement.name == commune["movement"]["name"]
        names = set(movement.periods.values_list("name", flat=True))
        assert {p["name"] for p in commune["periods"]} <= names
        # An annual plan also reviews the annual titles for its year ("năm 2024").
        years = list(movement.periods.filter(kind=Period.Kind.YEAR).values_list("name", flat=True))
        annual = commune["plan"]["kind"] == "annual"
        assert years == ([f"Năm {commune['movement']['ends_on'][:4]}"] if annual else [])
        kinds = commune.get("registration", {}).get("unit_kinds")
        units = _new(commune["slug"]).units.filter(**({"kind__in": kinds} if kinds else {}))
        assert movement.registrations.count() == units.count()


def test_khuon_lung_carries_the_target_table_of_its_plan(demo):
    targets = Target.objects.filter(movement__authority=_old("khuonlung")).order_by("position")
    assert targets.count() == len(COMMUNES[4]["targets"]) > 40
    by_name = {t.name: t for t in targets}
    assert by_name["Thu ngân sách nhà nước trên địa bàn"].target_value == Decimal("54")
    assert by_name["Tổng diện tích gieo trồng cây hàng năm"].target_value == Decimal("400.5")
    assert by_name["Tổng sản lượng lương thực có hạt"].target_value == Decimal("1417")


def test_the_demo_shows_every_state_of_the_lifecycle(demo):
    from nominations.models import Nomination

    states = set(Nomination.objects.values_list("state", flat=True))
    assert states == set(Nomination.State.values)


def test_one_demo_dossier_went_up_to_the_district_and_was_decided_there(demo):
    from nominations.models import DecisionLine

    line = DecisionLine.objects.select_related("decision__authority", "nomination").get(
        decision__authority__level="district"
    )
    assert line.decision.authority.name == "Cẩm Xuyên"
    assert line.nomination.award_type.code == "chien-si-thi-dua-co-so"
    # Proposed by a Cẩm Lĩnh unit, which Cẩm Trung has run since 01/07/2025.
    assert line.nomination.proposing_unit.authority == _new("camlinh")
    assert line.decision.issued_on.year == 2024
    assert line.prize_amount == 2_340_000


def test_demo_dossiers_have_their_trail(demo):
    from audit.models import AuditEvent
    from nominations.models import Nomination

    approved = Nomination.objects.filter(state="approved").first()
    assert AuditEvent.objects.filter(object_id=str(approved.pk)).count() >= 6
    assert approved.history.count() >= 6


def test_demo_dossiers_went_through_real_meetings(demo):
    from councils.models import Meeting
    from nominations.models import Nomination

    closed = Meeting.objects.filter(state="closed", minutes__isnull=False)
    assert {m.council.authority.level for m in closed} == {"commune", "district"}
    in_council = Nomination.objects.get(state="in_council")
    planned = in_council.agenda_items.get().meeting
    assert planned.state == "planned"
    rejected = Nomination.objects.get(state="rejected")
    assert rejected.agenda_items.get().result == "failed"


def test_the_demo_follows_the_law_over_time(demo):
    """Issue 18: annual titles on years, nobody paid twice for one year, and a ledger with
    legacy awards that gives Cẩm Lĩnh exactly one CSTĐ tỉnh suggestion for 2026."""
    from collections import defaultdict

    from nominations.models import AwardRecord, DecisionLine
    from nominations.suggestions import chain_suggestions

    lines = DecisionLine.objects.select_related("nomination__period", "nomination__award_type")
    annual_titles = [
        line for line in lines
        if line.nomination.award_type.category == "title" and line.nomination.award_type.for_annual
    ]  # fmt: skip
    assert annual_titles
    assert {line.nomination.period.kind for line in annual_titles} == {"year"}
    paid: dict[tuple, int] = defaultdict(int)
    for line in annual_titles:
        if line.prize_amount and line.nomination.person_id:
            paid[(line.nomination.person_id, line.nomination.period.ends_on.year)] += 1
    assert paid
    assert max(paid.values()) == 1
    camtrung = _new("camlinh")
    assert AwardRecord.objects.filter(source="legacy", person__unit__authority=camtrung).exists()
    found = chain_suggestions(list(camtrung.units.all()), 2026)
    cstd_tinh = [s for s in found if s.award.code == "chien-si-thi-dua-cap-tinh"]
    assert len(cstd_tinh) == 1
    assert cstd_tinh[0].pending_year == 2026
    # Two consecutive CSTĐCS also open the provincial Bằng khen (QĐ 86/2025 Bắc Ninh Đ3.3.a).
    bang_khen = [s for s in found if s.award.code == "bang-khen-chu-tich-tinh"]
    assert cstd_tinh[0].person in [s.person for s in bang_khen]
    assert {s.award.code for s in found} == {"chien-si-thi-dua-cap-tinh", "bang-khen-chu-tich-tinh"}
