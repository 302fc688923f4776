"""Every action the nomination page offers, taken through its button as the right persona."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from nominations.models import Nomination
from tests.world import district_award

S = Nomination.State
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().strftime("%d/%m/%Y")


def _take(client, nomination, action, data=None) -> str:
    """Check the page offers the action, post it, and return the page that follows."""
    detail = reverse("nominations:detail", args=[nomination.pk])
    assert f'data-action="{action}"' in client.get(detail).content.decode()
    url = reverse("nominations:act", args=[nomination.pk, action])
    # As after the confirmation dialog (tests/web/test_confirmations.py shows the dialog).
    return client.post(url, {**(data or {}), "confirmed": "yes"}, follow=True).content.decode()


def test_the_office_holds_and_releases_with_reasons(client, world):
    nomination = world.nomination(state=S.APPRAISED)
    client.force_login(world["standing_office"])
    page = _take(client, nomination, "hold", {"reason_code": "complaint", "reason": ""})
    assert "cần nhập Lý do, nội dung" in page
    _take(client, nomination, "hold", {"reason_code": "complaint", "reason": "Có đơn thư"})
    nomination.refresh_from_db()
    assert nomination.state == S.ON_HOLD
    _take(client, nomination, "release", {"reason": "Đã xác minh, đơn không có cơ sở."})
    nomination.refresh_from_db()
    assert nomination.state == S.APPRAISED
    assert AuditEvent.objects.filter(object_id=str(nomination.pk), action="nomination.release")


def test_the_chairman_rejects_with_a_reason(client, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert 'data-action="forward"' not in page  # the commune decides a Lao động tiên tiến
    _take(client, nomination, "reject", {"reason": "Chưa đạt tiêu chuẩn."})
    nomination.refresh_from_db()
    assert nomination.state == S.REJECTED


def test_the_chairman_forwards_what_a_higher_level_decides(client, world):
    district_award()
    nomination = world.nomination("giay-khen-chu-tich-huyen", state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert 'data-action="approve"' not in page  # the commune may not decide it
    assert "thuộc thẩm quyền quyết định của cấp huyện" in page
    _take(client, nomination, "forward")
    nomination.refresh_from_db()
    # The district runs this system too: its standing office now appraises the dossier.
    assert (nomination.state, nomination.current_authority) == (S.SUBMITTED, world.district)


def test_the_office_records_a_higher_levels_outcome(client, world):
    district_award()
    nomination = world.nomination("giay-khen-chu-tich-huyen", state=S.FORWARDED)
    client.force_login(world["standing_office"])
    page = _take(client, nomination, "record_outcome", {"approved": "1", "number": ""})
    assert "Cần số quyết định của cấp trên" in page
    _take(
        client,
        nomination,
        "record_outcome",
        {"approved": "1", "number": "120/QĐ-UBND", "issued_on": TODAY},
    )
    nomination.refresh_from_db()
    assert nomination.state == S.APPROVED
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "120/QĐ-UBND" in page


def test_the_deciding_chairman_revokes_with_a_legal_ground(client, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    _take(client, nomination, "approve", {"number": "93/QĐ-UBND", "issued_on": TODAY})
    _take(
        client,
        nomination,
        "revoke",
        {
            "reason_code": "false_declaration",
            "reason": "Kê khai sai thành tích.",
            "number": "94/QĐ-UBND",
            "issued_on": TODAY,
        },
    )
    nomination.refresh_from_db()
    assert nomination.state == S.REVOKED


def test_the_unit_withdraws_its_draft(client, world):
    nomination = world.nomination(state=S.SUBMITTED)
    client.force_login(world["unit_head"])
    _take(client, nomination, "withdraw", {"reason": "Đơn vị rút đề nghị."})
    nomination.refresh_from_db()
    assert nomination.state == S.WITHDRAWN
