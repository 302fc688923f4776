"""Actions that cannot be undone ask first, in a dialog that says what will happen; what the
law needs is asked before the dialog; the answer says what happened and what comes next."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from councils import services as council_services
from councils.models import Meeting
from nominations.models import Nomination
from tests.world import council_of
from workflow import meetings
from workflow.actions import ACTIONS
from workflow.next_steps import NEXT_STEPS

S = Nomination.State
pytestmark = pytest.mark.django_db


def _written(nomination: Nomination) -> tuple:
    nomination.refresh_from_db()
    return nomination.state, nomination.version, AuditEvent.objects.count()


def test_every_state_tells_what_comes_next():
    assert set(NEXT_STEPS) == set(S.values)


def test_a_reject_shows_the_dialog_and_changes_nothing_until_confirmed(client, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    before = _written(nomination)
    url = reverse("nominations:act", args=[nomination.pk, "reject"])
    dialog = client.post(url, {"reason": "Chưa đạt tiêu chuẩn <b>năm</b>."})
    page = dialog.content.decode()
    assert dialog.status_code == 200
    assert '<dialog open aria-modal="true"' in page
    assert str(ACTIONS["reject"].confirmation) in page
    # What was typed is shown (escaped) and carried in the confirming form.
    assert "Chưa đạt tiêu chuẩn &lt;b&gt;năm&lt;/b&gt;." in page
    assert 'name="confirmed" value="yes"' in page
    assert _written(nomination) == before
    # "Go back" finds the page as it was left.
    back = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "Chưa đạt tiêu chuẩn &lt;b&gt;năm&lt;/b&gt;." in back
    done = client.post(url, {"reason": "Chưa đạt tiêu chuẩn.", "confirmed": "yes"})
    assert _written(nomination)[0] == S.REJECTED
    (message,) = [str(m) for m in get_messages(done.wsgi_request)]
    assert message.startswith("Đã thực hiện “Không khen thưởng”. Hồ sơ: Không khen thưởng.")
    assert "Hồ sơ kết thúc: không khen thưởng." in message


@pytest.mark.parametrize(
    ("action", "state", "persona", "values", "missing"),
    [
        ("withdraw", S.SUBMITTED, "unit_head", {"reason": " "}, "Lý do, nội dung"),
        ("reject", S.AWAITING_DECISION, "chairman", {"reason": ""}, "Lý do, nội dung"),
        (
            "revoke",
            S.APPROVED,
            "chairman",
            {"reason_code": "", "reason": "Kê khai sai", "number": "", "issued_on": ""},
            "Căn cứ hủy (Luật TĐKT Đ93), Số quyết định hủy, Ngày ký quyết định hủy",
        ),
    ],
)
def test_what_the_law_needs_is_asked_before_the_dialog(
    client, world, action, state, persona, values, missing
):
    nomination = world.nomination(state=state)
    client.force_login(world[persona])
    before = _written(nomination)
    url = reverse("nominations:act", args=[nomination.pk, action])
    response = client.post(url, {**values, "confirmed": "yes"}, follow=True)
    page = response.content.decode()
    assert "<dialog" not in page
    assert f"cần nhập {missing}." in page
    assert _written(nomination) == before


def test_someone_who_may_not_act_is_refused_not_asked(client, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["standing_office"])
    url = reverse("nominations:act", args=[nomination.pk, "reject"])
    page = client.post(url, {"reason": "Không đạt."}, follow=True).content.decode()
    assert "<dialog" not in page
    assert "Bạn không có quyền thực hiện thao tác này" in page


def test_an_easily_undone_action_asks_nothing(client, world):
    nomination = world.nomination(state=S.SUBMITTED)
    world.attach_required_documents(nomination)
    client.force_login(world["standing_office"])
    url = reverse("nominations:act", args=[nomination.pk, "return"])
    client.post(url, {"reason": "Bổ sung biên bản."})
    assert _written(nomination)[0] == S.RETURNED


@pytest.fixture
def open_meeting(world):
    council, members = council_of(world, size=5)
    nomination = world.nomination(state=S.APPRAISED)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members[:4]]
    )
    return meeting, members


def test_an_absent_member_gets_no_ballot_form_and_everyone_sees_the_threshold(
    client, world, open_meeting
):
    meeting, members = open_meeting
    url = reverse("councils:meeting", args=[meeting.pk])
    client.force_login(members[4].user)  # absent
    absent = client.get(url).content.decode()
    assert 'class="vote"' not in absent
    client.force_login(members[3].user)
    present = client.get(url).content.decode()
    assert 'class="vote"' in present
    # Lao động tiên tiến: more than half of the 4 present.
    assert "Đạt khi phiếu đồng ý &gt; 50% số thành viên có mặt (4): cần ít nhất 3" in present


def test_the_opening_names_the_chair_and_secretary(client, world):
    council, members = council_of(world, size=5)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    client.force_login(office)
    url = reverse("councils:open", args=[meeting.pk])
    present = [m.pk for m in members[1:]]
    refused = client.post(url, {"present": present, "chair": members[0].user_id}, follow=True)
    assert "Người chủ trì phải là một thành viên Hội đồng có mặt." in refused.content.decode()
    assert Meeting.objects.get().state == Meeting.State.PLANNED
    client.post(url, {"present": present, "chair": members[1].user_id})
    meeting.refresh_from_db()
    assert (meeting.state, meeting.chair, meeting.secretary) == (
        Meeting.State.OPEN,
        members[1].user,
        office,
    )
    event = AuditEvent.objects.get(action="meeting.open")
    assert (event.payload["chair"], event.payload["secretary"]) == (members[1].user_id, office.pk)
