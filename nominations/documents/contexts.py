"""What each paper says, read from the records: the context its template is filled with.

The wording that law or practice fixes is here (documents.md §1, §3); anything an authority
words its own way belongs in its template, which may ignore or rephrase these values.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils.timezone import localtime

from core import clock
from councils.models import Authority
from nominations.documents.rendering import emblem_for
from nominations.documents.vietnamese import (
    date_in_words,
    money_in_figures,
    money_in_words,
    place_and_date,
)
from nominations.models import (
    AwardType,
    Decision,
    DecisionLine,
    Movement,
    Nomination,
    NomineeKind,
)
from nominations.selectors import decision_rules_for, legal_bases_on


def _title_case(authority: Authority) -> str:
    """ "xã Cẩm Lĩnh"."""
    return f"{authority.admin_type} {authority.name}"


def issuer(authority: Authority) -> dict:
    """The issuing body of a People's Committee: "ỦY BAN NHÂN DÂN" / "XÃ CẨM LĨNH"."""
    return {"line_1": "ỦY BAN NHÂN DÂN", "line_2": _title_case(authority).upper()}


def signing(decision: Decision) -> dict:
    """The Chủ tịch decides in person (NĐ 30: no "TM."); a delegated deputy signs "KT."."""
    chairman_of = f"CHỦ TỊCH ỦY BAN NHÂN DÂN {_title_case(decision.authority).upper()}"
    deputy = decision.signing_capacity == Decision.SigningCapacity.ON_BEHALF
    return {
        "heading": chairman_of,
        "capacity": "KT. CHỦ TỊCH" if deputy else "",
        "position": "PHÓ CHỦ TỊCH" if deputy else "CHỦ TỊCH",
        "name": decision.signer.get_full_name() if decision.signer else "",
    }


def legal_bases(
    authority: Authority,
    day: datetime.date,
    *,
    on_decision: bool,
    awards: set[int] | frozenset[int] = frozenset(),
) -> list[str]:
    """ "Căn cứ …;" for each text in force on the paper's date (LegalBasis rows), with those
    that govern the paper's awards only."""
    found = legal_bases_on(authority, day, on_decision=on_decision, award_type_ids=awards)
    return [f"Căn cứ {basis.citation};" for basis in found]


def plan_bases(movements: list[Movement]) -> list[str]:
    """The commune's own plan for each movement the awards come from, where it has a number."""
    bases = []
    for movement in movements:
        if not (movement.plan_number and movement.plan_date):
            continue
        about = f" {movement.plan_title.strip().rstrip('.;')}" if movement.plan_title else ""
        bases.append(
            f"Căn cứ Kế hoạch số {movement.plan_number} {date_in_words(movement.plan_date)} của"
            f" Ủy ban nhân dân {_title_case(movement.authority)}{about};"
        )
    return bases


def _count(n: int) -> str:
    return f"{n:02d}"


def _named(award: AwardType) -> str:
    """How a decision names what it gives: a title in quotation marks after "danh hiệu"
    (Luật Đ80: "tặng danh hiệu"), a form by its name."""
    if award.category == AwardType.Category.TITLE:
        return f"danh hiệu “{award.name}”"
    return award.short_name or award.name  # "Giấy khen": the decision says whose


def _full_name(award: AwardType, authority: Authority) -> str:
    """A form's whole name with the authority's: "Giấy khen của Chủ tịch Ủy ban nhân dân xã
    Cẩm Lĩnh" (the catalogue's name stops at "xã", shared by every commune)."""
    if award.name.endswith(f" {authority.admin_type}"):
        return f"{award.name} {authority.name}"
    return award.name


def _in_span(span: str) -> str:
    """ "năm 2024" stays; a đợt's name reads "trong đợt …"."""
    if not span or span.startswith("năm"):
        return span
    return f"trong {span[0].lower()}{span[1:]}"


