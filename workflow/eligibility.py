"""Eligibility checks `appraise` runs, each citing its legal basis.

Each award type lists the codes it uses (`AwardType.eligibility_rules`), so a province switches
a rule off or on in the catalogue. A check returns the reasons it fails, in the active language; an
empty list means it passes. Each runs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from core.dated import in_force_on
from nominations.ledger import award_year, grounds_for_merit, nominee_key
from nominations.models import (
    Attachment,
    AwardDecisionRule,
    AwardDocumentRequirement,
    Discipline,
    Nomination,
    Period,
    Proceeding,
)
from nominations.models.nomination import TaskRating
from nominations.selectors import CatalogueGap, decision_rule_for

S = Nomination.State
LDTT_CODE = "lao-dong-tien-tien"
CSTDCS_CODE = "chien-si-thi-dua-co-so"
# A title "held" for a period: awarded, or still on its way through this round.
LDTT_COUNTS = [S.APPROVED, S.SUBMITTED, S.APPRAISED, S.IN_COUNCIL, S.POSTED, S.AWAITING_DECISION]


@dataclass(frozen=True)
class Rule:
    code: str
    legal_basis: str
    check: Callable[[Nomination, datetime.date], list[str]]


def _attached_documents(nomination: Nomination) -> set[str]:
    return set(Attachment.objects.filter(nomination=nomination).values_list("document", flat=True))


@dataclass(frozen=True)
class PaperCheck:
    """One paper the award's dossier contains, ticked when attached (the unit's checklist)."""

    label: str
    mandatory: bool
    attached: bool
    template_name: str
    legal_basis: str


def papers_checklist(nomination: Nomination) -> list[PaperCheck]:
    """The award type's papers, each ticked or not: one query."""
    attached = Attachment.objects.filter(nomination=nomination, document=OuterRef("document"))
    requirements = nomination.award_type.document_requirements.annotate(attached=Exists(attached))
    return [
        PaperCheck(
            requirement.get_document_display(),
            requirement.mandatory,
            requirement.attached,
            requirement.template_name,
            requirement.legal_basis,
        )
        for requirement in requirements
    ]


def papers_missing() -> Exists:
    """Whether a mandatory paper of the nomination's award is not attached: read with the
    nomination's locked row, so a complete dossier is sent without reading its papers."""
    attached = Attachment.objects.filter(
        nomination=OuterRef(OuterRef("pk")), document=OuterRef("document")
    )
    return Exists(
        AwardDocumentRequirement.objects.filter(
            award_type=OuterRef("award_type"), mandatory=True
        ).filter(~Exists(attached))
    )


def _same_nominee() -> Q:
    """The row names the outer nomination's nominee (only one of the three is set on each)."""
    return (
        Q(person=OuterRef("person"))
        | Q(household=OuterRef("household"))
        | Q(collective=OuterRef("collective"))
    )


def eligibility_hints(day: datetime.date) -> dict[str, Exists]:
    """Yes/no answers the rules would otherwise each read, as subqueries of the nomination's
    locked read (issue 22): a rule whose answer is "nothing in the way" reads nothing more;
    one that finds something reads its details for the message. `day` is the day the rules
    are checked on (`hints_day` on the row): the catalogue's answer holds for that day only."""
    return {
        # The award's rule for any nominee is in force: then a rule exists whoever manages
        # the nominee (a narrowed row only replaces it), and nobody's unit need be read.
        "default_decision_rule": Exists(
            AwardDecisionRule.objects.filter(
                in_force_on(day), award_type=OuterRef("award_type"), managed_by=""
            )
        ),
        "papers_missing": papers_missing(),
        "nominee_on_hold": Exists(
            Nomination.objects.filter(_same_nominee(), state=S.ON_HOLD).exclude(pk=OuterRef("pk"))
        ),
        "open_proceeding": Exists(
            Proceeding.objects.filter(_same_nominee(), closed_on__isnull=True)
        ),
        "discipline_in_period": Exists(
            Discipline.objects.filter(
                Q(person=OuterRef("person")) | Q(person__unit=OuterRef("collective")),
                level__gte=OuterRef("award_type__disqualifying_discipline_from"),
                decided_on__lte=OuterRef("period__ends_on"),
                in_effect_until__gte=OuterRef("period__starts_on"),
            )
        ),
    }


