"""Money and dates in words, as Vietnamese papers write them (documents.md §1, §5)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nominations.documents.vietnamese import (
    date_in_words,
    money_in_figures,
    money_in_words,
    number_in_words,
    place_and_date,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1005, "một nghìn không trăm linh năm"),
        (1050, "một nghìn không trăm năm mươi"),  # num2words: "một nghìn lẻ năm mươi"
        (2024, "hai nghìn không trăm hai mươi tư"),  # num2words: "…lẻ hai mươi bốn"
        (760_000, "bảy trăm sáu mươi nghìn"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (1_000_100, "một triệu không trăm nghìn một trăm"),  # num2words: "một triệu một trăm"
        (5_025_110, "năm triệu không trăm hai mươi lăm nghìn một trăm mười"),
        (2_000_000_000, "hai tỷ"),
        (3_000_500_000, "ba tỷ không trăm triệu năm trăm nghìn"),
        (1_200_000_000_000, "một nghìn hai trăm tỷ"),
    ],
)
def test_numbers_read_as_on_papers(n, words):
    assert number_in_words(n) == words


def test_money_in_words_and_figures():
    assert money_in_words(760_000) == "Bảy trăm sáu mươi nghìn đồng"
    assert money_in_words(1_050_000) == "Một triệu không trăm năm mươi nghìn đồng"
    assert money_in_figures(760_000) == "760.000"
    assert money_in_figures(1_234_567_890) == "1.234.567.890"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (datetime.date(2024, 3, 5), "ngày 05 tháng 3 năm 2024"),
        (datetime.date(2024, 2, 15), "ngày 15 tháng 02 năm 2024"),
        (datetime.date(2024, 1, 1), "ngày 01 tháng 01 năm 2024"),
        (datetime.date(2024, 12, 1), "ngày 01 tháng 12 năm 2024"),
        (datetime.date(2025, 11, 30), "ngày 30 tháng 11 năm 2025"),
    ],
)
def test_dates_in_words_keep_the_leading_zeros_of_nd_30(day, words):
    assert date_in_words(day) == words


def test_place_and_date():
    assert place_and_date("Cẩm Lĩnh", datetime.date(2024, 3, 5)) == (
        "Cẩm Lĩnh, ngày 05 tháng 3 năm 2024"
    )


_DIGIT = {w: i for i, w in enumerate(["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy",
                                       "tám", "chín"])} | {"mốt": 1, "lăm": 5, "tư": 4}  # fmt: skip
_SCALE = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}


def _read_back(words: str) -> int:
    """An independent reader of the words, to show every reading names one number only."""
    total = current = small = digit = 0
    for word in words.split():
        if word in _DIGIT:
            digit = _DIGIT[word]
        elif word == "trăm":
            small, digit = small + digit * 100, 0
        elif word == "mươi":
            small, digit = small + digit * 10, 0
        elif word == "mười":
            small += 10
        elif word == "linh":
            continue
        elif word in _SCALE:
            value, small, digit = small + digit, 0, 0
            if word == "tỷ":  # counts everything before it: "một nghìn hai trăm tỷ"
                total, current = (total + current + value) * 10**9, 0
            else:
                current += value * _SCALE[word]
        else:
            raise AssertionError(f"unexpected word {word!r} in {words!r}")
    return total + current + small + digit


@given(st.integers(min_value=0, max_value=10**15))
def test_every_reading_reads_back_to_its_number(n):
    words = number_in_words(n)
    assert _read_back(words) == n
    assert "lẻ" not in words.split()  # one convention: "linh"
    assert "  " not in words
