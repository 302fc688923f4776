import datetime

import pytest
from django.core.exceptions import ValidationError

from councils.models import Authority
from nominations.models import AwardDecisionRule, AwardType
from nominations.selectors import CatalogueGap, award_decision_rule_on
from tests import factories

pytestmark = pytest.mark.django_db

CSTDCS = "chien-si-thi-dua-co-so"
D = datetime.date


def test_catalogue_ships_the_commune_awards_of_domain_section_1():
    codes = set(AwardType.objects.values_list("code", flat=True))
    assert codes == {
        "lao-dong-tien-tien",
        CSTDCS,
        "tap-the-lao-dong-tien-tien",
        "tap-the-lao-dong-xuat-sac",
        "giay-khen-chu-tich-xa",
        "gia-dinh-van-hoa",
        "thon-to-dan-pho-van-hoa",
        "xa-tieu-bieu",
        "chien-si-thi-dua-cap-tinh",
        "bang-khen-chu-tich-tinh",
        "co-thi-dua-cap-tinh",
    }


def test_cstdcs_needs_a_secret_ballot_of_80_percent_of_all_members():
    cstdcs = factories.award(CSTDCS)
    assert cstdcs.name == "Chiến sĩ thi đua cơ sở"
    assert cstdcs.needs_council_vote
    assert cstdcs.vote_threshold_percent == 80
    assert cstdcs.vote_threshold_inclusive
    assert cstdcs.vote_base == AwardType.VoteBase.ALL_MEMBERS
    assert cstdcs.secret_ballot
    assert list(cstdcs.kind_rules.values_list("nominee_kind", flat=True)) == ["individual"]
    documents = set(cstdcs.document_requirements.values_list("document", flat=True))
    assert {"to_trinh", "bao_cao_thanh_tich", "bien_ban_binh_xet", "ket_qua_bo_phieu"} <= documents
    assert "Đ23" in cstdcs.legal_basis
    assert "129/2025" in cstdcs.legal_basis


def test_giay_khen_serves_three_kinds_and_three_cycles():
    giay_khen = factories.award("giay-khen-chu-tich-xa")
    assert (giay_khen.for_annual, giay_khen.for_campaign, giay_khen.for_ad_hoc) == (
        True,
        True,
        True,
    )
    kinds = giay_khen.kind_rules.values_list(
        "nominee_kind", "prize_coefficient", "times_individual"
    )
    assert {k: (str(c), str(t)) for k, c, t in kinds} == {
        "individual": ("0.30", "None"),
        "collective": ("0.60", "None"),
        "household": ("None", "1.50"),  # 1,5 × the individual's prize (NĐ 152 Đ54)
    }


def test_gia_dinh_van_hoa_is_posted_by_the_village_for_10_days_without_a_council_vote():
    gdvh = factories.award("gia-dinh-van-hoa")
    assert not gdvh.needs_council_vote
    assert gdvh.posting_stage == AwardType.PostingStage.BY_UNIT
    assert gdvh.posting_days == 10
    assert gdvh.decision_days == 10


@pytest.mark.parametrize(
    ("code", "day", "level"),
    [
        (CSTDCS, D(2024, 12, 1), Authority.Level.DISTRICT),
        (CSTDCS, D(2025, 6, 30), Authority.Level.DISTRICT),
        (CSTDCS, D(2025, 7, 1), Authority.Level.COMMUNE),
        (CSTDCS, D(2025, 12, 1), Authority.Level.COMMUNE),
        ("thon-to-dan-pho-van-hoa", D(2024, 12, 1), Authority.Level.DISTRICT),
        ("thon-to-dan-pho-van-hoa", D(2025, 12, 1), Authority.Level.COMMUNE),
        ("tap-the-lao-dong-tien-tien", D(2024, 12, 1), Authority.Level.DISTRICT),
        ("tap-the-lao-dong-tien-tien", D(2025, 12, 1), Authority.Level.COMMUNE),
        ("lao-dong-tien-tien", D(2024, 12, 1), Authority.Level.COMMUNE),
        ("lao-dong-tien-tien", D(2025, 12, 1), Authority.Level.COMMUNE),
        ("gia-dinh-van-hoa", D(2023, 11, 20), Authority.Level.COMMUNE),
        ("chien-si-thi-dua-cap-tinh", D(2025, 12, 1), Authority.Level.PROVINCE),
    ],
)
def test_the_deciding_level_is_the_rule_in_force_on_the_date(code, day, level):
    rule = award_decision_rule_on(factories.award(code), day)
    assert rule.level == level
    assert rule.legal_basis


def test_cstdcs_rule_since_the_reform_cites_nd_129():
    rule = award_decision_rule_on(factories.award(CSTDCS), D(2025, 12, 1))
    assert "129/2025" in rule.legal_basis


def test_every_award_type_has_exactly_one_decider_on_every_boundary_date():
    boundaries = set()
    for valid_from, valid_to in AwardDecisionRule.objects.values_list("valid_from", "valid_to"):
        for day in (valid_from, valid_to):
            if day:
                boundaries |= {day - datetime.timedelta(days=1), day, day + datetime.timedelta(1)}
    boundaries |= {D(2000, 1, 1), D(2100, 1, 1)}
    for award_type in AwardType.objects.all():
        for day in sorted(boundaries):
            award_decision_rule_on(award_type, day)  # raises CatalogueGap on a hole
            in_force = [
                rule.managed_by
                for rule in award_type.decision_rules.all()
                if (rule.valid_from is None or rule.valid_from <= day)
                and (rule.valid_to is None or rule.valid_to >= day)
            ]
            # One default row, and at most one narrowed row per managing level.
            assert in_force.count("") == 1, (award_type.code, day)
            assert len(in_force) == len(set(in_force)), (award_type.code, day)


def test_a_missing_rule_is_reported_as_a_catalogue_gap():
    award_type = factories.award(CSTDCS)
    award_type.decision_rules.filter(level=Authority.Level.COMMUNE).delete()
    with pytest.raises(CatalogueGap):
        award_decision_rule_on(award_type, D(2025, 12, 1))


def test_an_overlapping_decision_rule_is_refused():
    award_type = factories.award(CSTDCS)
    overlapping = AwardDecisionRule(
        award_type=award_type,
        level=Authority.Level.PROVINCE,
        valid_from=D(2025, 1, 1),
        valid_to=D(2025, 12, 31),
        legal_basis="thử",
    )
    with pytest.raises(ValidationError):
        overlapping.clean()
    open_ended = AwardDecisionRule(
        award_type=factories.award("xa-tieu-bieu"), level="province", legal_basis="thử"
    )
    with pytest.raises(ValidationError):
        open_ended.clean()


def test_a_rule_that_starts_after_the_last_one_ends_is_accepted():
    award_type = factories.award(CSTDCS)
    award_type.decision_rules.filter(level=Authority.Level.COMMUNE).update(valid_to=D(2030, 12, 31))
    following = AwardDecisionRule(
        award_type=award_type, level="province", valid_from=D(2031, 1, 1), legal_basis="thử"
    )
    following.clean()  # no overlap: must not raise
    following.save()
    assert award_decision_rule_on(award_type, D(2031, 1, 1)).level == "province"
