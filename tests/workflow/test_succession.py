"""Successions on the real map (Hà Tĩnh, loaded from the datasets): xã Cẩm Lĩnh of huyện Cẩm
Xuyên ended on 30/06/2025 and passed to the new xã Cẩm Trung (18742) of tỉnh Hà Tĩnh. Its open
dossiers are continued there, its 2024 papers keep its name, and Cẩm Trung's officials revoke
and audit what Cẩm Lĩnh decided."""

from __future__ import annotations

import datetime

import pytest

from core.clock import business_date
from core.errors import NotPermitted, WrongState
from councils.map import map_load
from councils.models import Authority, Membership, Succession, Unit
from nominations.documents.contexts import decision_context
from nominations.models import AwardType, Nomination
from tests import factories
from tests.world import attach
from workflow import services as workflow_services
from workflow.audit_trail import audit_search

pytestmark = pytest.mark.django_db
D = datetime.date
S = Nomination.State
R = Membership.Role


class Map:
    def __init__(self) -> None:
        map_load(province_codes=[42])
        self.cam_linh = Authority.objects.get(code="vn-cu-18721")
        self.cam_trung = Authority.objects.get(code="vn-18742")
        self.province = Authority.objects.get(code="vn-42")
        for authority in (self.cam_linh, self.cam_trung):
            authority.runs_system = True
            authority.save()
        self.village = Unit.objects.create(
            authority=self.cam_linh, name="Thôn Trung Thành", kind=Unit.Kind.VILLAGE
        )
        self.people = {}
        for prefix, authority in (("camlinh", self.cam_linh), ("camtrung", self.cam_trung)):
            for role in (R.STANDING_OFFICE, R.CHAIRMAN, R.AUDITOR):
                user = factories.user(f"{prefix}.{role}")
                Membership.objects.create(
                    user=user, role=role, authority=authority, valid_from=D(2023, 1, 1),
                    valid_to=D(2025, 6, 30) if authority == self.cam_linh else None,
                )  # fmt: skip
                self.people[(prefix, role)] = user
        self.head = factories.user("camlinh.truongthon")
        Membership.objects.create(
            user=self.head, role=R.UNIT_HEAD, authority=self.cam_linh, unit=self.village,
            valid_from=D(2023, 1, 1),
        )  # fmt: skip
        self.succession = Succession.objects.get(predecessor=self.cam_linh)

    def __getitem__(self, key):
        return self.people[key]

    def nomination(self, code: str, year: int) -> Nomination:
        nomination = factories.nomination(
            unit_=self.village,
            award_type=AwardType.objects.get(code=code),
            period_=factories.period(self.cam_linh, year=year),
            person=factories.person(self.village),
            created_by=self.head,
        )
        for requirement in nomination.award_type.document_requirements.filter(mandatory=True):
            attach(nomination, requirement.document)
        return nomination


@pytest.fixture
def reform():
    return Map()


def test_the_map_gives_the_succession_to_apply(reform):
    assert reform.succession.successor == reform.cam_trung
    assert (reform.succession.on, reform.succession.kind) == (D(2025, 7, 1), "merge")
    assert reform.cam_linh.superior_on(D(2024, 12, 1)).full_name == "huyện Cẩm Xuyên"


def test_an_open_dossier_passes_to_cam_trung_which_decides_and_forwards_to_the_province(reform):
    with business_date(D(2025, 6, 20)):
        ldtt = reform.nomination("lao-dong-tien-tien", 2025)
        cstd = reform.nomination("chien-si-thi-dua-cap-tinh", 2025)
        for nomination in (ldtt, cstd):
            workflow_services.nomination_submit(nomination=nomination, actor=reform.head)
    with business_date(D(2025, 7, 1)):
        done = workflow_services.successions_due(D(2025, 7, 1))
    # Every old unit of the province that takes over is handed over that night; only Cẩm
    # Lĩnh had dossiers.
    assert len(done) == Succession.objects.filter(takes_over=True).count()
    assert sum(d.nominations for d in done) == 2
    assert not Succession.objects.filter(takes_over=True, applied_at__isnull=True).exists()
    ldtt.refresh_from_db()
    assert (ldtt.state, ldtt.current_authority) == (S.SUBMITTED, reform.cam_trung)
    assert Unit.objects.get(pk=reform.village.pk).authority == reform.cam_trung
    # Cẩm Lĩnh's office no longer acts; Cẩm Trung's appraises and its chairman decides.
    with business_date(D(2025, 7, 3)), pytest.raises(NotPermitted):
        workflow_services.nomination_appraise(
            nomination=ldtt, actor=reform["camlinh", R.STANDING_OFFICE]
        )
    with business_date(D(2025, 7, 3)):
        workflow_services.nomination_appraise(
            nomination=ldtt, actor=reform["camtrung", R.STANDING_OFFICE]
        )
    Nomination.objects.filter(pk__in=[ldtt.pk, cstd.pk]).update(state=S.AWAITING_DECISION)
    with business_date(D(2025, 7, 20)):
        decision = workflow_services.nominations_approve(
            nominations=[ldtt], actor=reform["camtrung", R.CHAIRMAN], number="5/QĐ-UBND",
            issued_on=D(2025, 7, 20),
        )  # fmt: skip
        assert decision.authority == reform.cam_trung
        assert decision_context(decision)["issuer"]["line_2"] == "XÃ CẨM TRUNG"
        cstd.refresh_from_db()
        workflow_services.nomination_forward(nomination=cstd, actor=reform["camtrung", R.CHAIRMAN])
    moved = cstd.history.filter(history_change_reason__startswith="Kế thừa").get()
    assert moved.current_authority_id == reform.cam_trung.pk
    forwarded = cstd.history.order_by("-history_date").first()
    assert "tỉnh Hà Tĩnh" in forwarded.history_change_reason  # no district any more
    events = audit_search(reform["camtrung", R.AUDITOR], action="nomination.transfer")
    assert sorted(e.object_id for e in events) == sorted([str(ldtt.pk), str(cstd.pk)])


