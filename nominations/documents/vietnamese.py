"""Vietnamese wording on official papers: money in words, dates in words, number and symbol.

num2words gets Vietnamese money wrong (1050 → "một nghìn lẻ năm mươi"), so the reading rules
of documents.md §5 are written out here: groups of three read by nghìn, triệu, tỷ; "không
trăm" for an empty hundreds inside the number; "linh" for an empty tens; "mốt", "lăm", "tư".
"""

from __future__ import annotations

import datetime

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
GROUPS = ["", "nghìn", "triệu"]


def _below_thousand(n: int, *, full: bool) -> str:
    """Read 0 < n < 1000; `full` when higher groups precede it (so "không trăm", "linh")."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if ones == 1 and tens >= 2:
        words.append("mốt")
    elif ones == 5 and tens >= 1:
        words.append("lăm")
    elif ones == 4 and tens >= 2:
        words.append("tư")
    elif ones:
        words.append(DIGITS[ones])
    return " ".join(words)


def _groups_in_words(n: int, *, full: bool) -> list[str]:
    """0 < n < 10^9 by its groups (triệu, nghìn, units); `full` when tỷ precede it, so its
    empty leading groups are read too. After the first group read, every group is read in
    full, an empty one as "không trăm" (1000100 → "một triệu không trăm nghìn một trăm"), so
    no reading can be heard as another number; empty groups at the end are silent."""
    groups = [n // 1_000_000, n // 1000 % 1000, n % 1000]  # triệu, nghìn, units
    last = max(i for i, group in enumerate(groups) if group)
    first = 0 if full else min(i for i, group in enumerate(groups) if group)
    words: list[str] = []
    for index in range(first, last + 1):
        group, name = groups[index], GROUPS[2 - index]
        if group == 0:
            words += ["không trăm", name]
        else:
            words += [_below_thousand(group, full=full or index > first), name]
    return [w for w in words if w]


def number_in_words(n: int) -> str:
    """A whole number in words, lower case: 1050000 → "một triệu không trăm năm mươi nghìn";
    past a billion the tỷ are counted like any number: "một nghìn hai trăm tỷ"."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return DIGITS[0]
    billions, rest = divmod(n, 1_000_000_000)
    words = [number_in_words(billions), "tỷ"] if billions else []
    if rest:
        words += _groups_in_words(rest, full=bool(billions))
    return " ".join(words)


def money_in_words(amount: int) -> str:
    """Đồng in words, first letter capital: 760000 → "Bảy trăm sáu mươi nghìn đồng"."""
    text = f"{number_in_words(int(amount))} đồng"
    return text[0].upper() + text[1:]


def money_in_figures(amount: int) -> str:
    """760000 → "760.000" (groups of three with a dot, as on Vietnamese papers)."""
    return f"{int(amount):,}".replace(",", ".")


def date_in_words(day: datetime.date) -> str:
    """NĐ 30: "ngày 05 tháng 3 năm 2024"; a leading zero for days below 10 and months 1, 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: datetime.date) -> str:
    """ "Cẩm Lĩnh, ngày 05 tháng 3 năm 2024"."""
    return f"{place}, {date_in_words(day)}"
