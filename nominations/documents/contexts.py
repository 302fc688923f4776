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
from nominations.selectors import legal_bases_on


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


def legal_bases(authority: Authority, day: datetime.date, *, on_decision: bool) -> list[str]:
    """ "Căn cứ …;" for each text in force on the paper's date (LegalBasis rows)."""
    return [
        f"Căn cứ {basis.citation};"
        for basis in legal_bases_on(authority, day, on_decision=on_decision)
    ]


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


def _award_phrase(award_types: list[AwardType]) -> tuple[str, str]:
    """("Về việc tặng Giấy khen", "Tặng Giấy khen") or, for a title, "công nhận danh hiệu"."""
    if len(award_types) != 1:
        return "Về việc khen thưởng", "Khen thưởng"
    award = award_types[0]
    if award.category == AwardType.Category.TITLE:
        return f"Về việc công nhận danh hiệu {award.name}", f"Công nhận danh hiệu {award.name}"
    return f"Về việc tặng {award.name}", f"Tặng {award.name}"


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
    """ "năm 2024" when every line counts for one year, the đợt's name for one đợt, else ""."""
    labels = {line.nomination.period.label for line in lines}
    return labels.pop() if len(labels) == 1 else ""


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
    subject, granting = _award_phrase(award_types)
    sections, counts = [], []
    for label, kinds in SECTIONS:
        chosen = [line for line in lines if line.nomination.nominee_kind in kinds]
        if chosen:
            heading = f"{ROMAN[len(sections)]}. {label} ({_count(len(chosen))})"
            sections.append(
                {"heading": heading, "lines": [_line_of(li, i) for i, li in enumerate(chosen, 1)]}
            )
            counts.append(f"{_count(len(chosen))} {label.lower()}")
    total = sum(line.prize_amount or 0 for line in lines)
    span = _span_of(lines)
    where = f" trong {span}" if span else ""
    if span.startswith("năm "):  # annual titles are for a year: "… Lao động tiên tiến năm 2024"
        subject = f"{subject} {span}"
    movements = {line.nomination.period.movement_id: line.nomination.period.movement
                 for line in lines}  # fmt: skip
    bases = [
        *legal_bases(authority, decision.issued_on, on_decision=True),
        *plan_bases(sorted(movements.values(), key=lambda m: (m.plan_date or m.starts_on, m.pk))),
    ]
    bases.append(
        f"Xét đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng {_title_case(authority)}."
    )
    money = (
        f"Kèm theo mỗi {award_types[0].name if len(award_types) == 1 else 'hình thức'} là "
        f"tiền thưởng theo danh sách; tổng số tiền: {money_in_figures(total)} đồng "
        f"({money_in_words(total)[0].lower() + money_in_words(total)[1:]}), chi từ Quỹ thi đua, "
        "khen thưởng."
        if total
        else "Danh hiệu, hình thức khen thưởng này không kèm theo tiền thưởng."
    )
    decided_by = f"Chủ tịch Ủy ban nhân dân {_title_case(authority)}"
    return {
        "issuer": issuer(authority),
        "number": decision.number,
        "place_date": place_and_date(authority.name, decision.issued_on),
        "subject": subject,
        "signing": signing(decision),
        "bases": bases,
        "article_1": (
            f"{granting} cho {', '.join(counts)} (có danh sách kèm theo) đã có thành tích"
            f" xuất sắc{where}."
        ),
        "article_2": money,
        "article_3": (
            f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {_title_case(authority)}, Thường"
            " trực Hội đồng Thi đua - Khen thưởng, các tập thể, cá nhân có tên tại Điều 1 chịu"
            " trách nhiệm thi hành Quyết định này./."
        ),
        "recipients": ["- Như Điều 3;", "- Lưu: VT."],
        "list_title": f"{subject.removeprefix('Về việc ').upper()}",
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


def certificates_context(decision: Decision) -> dict:
    decision = _decision_with_lines(decision)
    authority, lines = decision.authority, list(decision.lines.all())
    award_types = {line.nomination.award_type.name for line in lines}
    span = _span_of(lines)
    where = f" trong {span}" if span else ""
    return {
        "signing": signing(decision),
        "award_title": (award_types.pop() if len(award_types) == 1 else "Giấy khen").upper(),
        "achievement": f"Đã có thành tích xuất sắc{where}",
        "number": decision.number,
        "decided_on": date_in_words(decision.issued_on),
        "place_date": place_and_date(authority.name, decision.issued_on),
        "lines": [_addressed(line) for line in lines],
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


def achievement_report_context(nomination: Nomination) -> dict:
    nomination = Nomination.objects.select_related(
        "award_type", "period", "person", "household", "collective",
        "proposing_unit__authority", "proposing_unit__head",
    ).get(pk=nomination.pk)  # fmt: skip
    unit, award, period = nomination.proposing_unit, nomination.award_type, nomination.period
    granting = "CÔNG NHẬN DANH HIỆU" if award.category == AwardType.Category.TITLE else "TẶNG"
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
        "title": f"ĐỀ NGHỊ {granting} {award.name.upper()}",
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
    granting = "công nhận danh hiệu" if award.category == AwardType.Category.TITLE else "tặng"
    voted = (
        AgendaItem.objects.filter(nomination=nomination, result=AgendaItem.Result.PASSED)
        .select_related("meeting")
        .order_by("-meeting__held_on")
        .first()
    )
    bases = legal_bases(commune, today, on_decision=False)
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
        "subject": f"Về việc đề nghị {granting} {award.name}",
        "addressee": addressee,
        "bases": bases,
        "request": (
            f"Ủy ban nhân dân {_title_case(commune)} kính trình {addressee} xem xét, {granting}"
            f" {award.name} cho:"
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
            *legal_bases(unit.authority, clock.today(), on_decision=False),
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
