"""Excel out: the filtered nomination list, a decision's awardees, a meeting's results."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from councils import services as council_services
from nominations.models import Nomination, Person
from tests.world import council_of
from workflow import meetings
from workflow.services import nominations_approve

S = Nomination.State
pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_list_export_follows_the_filters_and_includes_every_page(client, world):
    submitted = [world.nomination(state=S.SUBMITTED) for _ in range(30)]
    world.nomination(state=S.DRAFT)
    Person.objects.filter(pk=submitted[0].person_id).update(full_name="Phạm Thị Ảnh")
    client.force_login(world["standing_office"])
    url = reverse("nominations:list_xlsx")
    rows = _sheet(client.get(url, {"state": "submitted"}))
    assert rows[0][:4] == ("Số hồ sơ", "Đối tượng", "Loại đối tượng", "Danh hiệu, hình thức")
    assert len(rows) == 31  # a header and all 30, not one page of 25
    assert {row[6] for row in rows[1:]} == {"Đã gửi, chờ thẩm định"}
    assert "Phạm Thị Ảnh" in {row[1] for row in rows}
    assert (
        "state=submitted"
        in client.get(reverse("nominations:list"), {"state": "submitted"}).content.decode()
    )
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _n in range(20):
        world.nomination(state=S.SUBMITTED)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
    client.force_login(world["other_unit_head"])
    assert len(_sheet(client.get(url))) == 1  # sees none of them: a header only


def test_a_decisions_awardees_with_money_as_numbers_and_dates_as_dates(client, world):
    waiting = [world.nomination(state=S.AWAITING_DECISION) for _ in range(2)]
    decision = nominations_approve(
        nominations=waiting, actor=world["chairman"], number="21/QĐ-UBND",
        issued_on=timezone.localdate(),
    )  # fmt: skip
    client.force_login(world["chairman"])
    response = client.get(reverse("nominations:decision_xlsx", args=[decision.pk]))
    rows = _sheet(response)
    assert rows[1][5] == 760_000
    assert rows[0][6] == "Ghi chú tiền thưởng"
    assert rows[1][6] in ("", None)  # paid in full: nothing to explain
    assert rows[1][7] == "21/QĐ-UBND"
    assert isinstance(rows[1][8], datetime.datetime)
    book = load_workbook(io.BytesIO(response.content))
    assert book.active["F2"].number_format == "#,##0"
    assert book.active["I2"].number_format == "DD/MM/YYYY"
    client.force_login(world["other_unit_head"])
    assert client.get(reverse("nominations:decision_xlsx", args=[decision.pk])).status_code == 404


def test_a_meetings_results(client, world):
    council, members = council_of(world, size=3)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    item = meetings.meeting_add_item(
        meeting=meeting, nomination=world.nomination(state=S.APPRAISED), actor=office
    )
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    for member in members:
        council_services.ballot_cast(item=item, actor=member.user, choice="yes")
    meetings.meeting_close(meeting=meeting, actor=office)
    client.force_login(office)
    rows = _sheet(client.get(reverse("councils:results_xlsx", args=[meeting.pk])))
    assert rows[1][4:8] == (3, 0, 0, 3)
    assert rows[1][9] == "Đạt"
    client.force_login(world["unit_head"])
    assert client.get(reverse("councils:results_xlsx", args=[meeting.pk])).status_code == 404
