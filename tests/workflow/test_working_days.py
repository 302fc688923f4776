import datetime

import pytest

from workflow.models import CalendarException
from workflow.selectors import add_working_days, is_working_day

pytestmark = pytest.mark.django_db
D = datetime.date


def test_weekends_are_skipped():
    assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 24)  # Friday → Monday
    assert add_working_days(D(2025, 11, 24), 5) == D(2025, 12, 1)


def test_tet_holidays_are_skipped():
    # Friday 24/01/2025; Tết days off run 27/01–31/01/2025 (the holidays package, VN).
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)


def test_twenty_working_days_to_appraise_around_national_day():
    # 01/09 and 02/09/2025 are public holidays.
    assert add_working_days(D(2025, 8, 29), 20) == D(2025, 9, 30)


def test_a_recorded_exception_overrides_the_rule(django_assert_num_queries):
    CalendarException.objects.create(day=D(2025, 11, 22), is_working_day=True, note="Làm bù")
    CalendarException.objects.create(day=D(2025, 11, 24), is_working_day=False, note="Nghỉ bù")
    with django_assert_num_queries(1):
        assert add_working_days(D(2025, 11, 21), 2) == D(2025, 11, 25)
    assert is_working_day(D(2025, 11, 22))
    assert not is_working_day(D(2025, 11, 24))


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(D(2025, 11, 22), 0) == D(2025, 11, 22)
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2025, 11, 22), -1)


def test_the_exceptions_are_read_once_until_an_administrator_changes_them(
    django_assert_num_queries,
):
    """Deadlines opened by one transition after another read the calendar from the cache;
    adding, changing or removing a day is seen by the next count."""
    assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 24)
    with django_assert_num_queries(0):
        assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 24)
    day_off = CalendarException.objects.create(day=D(2025, 11, 24), is_working_day=False)
    assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 25)
    day_off.is_working_day = True
    day_off.save()
    assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 24)
    CalendarException.objects.create(day=D(2025, 11, 22), is_working_day=True)
    assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 22)
    CalendarException.objects.filter(day=D(2025, 11, 22)).delete()
    assert add_working_days(D(2025, 11, 21), 1) == D(2025, 11, 24)