def _praise(award: AwardType, span: str) -> str:
    """The award's praise (catalogue: merit_wording) with the span for a form, whose name
    carries no year: "đã có thành tích xuất sắc năm 2024"."""
    if not award.merit_wording:
        return ""
    if award.category == AwardType.Category.TITLE:
        return award.merit_wording  # the span is on the title already
    return " ".join(filter(None, [award.merit_wording, _in_span(span)]))


def _line_of(line: DecisionLine, number: int) -> dict:
    nomination = line.nomination
    unit = nomination.proposing_unit
    if nomination.person_id:
        person = nomination.person
        name = person.full_name
        position = ", ".join(filter(None, [person.position, unit.name]))
    elif nomination.household_id:
        name, position = str(nomination.household), unit.name
    else:
        name, position = nomination.collective.name, _title_case(unit.authority)
    # One payment a year: a lower title says why it carries none (NĐ 152 Đ49).
    amount = money_in_figures(line.prize_amount) if line.prize_amount else line.prize_note or "—"
    return {
        "number": str(number),
        "name": name,
        "position": position,
        "award": nomination.award_type.name,
        "amount": amount,
        "golden_book_number": str(line.golden_book_number),
    }


SECTIONS = (
    ("TẬP THỂ", (NomineeKind.COLLECTIVE, NomineeKind.VILLAGE)),
    ("HỘ GIA ĐÌNH", (NomineeKind.HOUSEHOLD,)),
    ("CÁ NHÂN", (NomineeKind.INDIVIDUAL,)),
)
ROMAN = ["I", "II", "III"]


def _span_of(lines: list[DecisionLine]) -> str:
    """ "năm 2024" when every line counts for one year, the đợt's name for one đợt, else the
    year the latest of their periods ends in: a decision always names its span."""
    labels = {line.nomination.period.label for line in lines}
    if len(labels) == 1:
        return labels.pop()
    return f"năm {max(line.nomination.period.ends_on for line in lines).year}" if lines else ""


# What one awardee of each kind is called in the prize sentence of Điều 2.
EACH = {
    NomineeKind.INDIVIDUAL: "cá nhân",
    NomineeKind.HOUSEHOLD: "hộ gia đình",
    NomineeKind.COLLECTIVE: "tập thể",
    NomineeKind.VILLAGE: "tập thể",
}


def _prize_sentences(lines: list[DecisionLine]) -> list[str]:
    """ "Mỗi cá nhân được tặng danh hiệu “Lao động tiên tiến” được thưởng 710.000 đồng." for
    each award and kind whose lines carry one amount; "theo danh sách" where they differ."""
    amounts: dict[tuple[int, str], set[int]] = {}
    awards = {}
    for line in lines:
        if line.prize_amount:
            key = (line.nomination.award_type_id, line.nomination.nominee_kind)
            amounts.setdefault(key, set()).add(line.prize_amount)
            awards[key[0]] = line.nomination.award_type
    sentences = []
    for (award_id, kind), paid in amounts.items():
        amount = (
            f"{money_in_figures(paid.pop())} đồng" if len(paid) == 1 else "theo danh sách kèm theo"
        )
        sentences.append(
            f"Mỗi {EACH[kind]} được tặng {_named(awards[award_id])} được thưởng {amount}."
        )
    return sentences


def _decision_with_lines(decision: Decision) -> Decision:
    return (
        Decision.objects.select_related("authority", "signer")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=DecisionLine.objects.select_related(
                    "nomination__award_type",
                    "nomination__person",
                    "nomination__household",
                    "nomination__collective",
                    "nomination__proposing_unit__authority",
                    "nomination__period__movement__authority",
                ).order_by("golden_book_number"),
            )
        )
        .get(pk=decision.pk)
    )


