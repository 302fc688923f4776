"""The one action table (workflow.actions): the flow, the services, the page and the API all
read it, so they cannot disagree."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nominations.models import Nomination
from tests.world import district_award
from workflow import services as workflow_services
from workflow.actions import ACTIONS, HoldReason, RevocationReason, performs
from workflow.flow import NominationFlow

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_the_table_names_exactly_the_transitions_of_the_flow():
    assert set(ACTIONS) == {row.action for row in NominationFlow.table()}


def test_every_action_but_the_meeting_close_has_its_one_service():
    without = {name for name, action in ACTIONS.items() if action.service is None}
    assert without == {"council_result"}  # only the close of a meeting applies a vote
    assert ACTIONS["approve"].service is workflow_services.nomination_approve
    with pytest.raises(LookupError):
        performs("approve")(lambda **kwargs: None)  # a second service for one action
    with pytest.raises(LookupError):
        performs("publish")  # not an action of the lifecycle


def test_an_input_reaches_the_service_under_its_own_keyword(world):
    nomination = world.nomination(state=S.SUBMITTED)
    office = world["standing_office"]
    ACTIONS["hold"].perform(
        nomination=nomination,
        actor=office,
        values={"reason_code": HoldReason.DISCIPLINE, "reason": "Đang xem xét"},
    )
    # The page's "reason" field is the service's `resolution` for a release.
    ACTIONS["release"].perform(
        nomination=nomination, actor=office, values={"reason": "Không kỷ luật."}
    )
    latest = nomination.history.order_by("-history_id")
    assert [h.history_change_reason for h in latest[:2]] == [
        "Không kỷ luật.",
        "Đang xem xét kỷ luật: Đang xem xét",
    ]


def test_irreversible_and_consequential_actions_ask_for_confirmation():
    confirmed = {name for name, action in ACTIONS.items() if action.needs_confirmation}
    assert {"revoke", "reject", "withdraw", "approve", "forward", "end_posting"} <= confirmed
    assert not {"submit", "appraise"} & confirmed


def _page(client, nomination) -> str:
    return client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()


def _api_actions(client, nomination) -> list[str]:
    return client.get(f"/api/v1/nominations/{nomination.pk}/").json()["allowed_actions"]


def _buttons(page: str) -> set[str]:
    return {name for name in ACTIONS if f'data-action="{name}"' in page}


@pytest.mark.parametrize(
    ("award", "offered", "hidden"),
    [("lao-dong-tien-tien", "approve", "forward"), (None, "forward", "approve")],
)
def test_the_page_and_the_api_offer_the_same_actions(client, world, award, offered, hidden):
    """Approve where this authority decides the award, forward where a higher level does."""
    code = award or district_award().code
    nomination = world.nomination(code, state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    page = _page(client, nomination)
    api = _api_actions(client, nomination)
    assert _buttons(page) == set(api) == {offered, "reject"}
    assert hidden not in api
    # Each consequential button says what will happen.
    assert str(ACTIONS[offered].confirmation) in page


def test_hold_and_revocation_reasons_come_from_their_choices(client, world):
    client.force_login(world["standing_office"])
    page = _page(client, world.nomination(state=S.SUBMITTED))
    for reason in HoldReason:
        assert f'<option value="{reason.value}">{reason.label}</option>' in page
    assert RevocationReason.FALSE_DOCUMENTS.value not in page

    approved = world.nomination(state=S.APPROVED)
    client.force_login(world["chairman"])
    page = _page(client, approved)
    for reason in RevocationReason:
        assert f'<option value="{reason.value}">{reason.label}</option>' in page
    assert HoldReason.COMPLAINT.value not in page