def _clear(nomination: Nomination, hint: str) -> bool:
    """The locked read found nothing in the way (False when the row was read otherwise)."""
    return getattr(nomination, hint, None) is False


def missing_papers(nomination: Nomination) -> list[str]:
    """Why a dossier may not be sent yet: each mandatory paper not attached (no query when
    the row was read with `papers_missing` and nothing is missing)."""
    if _clear(nomination, "papers_missing"):
        return []
    return [
        _("Thiếu giấy tờ bắt buộc: %(document)s.") % {"document": paper.label}
        for paper in papers_checklist(nomination)
        if paper.mandatory and not paper.attached
    ]


def _required_documents(nomination: Nomination, day: datetime.date) -> list[str]:
    return missing_papers(nomination)


def _decision_level_known(nomination: Nomination, day: datetime.date) -> list[str]:
    if getattr(nomination, "hints_day", None) == day and nomination.default_decision_rule:
        return []
    try:
        decision_rule_for(nomination, day)
    except CatalogueGap:
        return [
            _("Chưa xác định được cấp có thẩm quyền quyết định vào ngày %(day)s.")
            % {"day": f"{day:%d/%m/%Y}"}
        ]
    return []


def _nominee_filter(nomination: Nomination) -> Q:
    field = {"individual": "person", "household": "household"}.get(
        nomination.nominee_kind, "collective"
    )
    return Q(**{field: getattr(nomination, f"{field}_id")})


def _no_open_hold(nomination: Nomination, day: datetime.date) -> list[str]:
    if _clear(nomination, "nominee_on_hold"):
        return []
    held = Nomination.objects.filter(_nominee_filter(nomination), state=S.ON_HOLD).exclude(
        pk=nomination.pk
    )
    if held.exists():
        return [_("Đối tượng đang có khiếu nại, kỷ luật hoặc thanh tra, kiểm tra chưa kết luận.")]
    return []


def _cstdcs_criteria(nomination: Nomination, day: datetime.date) -> list[str]:
    reasons = []
    has_ldtt = Nomination.objects.filter(
        person_id=nomination.person_id,
        period_id=nomination.period_id,
        award_type__code=LDTT_CODE,
        state__in=LDTT_COUNTS,
    ).exists()
    if not has_ldtt:
        reasons.append(_("Chưa đạt (hoặc chưa được đề nghị) Lao động tiên tiến trong cùng đợt."))
    present = _attached_documents(nomination)
    excellence = nomination.excellence_confirmed and "xac_nhan_htxs" in present
    innovation = nomination.initiative_id is not None and "cong_nhan_sang_kien" in present
    if not (excellence or innovation):
        reasons.append(
            _(
                "Cần hoàn thành xuất sắc nhiệm vụ, hoặc sáng kiến/đề tài được công nhận, "
                "kèm văn bản chứng minh."
            )
        )
    return reasons


def _initiative_used_once(nomination: Nomination, day: datetime.date) -> list[str]:
    if nomination.initiative_id is None:
        return []
    # Another dossier has "used" the initiative once it passed appraisal on its strength.
    not_yet_used = [S.DRAFT, S.SUBMITTED, S.RETURNED, *Nomination.RELEASED_STATES]
    reused = (
        Nomination.objects.filter(initiative_id=nomination.initiative_id)
        .exclude(pk=nomination.pk)
        .exclude(state__in=not_yet_used)
    )
    if reused.exists():
        return [_("Sáng kiến, đề tài này đã được dùng làm căn cứ cho một khen thưởng khác.")]
    return []


def _collective_ldtt_share(nomination: Nomination, day: datetime.date) -> list[str]:
    members = nomination.collective.people.count() if nomination.collective_id else 0
    if members == 0:
        return [_("Tập thể chưa có danh sách cá nhân để tính tỷ lệ Lao động tiên tiến.")]
    # Read from the ledger for the collective's year: LĐTT decided here, recorded from
    # elsewhere or imported from before the system all count; revoked ones do not.
    holders = (
        grounds_for_merit()
        .filter(
            person__unit_id=nomination.collective_id,
            award_type__code=LDTT_CODE,
            year=award_year(nomination),
        )
        .values("person_id")
        .distinct()
        .count()
    )
    required = nomination.award_type.collective_title_share_percent
    if holders * 100 < required * members:
        return [
            _(
                "Mới có %(holders)d/%(members)d cá nhân đạt Lao động tiên tiến; "
                "cần ít nhất %(required)s%%."
            )
            % {"holders": holders, "members": members, "required": required}
        ]
    return []