def decision_context(decision: Decision) -> dict:
    decision = _decision_with_lines(decision)
    authority, lines = decision.authority, list(decision.lines.all())
    award_types = list({line.nomination.award_type_id: line.nomination.award_type
                        for line in lines}.values())  # fmt: skip
    sections, counts, kinds = [], [], []
    for label, nominee_kinds in SECTIONS:
        chosen = [line for line in lines if line.nomination.nominee_kind in nominee_kinds]
        if chosen:
            heading = f"{ROMAN[len(sections)]}. {label} ({_count(len(chosen))})"
            sections.append(
                {"heading": heading, "lines": [_line_of(li, i) for i, li in enumerate(chosen, 1)]}
            )
            counts.append(f"{_count(len(chosen))} {label.lower()}")
            kinds.append(label.lower())
    span = _span_of(lines)
    place = _title_case(authority)
    who = ", ".join(counts)
    if len(award_types) == 1:
        award = award_types[0]
        named = _named(award)
        title = award.category == AwardType.Category.TITLE
        # A title is of its year ("danh hiệu “Lao động tiên tiến” năm 2024"); a form is given
        # for achievements of the span ("Giấy khen … đã có thành tích xuất sắc năm 2024").
        title_span = f" {span}" if title and span else ""
        subject = f"Về việc tặng {named}{title_span if title else ' ' + _in_span(span)}".rstrip()
        praise = _praise(award, span)
        article_1 = (
            f"Tặng {named}{title_span} cho {who} (có danh sách kèm theo)"
            f"{', ' + praise if praise else ''}."
        )
        granted = (
            f"ĐƯỢC TẶNG {named.upper()}{title_span.upper()}"
            if title
            else f"ĐƯỢC TẶNG {_full_name(award, authority).upper()}"
        )
    else:
        subject = f"Về việc khen thưởng {_in_span(span)}".rstrip()
        article_1 = (
            f"Khen thưởng {who} {_in_span(span)} (có danh sách kèm theo) với danh hiệu, hình"
            " thức khen thưởng ghi tại danh sách."
        ).replace("  ", " ")
        granted = f"ĐƯỢC KHEN THƯỞNG {_in_span(span).upper()}".rstrip()
    movements = {line.nomination.period.movement_id: line.nomination.period.movement
                 for line in lines}  # fmt: skip
    bases = [
        *legal_bases(
            authority,
            decision.issued_on,
            on_decision=True,
            awards={award.pk for award in award_types},
        ),
        *plan_bases(sorted(movements.values(), key=lambda m: (m.plan_date or m.starts_on, m.pk))),
    ]
    bases.append(f"Xét đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng {place}.")
    total = sum(line.prize_amount or 0 for line in lines)
    in_force = "Quyết định này có hiệu lực thi hành kể từ ngày ký."
    if total:
        words = money_in_words(total)
        unpaid = any(not line.prize_amount for line in lines)
        article_2 = " ".join(
            [
                *_prize_sentences(lines),
                *(
                    ["Trường hợp không kèm tiền thưởng ghi rõ lý do tại danh sách."]
                    if unpaid
                    else []
                ),
                f"Tổng số tiền thưởng: {money_in_figures(total)} đồng ({words[0].lower()}"
                f"{words[1:]}), chi từ Quỹ thi đua, khen thưởng của {place}.",
            ]
        )
        article_3_opening = f"{in_force} "
    else:
        article_2, article_3_opening = in_force, ""
    awardees = ", ".join(kinds)
    named_in_article_1 = f"các {awardees}" if len(lines) > 1 else awardees
    decided_by = f"Chủ tịch Ủy ban nhân dân {place}"
    return {
        "issuer": issuer(authority),
        "number": decision.number,
        "place_date": place_and_date(authority.name, decision.issued_on),
        "subject": subject,
        "signing": signing(decision),
        "bases": bases,
        "article_1": article_1,
        "article_2": article_2,
        "article_3": (
            f"{article_3_opening}Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {place},"
            f" Thường trực Hội đồng Thi đua - Khen thưởng {place}, thủ trưởng các cơ quan, đơn vị"
            f" có liên quan và {named_in_article_1} có tên tại Điều 1 chịu trách nhiệm thi hành"
            " Quyết định này./."
        ),
        "recipients": ["- Như Điều 3;", "- Chủ tịch, các Phó Chủ tịch UBND xã;", "- Lưu: VT."],
        "list_title": f"{awardees.upper()} {granted}",
        "list_reference": (
            f"(Kèm theo Quyết định số {decision.number} {date_in_words(decision.issued_on)}"
            f" của {decided_by})"
        ),
        "sections": sections,
        "total_figures": money_in_figures(total),
        "total_words": money_in_words(total),
    }