def test_cam_linhs_2024_decision_keeps_its_name_and_cam_trung_revokes_and_audits_it(reform):
    with business_date(D(2024, 12, 10)):
        nomination = reform.nomination("lao-dong-tien-tien", 2024)
        Nomination.objects.filter(pk=nomination.pk).update(state=S.AWAITING_DECISION)
    with business_date(D(2024, 12, 20)):
        decision = workflow_services.nominations_approve(
            nominations=[nomination], actor=reform["camlinh", R.CHAIRMAN],
            number="45/QĐ-UBND", issued_on=D(2024, 12, 20),
        )  # fmt: skip
    with business_date(D(2025, 7, 1)):
        workflow_services.succession_apply(succession=reform.succession, actor=None)
    with business_date(D(2026, 3, 2)):
        context = decision_context(decision)
        assert context["issuer"]["line_2"] == "XÃ CẨM LĨNH"
        assert "Cẩm Lĩnh" in context["place_date"]
        workflow_services.nomination_revoke(
            nomination=nomination, actor=reform["camtrung", R.CHAIRMAN],
            reason_code="false_declaration", reason="Thanh tra kết luận.",
            decision_number="15/QĐ-UBND", decided_on=D(2026, 3, 2),
        )  # fmt: skip
    nomination.refresh_from_db()
    assert nomination.state == S.REVOKED
    # Cẩm Trung's auditor reads what Cẩm Lĩnh did in 2024.
    approvals = audit_search(reform["camtrung", R.AUDITOR], action="nomination.approve")
    assert [e.authority for e in approvals] == [reform.cam_linh]


def test_roles_end_a_unit_head_keeps_one_account_and_a_second_apply_is_refused(reform):
    with business_date(D(2025, 7, 1)):
        done = workflow_services.succession_apply(succession=reform.succession, actor=None)
    assert (done.units, done.memberships_begun) == (1, 1)
    head = Membership.objects.filter(user=reform.head).order_by("valid_from")
    assert [(m.authority, m.valid_to) for m in head] == [
        (reform.cam_linh, D(2025, 6, 30)), (reform.cam_trung, None),
    ]  # fmt: skip
    with pytest.raises(WrongState):
        workflow_services.succession_apply(succession=reform.succession, actor=None)
    other = Succession.objects.exclude(pk=reform.succession.pk).first()
    with pytest.raises(NotPermitted):
        workflow_services.succession_apply(succession=other, actor=reform["camtrung", R.CHAIRMAN])


def test_the_nightly_task_applies_what_falls_due_and_only_that(reform):
    from workflow.tasks import apply_successions

    with business_date(D(2025, 6, 30)):
        assert apply_successions() == 0
    with business_date(D(2025, 7, 1)):
        assert apply_successions() == Succession.objects.filter(takes_over=True).count()
        assert apply_successions() == 0


def test_the_authority_page_shows_what_it_came_from_and_became(
    reform, client, django_assert_max_num_queries
):
    from django.urls import reverse

    client.force_login(reform["camtrung", R.CHAIRMAN])
    with django_assert_max_num_queries(13):
        page = client.get(reverse("councils:authority", args=[reform.cam_trung.pk]))
    text = page.content.decode()
    assert "18742" in text
    assert "tỉnh Hà Tĩnh" in text  # its superior on today's map
    for name in ("xã Cẩm Lĩnh", "xã Cẩm Lộc", "01/07/2025", "huyện Cẩm Xuyên"):
        assert name in text
    old = client.get(reverse("councils:authority", args=[reform.cam_linh.pk])).content.decode()
    assert 'id="successors"' in old
    assert "xã Cẩm Trung" in old
    assert "30/06/2025" in old
    # Another commune's officials do not reach it.
    other = Authority.objects.get(code="vn-18172")  # xã Sơn Tây
    outsider = factories.user("sontay.chutich")
    Membership.objects.create(user=outsider, role=R.CHAIRMAN, authority=other,
                              valid_from=D(2025, 7, 1))  # fmt: skip
    client.force_login(outsider)
    assert client.get(reverse("councils:authority", args=[reform.cam_trung.pk])).status_code == 404


def test_the_api_gives_codes_dates_predecessors_and_successors(reform):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    token, _created = Token.objects.get_or_create(user=reform["camtrung", R.CHAIRMAN])
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    found = {a["code"]: a for a in api.get("/api/v1/authorities/").json()["results"]}
    cam_trung, cam_linh = found["vn-18742"], found["vn-cu-18721"]
    assert (cam_trung["official_code"], cam_trung["valid_from"]) == ("18742", "2025-07-01")
    assert {p["name"] for p in cam_trung["predecessors"]} == {
        "xã Cẩm Lĩnh", "xã Cẩm Lộc", "xã Cẩm Trung",
    }  # fmt: skip
    assert cam_linh["valid_to"] == "2025-06-30"
    assert cam_linh["successors"] == [
        {"id": reform.cam_trung.pk, "name": "xã Cẩm Trung", "official_code": "18742",
         "on": "2025-07-01", "kind": "merge"},
    ]  # fmt: skip