def _collective_has_cstdcs(nomination: Nomination, day: datetime.date) -> list[str]:
    """TTLĐXS needs a member who is Chiến sĩ thi đua cơ sở in the collective's year (Luật TĐKT
    2022 Đ27; Bắc Ninh QĐ 86/2025 Đ3.2.b), read from the ledger like the LĐTT share."""
    held = (
        grounds_for_merit()
        .filter(
            person__unit_id=nomination.collective_id,
            award_type__code=CSTDCS_CODE,
            year=award_year(nomination),
        )
        .exists()
    )
    if held:
        return []
    return [
        _("Tập thể chưa có cá nhân đạt Chiến sĩ thi đua cơ sở năm %(year)d.")
        % {"year": award_year(nomination)}
    ]


def _consecutive_titles(nomination: Nomination, day: datetime.date) -> list[str]:
    """Titles needed in consecutive years up to the nomination's, read from the ledger
    (unrevoked awards only): e.g. CSTĐ cấp tỉnh ⇐ three CSTĐCS in a row (Luật Đ22).

    They ground an award for a year only: a đợt's or an ad-hoc feat's award rests on that
    campaign or feat. A nomination naming another ground of its award (MeritGround) is judged
    on that ground's evidence at appraisal instead."""
    if nomination.period.kind != Period.Kind.YEAR or nomination.merit_ground_id:
        return []
    chains = [
        chain
        for chain in nomination.award_type.chain_rules.select_related("required")
        if chain.nominee_kind in ("", nomination.nominee_kind)
    ]
    if not chains:
        return []
    field, nominee_id = nominee_key(nomination)
    year = award_year(nomination)
    held = set(
        grounds_for_merit()
        .filter(
            **{field: nominee_id},
            award_type__in=[chain.required_id for chain in chains],
            year__lte=year,
        )
        .values_list("award_type_id", "year")
    )
    reasons = []
    for chain in chains:
        first = year - chain.consecutive_years + 1
        missing = [y for y in range(first, year + 1) if (chain.required_id, y) not in held]
        if not missing:
            continue
        reason = _(
            "Cần %(count)d năm liên tục đạt “%(award)s” (%(first)d–%(last)d); "
            "chưa có năm %(missing)s (%(basis)s)."
        ) % {
            "count": chain.consecutive_years,
            "award": chain.required.name,
            "first": first,
            "last": year,
            "missing": ", ".join(str(y) for y in missing),
            "basis": chain.legal_basis,
        }
        if nomination.award_type.merit_grounds.exists():
            reason += " " + _("Hoặc chọn một căn cứ đề nghị khác của danh hiệu này.")
        reasons.append(reason)
    return reasons


# Luật TĐKT 2022 Đ24.1: LĐTT needs "hoàn thành tốt nhiệm vụ" or better; farmers and workers
# are not rated (Đ24.3) and are judged on their work instead.
GOOD_ENOUGH = {TaskRating.EXCELLENT, TaskRating.GOOD, TaskRating.NOT_RATED}


def _task_rating_good(nomination: Nomination, day: datetime.date) -> list[str]:
    if nomination.task_rating in GOOD_ENOUGH:
        return []
    if not nomination.task_rating:
        return [_("Cần ghi mức hoàn thành nhiệm vụ trong năm của người được đề nghị.")]
    return [
        _("Mức “%(rating)s” chưa đạt: cần hoàn thành tốt nhiệm vụ trở lên (Luật Đ24.1).")
        % {"rating": nomination.get_task_rating_display()}
    ]


def _min_service(nomination: Nomination, day: datetime.date) -> list[str]:
    needed = nomination.award_type.min_service_months
    if needed is None:
        return []
    if nomination.months_served is None:
        return [_("Cần ghi số tháng công tác trong năm (nghỉ thai sản vẫn tính).")]
    if nomination.months_served < needed:
        return [
            _("Mới công tác %(served)s tháng trong năm; cần ít nhất %(needed)s tháng.")
            % {"served": nomination.months_served, "needed": needed}
        ]
    return []