def _addressed(line: DecisionLine) -> dict:
    """How a Giấy khen names its holder: "Ông/Bà <name>" for a person."""
    nomination = line.nomination
    described = _line_of(line, 0)
    if nomination.person_id:
        honorific = "Ông" if nomination.person.gender == "male" else "Bà"
        described["name"] = f"{honorific} {described['name']}"
    return {**described, "golden_book_number": line.golden_book_number}


PRINTED_HERE = (AwardType.Certificate.GIAY_KHEN, AwardType.Certificate.BANG_CHUNG_NHAN)


def printed_here(decision: Decision, lines) -> list[DecisionLine]:
    """Of a decision's lines (read with their award types), those whose award comes with a
    Giấy khen or a Bằng chứng nhận the authority prints (catalogue: `certificate`): a title
    that carries money only has none (NĐ 152/2025 Đ50), and the level above prints and sends
    the papers of a decision recorded from it."""
    if decision.recorded_from_higher_level:
        return []
    return [line for line in lines if line.nomination.award_type.certificate in PRINTED_HERE]


def certificate_lines(decision: Decision) -> list[DecisionLine]:
    return printed_here(decision, decision.lines.select_related("nomination__award_type"))


def _certificate_heading(award: AwardType) -> tuple[str, str]:
    """Lines 4 and 5 of the certificate (NĐ 98/2023 Đ104, kept as the default layout): "TẶNG"
    / "GIẤY KHEN", or "TẶNG DANH HIỆU" / the title for a Bằng chứng nhận."""
    if award.certificate == AwardType.Certificate.GIAY_KHEN:
        return "TẶNG", "GIẤY KHEN"
    return "TẶNG DANH HIỆU", award.name.upper()


def certificates_context(decision: Decision) -> dict:
    decision = _decision_with_lines(decision)
    authority = decision.authority
    lines = printed_here(decision, decision.lines.all())
    span = _span_of(lines)
    printed = []
    for line in lines:
        award = line.nomination.award_type
        verb, title = _certificate_heading(award)
        praise = " ".join(filter(None, [award.merit_wording, _in_span(span)]))
        printed.append(
            {
                **_addressed(line),
                "award_type_id": award.pk,
                "verb": verb,
                "title": title,
                "achievement": f"{praise[0].upper()}{praise[1:]}" if praise else "",
            }
        )
    return {
        "emblem": emblem_for(authority),
        "signing": signing(decision),
        "number": decision.number,
        "decided_on": date_in_words(decision.issued_on),
        "place_date": place_and_date(authority.name, decision.issued_on),
        "lines": printed,
    }


def _percent(part: int, whole: int) -> str:
    """71,43 — two decimals with the Vietnamese decimal comma (documents.md §4)."""
    return f"{round(100 * part / whole, 2):.2f}".replace(".", ",") if whole else "0"


