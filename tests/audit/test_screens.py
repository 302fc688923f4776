"""The auditor's timeline, search and exports: in Vietnamese, scoped, flat in cost."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from audit.services import event_hash
from audit.web.exports import header_key
from councils.models import Membership
from nominations.models import Nomination
from tests import factories
from workflow import services as workflow_services
from workflow.audit_trail import audit_events_in_scope

S = Nomination.State
pytestmark = pytest.mark.django_db


def _worked(world, rounds: int = 1) -> Nomination:
    """A nomination returned and resubmitted `rounds` times, then appraised."""
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    for n in range(rounds):
        workflow_services.nomination_return(
            nomination=nomination, actor=world["standing_office"], reason=f"Bổ sung lần {n + 1}"
        )
        nomination.achievements = f"Thành tích bổ sung lần {n + 1}"
        nomination._history_user = world["unit_head"]
        nomination.save()
        workflow_services.nomination_resubmit(nomination=nomination, actor=world["unit_head"])
    world.attach_required_documents(nomination)
    workflow_services.nomination_appraise(nomination=nomination, actor=world["standing_office"])
    return nomination


def test_the_timeline_merges_events_and_field_changes_in_vietnamese(world, client):
    nomination = _worked(world)
    client.force_login(world["auditor"])
    page = client.get(reverse("audit:timeline", args=[nomination.pk])).content.decode()
    assert "Trả lại, yêu cầu bổ sung" in page
    assert "Bổ sung lần 1" in page
    assert "Thẩm định hồ sơ" in page
    assert "Tóm tắt thành tích" in page or "tóm tắt thành tích" in page
    assert "Thành tích bổ sung lần 1" in page
    assert page.index("Gửi hồ sơ đề nghị") < page.index("Thẩm định hồ sơ")


def test_the_timeline_costs_the_same_with_a_longer_history(
    world, client, django_assert_max_num_queries
):
    client.force_login(world["auditor"])

    def cost(nomination) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("audit:timeline", args=[nomination.pk]))
        assert response.status_code == 200
        return len(captured)

    short, long = _worked(world, rounds=1), _worked(world, rounds=6)
    assert cost(short) == cost(long)
    with django_assert_max_num_queries(15):
        client.get(reverse("audit:timeline", args=[long.pk]))


def test_auditors_in_scope_and_the_proposing_unit_read_a_timeline(world, client):
    nomination = _worked(world)
    url = reverse("audit:timeline", args=[nomination.pk])
    # The unit that proposed it reads its own dossier's history; another unit does not.
    client.force_login(world["unit_head"])
    assert client.get(url).status_code == 200
    for persona in ("other_unit_head", "district_standing_office"):
        client.force_login(world[persona])
        assert client.get(url).status_code == 404
    _p, _d, elsewhere = factories.commune_tree()
    outsider = factories.user("xakhac.kiemtra")
    Membership.objects.create(
        user=outsider, role="auditor", authority=elsewhere, valid_from=datetime.date(2020, 1, 1)
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    provincial = factories.user("tinh.kiemtra")
    Membership.objects.create(
        user=provincial,
        role="auditor",
        authority=world.province,
        valid_from=datetime.date(2020, 1, 1),
    )
    client.force_login(provincial)
    assert client.get(url).status_code == 200


def test_search_filters_by_actor_dates_action_object_and_unit(world, client):
    _worked(world)
    other = world.nomination()
    Nomination.objects.filter(pk=other.pk).update(proposing_unit=world.other_unit)
    client.force_login(world["auditor"])
    url = reverse("audit:search")

    def found(**query) -> list[str]:
        page = client.get(url, query).context["page"]
        return [e.action for e in page.events]

    assert found(action="nomination.return") == ["nomination.return"]
    assert set(found(actor="truongthon")) == {"nomination.submit", "nomination.resubmit"}
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert len(found(date_from=today, date_to=today)) == 4
    assert found(date_from="01/01/2020", date_to="31/12/2020") == []
    assert len(found(object_type="nominations.nomination", unit=world.unit.pk)) == 4
    assert found(unit=world.other_unit.pk) == []
    response = client.get(url, {"date_from": "02/01/2026", "date_to": "01/01/2026"})
    assert "Ngày bắt đầu phải trước ngày kết thúc" in response.content.decode()


def test_a_province_auditor_picks_an_authority_then_one_of_its_units(world, client):
    """A province holds thousands of units: the list offers those of one authority, and
    the search narrows to what happened in that authority or its units."""
    _worked(world)
    _p, _d, elsewhere = factories.commune_tree()
    elsewhere.parent = world.district
    elsewhere.save()
    far_unit = factories.unit(elsewhere)
    far = factories.nomination(
        unit_=far_unit, award_type=world.nomination().award_type, period_=world.period,
        person=factories.person(far_unit),
    )  # fmt: skip
    provincial = factories.user("tinh.kiemtra")
    Membership.objects.create(
        user=provincial, role="auditor", authority=world.province,
        valid_from=datetime.date(2020, 1, 1),
    )  # fmt: skip
    far_event = AuditEvent.objects.create(
        sequence=AuditEvent.objects.count() + 1, occurred_at=timezone.now().replace(microsecond=0),
        action="nomination.create", object_type="nominations.nomination", object_id=str(far.pk),
        unit=far_unit, hash="f" * 64, previous_hash="e" * 64,
    )  # fmt: skip
    client.force_login(provincial)
    url = reverse("audit:search")

    def offered(response) -> set[int]:
        return {int(v) for v, _label in response.context["form"].fields["unit"].widget.choices if v}

    def found(response) -> set[int]:
        return {event.pk for event in response.context["page"].events}

    everything = client.get(url)
    assert offered(everything) == set()  # no authority chosen: no list of every unit
    assert far_event.pk in found(everything)
    commune = client.get(url, {"authority": world.commune.pk})
    assert offered(commune) == {world.unit.pk, world.other_unit.pk}
    assert found(commune) == found(everything) - {far_event.pk} != set()
    assert found(client.get(url, {"authority": elsewhere.pk})) == {far_event.pk}
    by_unit = client.get(url, {"unit": far_unit.pk})  # a bookmarked unit lists its neighbours
    assert offered(by_unit) == {far_unit.pk}
    assert found(by_unit) == {far_event.pk}
    refused = client.get(url, {"authority": 999999})
    assert "authority" in refused.context["form"].errors


def test_search_is_scoped_and_costs_the_same_for_more_events(
    world, client, django_assert_max_num_queries
):
    client.force_login(world["auditor"])
    _worked(world)
    url = reverse("audit:search")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(4):
        _worked(world, rounds=2)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(small) == len(large)
    assert len(response.context["page"].events) == 4 + 4 * 6
    # With the authority and unit choices, and the menu's look at standing-office grants.
    with django_assert_max_num_queries(14):
        client.get(url, {"after": response.context["page"].first_sequence})
    _p, _d, elsewhere = factories.commune_tree()
    outsider = factories.user("xakhac.kiemtra")
    Membership.objects.create(
        user=outsider, role="auditor", authority=elsewhere, valid_from=datetime.date(2020, 1, 1)
    )
    client.force_login(outsider)
    assert client.get(url).context["page"].events == []
    client.force_login(world["unit_head"])
    assert client.get(url).status_code == 404


def test_search_pages_by_sequence_forward_and_back(world, client, monkeypatch):
    monkeypatch.setattr("audit.web.views.PAGE_SIZE", 3)
    client.force_login(world["auditor"])
    _worked(world, rounds=3)
    url = reverse("audit:search")
    in_scope = audit_events_in_scope(world["auditor"]).order_by("sequence")
    every = list(in_scope.values_list("sequence", flat=True))
    assert len(every) > 6
    first = client.get(url).context["page"]
    assert [e.sequence for e in first.events] == every[:3]
    assert (first.has_previous, first.has_next) == (False, True)

    second = client.get(url, {"after": first.last_sequence}).context["page"]
    assert [e.sequence for e in second.events] == every[3:6]
    assert (second.has_previous, second.has_next) == (True, True)
    _worked(world)  # events appended while the auditor pages do not move what a mark shows
    assert client.get(url, {"after": first.last_sequence}).context["page"] == second
    back = client.get(url, {"before": second.first_sequence}).context["page"]
    assert back.events == first.events
    assert not back.has_previous

    page, seen = first, []
    while True:
        seen += [e.sequence for e in page.events]
        if not page.has_next:
            break
        page = client.get(url, {"after": page.last_sequence}).context["page"]
    assert seen == list(in_scope.values_list("sequence", flat=True))
    html = client.get(url, {"after": first.last_sequence}).content.decode()
    assert f"before={second.first_sequence}" in html
    assert f"after={second.last_sequence}" in html
    assert client.get(url, {"after": "x'--"}).context["page"].events == first.events


def _verify_rows(rows: list[dict]) -> None:
    """What an auditor does offline with an export: recompute every hash and link."""
    previous = None
    for row in rows:
        content = {
            "sequence": int(row["sequence"]),
            "occurred_at": row["occurred_at"],
            "actor": int(row["actor"]) if row["actor"] not in ("", None) else None,
            "authority": int(row["authority"]) if row["authority"] not in ("", None) else None,
            "unit": int(row["unit"]) if row["unit"] not in ("", None) else None,
            "object_type": row["object_type"],
            "object_id": str(row["object_id"]),
            "action": row["action"],
            "from_state": row["from_state"] or "",
            "to_state": row["to_state"] or "",
            "payload": json.loads(row["payload"]),
        }
        assert event_hash(content, row["previous_hash"]) == row["hash"]
        if previous is not None:
            assert row["previous_hash"] == previous
        previous = row["hash"]


def test_csv_and_xlsx_exports_carry_sequences_and_hashes_that_verify(world, client):
    _worked(world)
    client.force_login(world["auditor"])
    query = {"object_type": "nominations.nomination"}
    response = client.get(reverse("audit:export", args=["csv"]), query)
    assert response["Content-Disposition"].endswith('.csv"')
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    headers = table[0]
    # Vietnamese headers; the hashed columns name their field in brackets for the check.
    assert headers[:2] == ["Số thứ tự [sequence]", "Thời điểm ghi (UTC, như khi băm) [occurred_at]"]
    assert "Thời điểm (giờ Việt Nam, UTC+07:00)" in headers
    rows = [dict(zip(map(header_key, headers), line, strict=True)) for line in table[1:]]
    assert [r["action"] for r in rows][:2] == ["nomination.submit", "nomination.return"]
    assert rows[1]["Hành động"] == "Trả lại, yêu cầu bổ sung"
    assert rows[1]["Đối tượng"].startswith("Đề nghị khen thưởng ")
    event = AuditEvent.objects.get(sequence=int(rows[1]["sequence"]))
    local = timezone.localtime(event.occurred_at)
    assert rows[1]["Thời điểm (giờ Việt Nam, UTC+07:00)"] == f"{local:%d/%m/%Y %H:%M:%S}"
    _verify_rows(rows)

    response = client.get(reverse("audit:export", args=["xlsx"]), query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *values = list(sheet.iter_rows(values_only=True))
    xlsx_rows = [dict(zip(map(header_key, header), v, strict=True)) for v in values]
    assert [r["hash"] for r in xlsx_rows] == [r["hash"] for r in rows]
    _verify_rows(xlsx_rows)

    exports = AuditEvent.objects.filter(action="audit.export").order_by("sequence")
    assert [(e.actor, e.payload["format"], e.payload["count"]) for e in exports] == [
        (world["auditor"], "csv", len(rows)),
        (world["auditor"], "xlsx", len(rows)),
    ]
    assert client.get(reverse("audit:export", args=["csv"]), {"date_from": "x"}).status_code == 400


def test_the_search_reads_in_words_and_finds_by_the_words(world, client):
    nomination = _worked(world)
    client.force_login(world["auditor"])
    url = reverse("audit:search")
    page = client.get(url, {"object_type": "đề nghị khen thưởng"}).content.decode()
    assert "Trả lại, yêu cầu bổ sung (Đã gửi, chờ thẩm định → Trả lại, yêu cầu bổ sung)" in page
    assert f"Đề nghị khen thưởng #{nomination.pk}" in page
    assert "nominations.nomination" not in page.split("<tbody>")[1]
    by_name = client.get(url, {"action": "trả lại"}).context["rows"]
    assert [row.event.action for row in by_name] == ["nomination.return"]
    by_code = client.get(url, {"action": "nomination.return"}).context["rows"]
    assert [row.event.pk for row in by_code] == [row.event.pk for row in by_name]