def _no_discipline_in_year(nomination: Nomination, day: datetime.date) -> list[str]:
    """A discipline in effect at any time of the period counted rules the title out: the
    achievement counts only from the day it ends (NĐ 152/2025 Đ4). For a collective, any
    member's (Luật Đ27, Đ28: cảnh cáo or above)."""
    lightest = nomination.award_type.disqualifying_discipline_from
    if lightest is None or nomination.household_id or _clear(nomination, "discipline_in_period"):
        return []
    period = nomination.period
    whose = (
        Q(person_id=nomination.person_id)
        if nomination.person_id
        else Q(person__unit_id=nomination.collective_id)
    )
    found = (
        Discipline.objects.filter(
            whose,
            level__gte=lightest,
            decided_on__lte=period.ends_on,
            in_effect_until__gte=period.starts_on,
        )
        .select_related("person")
        .first()
    )
    if found is None:
        return []
    return [
        _(
            "%(who)s bị kỷ luật %(level)s (%(number)s) còn hiệu lực đến %(until)s, trong thời"
            " gian tính thành tích; thành tích chỉ tính từ ngày hết kỷ luật (NĐ 152/2025 Đ4)."
        )
        % {
            "who": found.person.full_name,
            "level": found.get_level_display().lower(),
            "number": found.decision_number,
            "until": f"{found.in_effect_until:%d/%m/%Y}",
        }
    ]


def _no_open_proceeding(nomination: Nomination, day: datetime.date) -> list[str]:
    if _clear(nomination, "open_proceeding"):
        return []
    found = Proceeding.objects.filter(_nominee_filter(nomination), closed_on__isnull=True).first()
    if found is None:
        return []
    return [
        _(
            "Đối tượng đang có vụ việc chưa kết luận (%(kind)s, từ %(since)s): chưa xét, chưa"
            " trình khen thưởng (NĐ 152/2025 Đ4)."
        )
        % {"kind": found.get_kind_display().lower(), "since": f"{found.opened_on:%d/%m/%Y}"}
    ]


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        Rule("decision_level_known", "NĐ 129/2025 Đ59; Luật TĐKT 2022 Đ80", _decision_level_known),
        Rule("required_documents", "Luật TĐKT 2022 Đ84.1; NĐ 152/2025 Đ6.2.c", _required_documents),
        Rule("no_open_hold", "NĐ 152/2025/NĐ-CP Đ4", _no_open_hold),
        Rule("no_open_proceeding", "NĐ 152/2025/NĐ-CP Đ4", _no_open_proceeding),
        Rule("task_rating_good", "Luật TĐKT 2022 Đ24.1", _task_rating_good),
        Rule("min_service", "Luật TĐKT 2022 Đ24 [U: số tháng do tỉnh, cơ quan quy định]",
             _min_service),
        Rule("no_discipline_in_year", "NĐ 152/2025/NĐ-CP Đ4; Luật TĐKT 2022 Đ27, Đ28",
             _no_discipline_in_year),
        Rule("cstdcs_criteria", "Luật TĐKT 2022 Đ23", _cstdcs_criteria),
        Rule("consecutive_titles", "Luật TĐKT 2022 Đ22 (ChainRule)", _consecutive_titles),
        Rule("initiative_used_once", "Công văn 5007/BNV-TĐKT (2023)", _initiative_used_once),
        Rule(
            "collective_ldtt_share",
            "Luật TĐKT 2022 Đ28; Bắc Ninh QĐ 86/2025/QĐ-UBND Đ4.2.b",
            _collective_ldtt_share,
        ),
        Rule(
            "collective_has_cstdcs",
            "Luật TĐKT 2022 Đ27; Bắc Ninh QĐ 86/2025/QĐ-UBND Đ3.2.b",
            _collective_has_cstdcs,
        ),
    ]
}  # fmt: skip


def eligibility_reasons(
    nomination: Nomination, day: datetime.date, skip: frozenset[str] | set[str] = frozenset()
) -> list[str]:
    """Every reason the nomination fails its award type's rules (but those in `skip`);
    empty when eligible."""
    reasons: list[str] = []
    for code in nomination.award_type.eligibility_rules:
        if code not in skip:
            reasons.extend(RULES[code].check(nomination, day))
    return reasons