def minutes_context(meeting) -> dict:
    """From the minutes frozen at the meeting's close, plus who gave a written opinion."""
    from councils.models import Ballot  # councils imports nominations; read it late

    data = meeting.minutes or {}
    authority = meeting.council.authority
    nominations = {
        n.pk: n
        for n in Nomination.objects.filter(
            pk__in=[item["nomination"] for item in data.get("items", [])]
        ).select_related("person", "household", "collective", "proposing_unit")
    }
    written = sorted(
        {
            ballot.member.user.get_full_name()
            for ballot in Ballot.objects.filter(
                item__meeting=meeting, written_opinion=True
            ).select_related("member__user")
        }
    )
    items, notes = [], []
    for number, item in enumerate(data.get("items", []), 1):
        nomination = nominations[item["nomination"]]
        nominee = nomination.nominee
        position = (
            ", ".join(filter(None, [nominee.position, nomination.proposing_unit.name]))
            if nomination.person_id
            else nomination.proposing_unit.name
        )
        yes, base = item["yes"] or 0, item["base"] or 0
        items.append(
            {
                "number": str(number),
                "name": str(nominee),
                "position": position,
                "award": item["award"],
                "tally": f"{yes}/{base} ({_percent(yes, base)}%)",
                "result": item["result"],
            }
        )
        secret = " (bỏ phiếu kín)" if item["secret"] else ""
        notes.append(
            f"{number}. {nominee}{secret}: đồng ý {yes}, không đồng ý {item['no'] or 0}, không"
            f" biểu quyết {item['abstain'] or 0}, trên cơ số {base} ({item['base_kind'].lower()});"
            f" ngưỡng {'≥' if item['inclusive'] else '>'} {item['threshold_percent']}%."
            + (f" {item['tie_note']}" if item["tie_note"] else "")
            + "".join(f" Ý kiến: {line.rstrip('.')}." for line in item["comments"])
        )
    present, absent = data.get("present", []), data.get("absent", [])
    roster = len(present) + len(absent)
    absent_text = ", ".join(absent) if absent else "không"
    if written:
        absent_text += f" (có ý kiến bằng văn bản: {', '.join(written)})"
    passed = [
        row["name"]
        for row, item in zip(items, data.get("items", []), strict=True)
        # Minutes closed before "passed" was recorded carry only the Vietnamese label.
        if item.get("passed", item["result"] == "Đạt")
    ]
    opened = localtime(meeting.opened_at) if meeting.opened_at else None
    closed = localtime(meeting.closed_at) if meeting.closed_at else None
    place_name = _title_case(authority)
    return {
        "issuer": {
            "parent": f"UBND {place_name.upper()}",
            "council": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        },
        "number": "      /BB-HĐTĐKT",  # numbered by hand at the văn thư (documents.md §2 [U])
        "place_date": place_and_date(authority.name, meeting.held_on),
        "title": f"Họp Hội đồng Thi đua - Khen thưởng {place_name} xét đề nghị khen thưởng",
        "started": (
            f"{opened:%H} giờ {opened:%M}, {date_in_words(meeting.held_on)}"
            if opened
            else date_in_words(meeting.held_on)
        ),
        "place": data.get("place", meeting.place),
        "attendance": f"{len(present)}/{roster} thành viên Hội đồng: {', '.join(present)}.",
        "absent": absent_text + ".",
        "chair": data.get("chair") or "",
        "secretary": data.get("secretary") or "",
        "agenda": f"Xét {len(items)} đề nghị khen thưởng; kết quả biểu quyết:",
        "items": items,
        "notes": notes,
        "conclusion": (
            f"Hội đồng thống nhất đề nghị khen thưởng {len(passed)}/{len(items)} trường hợp"
            f"{': ' + ', '.join(passed) if passed else ''}."
        ),
        "ending": (
            f"Cuộc họp kết thúc vào {closed:%H} giờ {closed:%M},"
            f" {date_in_words(meeting.held_on)}./."
            if closed
            else "Cuộc họp kết thúc./."
        ),
    }


def _proposed(award: AwardType, decider: Authority) -> str:
    """What a proposal asks for: a title by name, a form by its whole name with the deciding
    authority's ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh")."""
    if award.category == AwardType.Category.TITLE:
        return _named(award)
    return _full_name(award, decider)


def _decided_above(nomination: Nomination, commune: Authority) -> bool:
    """Whether the award is decided above the proposing commune (on today's rules)."""
    if nomination.current_authority_id != commune.pk:
        return True
    rule = decision_rules_for([nomination], clock.today())[nomination.pk]
    return rule is not None and rule.level != commune.level


def achievement_report_context(nomination: Nomination) -> dict:
    nomination = Nomination.objects.select_related(
        "award_type", "period", "person", "household", "collective",
        "proposing_unit__authority", "proposing_unit__head",
    ).get(pk=nomination.pk)  # fmt: skip
    unit, award, period = nomination.proposing_unit, nomination.award_type, nomination.period
    same_nominee = {"nomination__person": nomination.person_id} if nomination.person_id else (
        {"nomination__household": nomination.household_id} if nomination.household_id
        else {"nomination__collective": nomination.collective_id}
    )  # fmt: skip
    prior = (
        DecisionLine.objects.filter(**same_nominee, nomination__state=Nomination.State.APPROVED)
        .exclude(nomination=nomination)
        .select_related("decision", "nomination__award_type")
        .order_by("decision__issued_on")
    )
    if nomination.person_id:
        person = nomination.person
        section, profile = (
            "I. SƠ LƯỢC LÝ LỊCH",
            [
                ("Họ và tên", person.full_name),
                ("Năm sinh", str(person.birth_year or "")),
                ("Giới tính", person.get_gender_display()),
                ("Chức vụ, nghề nghiệp", person.position),
                ("Đơn vị", unit.name),
            ],
        )
        reporter = ("NGƯỜI BÁO CÁO THÀNH TÍCH", person.full_name)
    elif nomination.household_id:
        household = nomination.household
        section, profile = (
            "I. THÔNG TIN HỘ GIA ĐÌNH",
            [
                ("Chủ hộ", household.head_name),
                ("Địa chỉ", household.address),
                ("Thôn, tổ dân phố", unit.name),
            ],
        )
        reporter = ("CHỦ HỘ", household.head_name)
    else:
        section, profile = (
            "I. ĐẶC ĐIỂM, TÌNH HÌNH",
            [
                ("Tên tập thể", nomination.collective.name),
                ("Loại đơn vị", nomination.collective.get_kind_display()),
                ("Thuộc", _title_case(unit.authority)),
            ],
        )
        reporter = ("", "")
    return {
        "issuer": {
            "line_1": f"UBND {_title_case(unit.authority).upper()}",
            "line_2": unit.name.upper(),
        },
        "place_date": place_and_date(unit.authority.name, clock.today()),
        "title": f"ĐỀ NGHỊ TẶNG {_proposed(award, unit.authority).upper()}",
        "span": (
            f"(Thành tích từ ngày {period.starts_on:%d/%m/%Y} đến ngày {period.ends_on:%d/%m/%Y})"
        ),
        "section_1": section,
        "profile": [(label, value or "—") for label, value in profile],
        "achievements": [line for line in nomination.achievements.splitlines() if line.strip()],
        "prior_awards": [
            {
                "year": line.decision.issued_on.year,
                "name": line.nomination.award_type.name,
                "decision": f"{line.decision.number} ngày {line.decision.issued_on:%d/%m/%Y}",
            }
            for line in prior
        ],
        # The commune confirms a report that goes on above it (the cấp trình); for an award
        # the commune decides, the unit head's block above is the proposal's confirmation.
        "confirming_body": (
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN {_title_case(unit.authority).upper()}"
            if _decided_above(nomination, unit.authority)
            else ""
        ),
        "head_title": (unit.head_title or "Thủ trưởng đơn vị").upper(),
        "head_name": unit.head.get_full_name() if unit.head else "",
        "reporter_title": reporter[0],
        "reporter_name": reporter[1],
    }


def _chairman_name(authority: Authority, day) -> str:
    from councils.models import Membership

    seat = (
        Membership.objects.active_on(day)
        .filter(authority=authority, role=Membership.Role.CHAIRMAN)
        .select_related("user")
        .first()
    )
    return seat.user.get_full_name() if seat else ""


def forward_submission_context(nomination: Nomination) -> dict:
    """The commune's Tờ trình to the level above, for a nomination beyond its authority."""
    from councils.models import AgendaItem

    nomination = Nomination.objects.select_related(
        "award_type", "person", "household", "collective", "proposing_unit__authority__parent"
    ).get(pk=nomination.pk)
    today = clock.today()
    commune = nomination.proposing_unit.authority
    superior = commune.superior_on(today)
    addressee = (
        f"Chủ tịch Ủy ban nhân dân {_title_case(superior)}" if superior else "Cấp có thẩm quyền"
    )
    award = nomination.award_type
    proposed = _proposed(award, superior or commune)
    voted = (
        AgendaItem.objects.filter(nomination=nomination, result=AgendaItem.Result.PASSED)
        .select_related("meeting")
        .order_by("-meeting__held_on")
        .first()
    )
    bases = legal_bases(commune, today, on_decision=False, awards={award.pk})
    if voted:
        bases.append(
            f"Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng {_title_case(commune)}"
            f" {date_in_words(voted.meeting.held_on)};"
        )
    bases.append(
        f"Xét đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng {_title_case(commune)}."
    )
    described = _line_of(DecisionLine(nomination=nomination, golden_book_number=0), 0)
    who = ", ".join(filter(None, [described["name"], described["position"]]))
    return {
        "issuer": issuer(commune),
        "number": "      /TTr-UBND",  # numbered by the văn thư when signed
        "place_date": place_and_date(commune.name, today),
        "subject": f"Về việc đề nghị tặng {proposed}",
        "addressee": addressee,
        "bases": bases,
        "request": (
            f"Ủy ban nhân dân {_title_case(commune)} kính trình {addressee} xem xét, tặng"
            f" {proposed} cho:"
        ),
        "nominees": [f"- {who}."],
        "closing": "(Có báo cáo thành tích và biên bản họp Hội đồng kèm theo)./.",
        "recipients": ["- Như trên;", "- Lưu: VT."],
        "signing": {
            "heading": "",
            "capacity": "TM. ỦY BAN NHÂN DÂN",
            "position": "CHỦ TỊCH",
            "name": _chairman_name(commune, today),
        },
    }


def unit_submission_context(unit, period) -> dict:
    """The unit's Tờ trình: its list for the period (every nomination not withdrawn)."""

    unit = type(unit).objects.select_related("authority", "head").get(pk=unit.pk)
    nominations = (
        Nomination.objects.filter(proposing_unit=unit, period=period)
        .exclude(state__in=(Nomination.State.WITHDRAWN, Nomination.State.REJECTED))
        .select_related("award_type", "person", "household", "collective")
        .order_by("award_type__sort_order", "pk")
    )
    lines = []
    for number, nomination in enumerate(nominations, 1):
        nominee = nomination.nominee
        position = nominee.position if nomination.person_id else ""
        lines.append(
            {
                "number": str(number),
                "name": str(nominee),
                "position": position,
                "award": nomination.award_type.name,
            }
        )
    commune = _title_case(unit.authority)
    return {
        "issuer": {"line_1": f"UBND {commune.upper()}", "line_2": unit.name.upper()},
        "number": "      /TTr",  # numbered by hand at the unit
        "place_date": place_and_date(unit.authority.name, clock.today()),
        "subject": f"Về việc đề nghị khen thưởng {period.name}",
        "addressee": f"Hội đồng Thi đua - Khen thưởng {commune}",
        "bases": [
            *legal_bases(
                unit.authority,
                clock.today(),
                on_decision=False,
                awards={nomination.award_type_id for nomination in nominations},
            ),
            f"Căn cứ kết quả bình xét thi đua của {unit.name}.",
        ],
        "request": (
            f"{unit.name} kính trình Hội đồng Thi đua - Khen thưởng {commune} xem xét, đề nghị"
            f" khen thưởng cho {_count(len(lines))} tập thể, cá nhân sau:"
        ),
        "lines": lines,
        "closing": "(Có báo cáo thành tích kèm theo)./.",
        "recipients": ["- Như trên;", "- Lưu: đơn vị."],
        "signing": {
            "heading": "",
            "capacity": "",
            "position": (unit.head_title or "Thủ trưởng đơn vị").upper(),
            "name": unit.head.get_full_name() if unit.head else "",
        },
    }
