"""The permission matrix: every action of the transition table × every persona × web and API.

The actions are read from the code's table (`NominationFlow.table()`); who may take each one is
written here once, from the "Who" column of design.md §4 and its "who sees what" table, not
from workflow/permissions.py. A guard test fails when the table gains an action that has no
rule, scenario or route here, so no action ships without its permissions being tested.

Each case puts a fresh nomination in the action's source state (rolled back after the case),
posts the action as the persona through the page (with a CSRF token, as a browser does) or
through the API (with the persona's token), and checks the whole answer:

- allowed: the state moves to the target the table names, with one audit event by the persona;
- refused: the API answers 403 `not_permitted`; the page redirects back with the refusal as its
  message (the pages answer every refusal that way, workflow/views.py); nothing is written;
- not visible to the persona: 404 on both, nothing written (design.md §7);
- anonymous: the page sends to the sign-in page, the API answers 401; nothing written.

Checked by hand against design.md, so the rule below is not a copy of the code under test:
- `reject` and `forward` say "chairman" in the transition table, and the persona table lets a
  vice-chairman "act for the chairman under a dated delegation": a delegated vice-chairman may
  approve, reject and forward; `revoke` ("chairman of the authority that decided") is not
  delegated, and an undelegated vice-chairman decides nothing.
- an administrator "sees everything" but has no row in the transition table: every action is
  refused (403), never 404. (The code let a superuser act as any unit head and any standing
  office, since Django answers a superuser's has_perm with yes; fixed in workflow/permissions.)
- a council member sees a dossier only once it is on the agenda of their council or decided by
  it (design.md §4), so before that every action is 404 for them, after it 403.
- the meeting's close is the `council_result` action ("by the standing office or chairman");
  schedule, defer and the close are taken on the meeting page, whose visitors are the council,
  its standing office and chairman and the auditors.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.models import AuditEvent
from councils import services as council_services
from councils.models import (
    AgendaItem,
    Authority,
    Council,
    CouncilMember,
    Delegation,
    Meeting,
    Membership,
)
from nominations.models import Nomination
from tests import factories
from tests.world import World, build_world, council_of, district_award
from workflow import meetings
from workflow import services as workflow_services
from workflow.actions import ACTIONS
from workflow.flow import NominationFlow

S = Nomination.State
R = Membership.Role
pytestmark = pytest.mark.django_db

TABLE = {row.action: row for row in NominationFlow.table()}
# One source state per action: the first the table names (an action with several, such as
# hold, behaves the same from each; tests/workflow covers the states themselves).
SOURCE = {action: row.sources[0] for action, row in TABLE.items()}
_numbers = itertools.count(1)

# --- the rule: design.md §4, written once --------------------------------------------------

# What a persona is for the dossier of a unit of the commune, in the words of design.md.
PROPOSING_UNIT_HEAD = "unit head of the proposing unit"
STANDING_OFFICE = "standing office"
CHAIRMAN = "chairman"
DELEGATED_VICE_CHAIRMAN = "delegated vice-chairman"

# The "Who" column of the transition table. The scenarios' awards are decided by the commune,
# so "the chairman of the authority that decided" (revoke) is the commune's chairman.
WHO: dict[str, frozenset[str]] = {
    "submit": frozenset({PROPOSING_UNIT_HEAD}),
    "withdraw": frozenset({PROPOSING_UNIT_HEAD}),
    "resubmit": frozenset({PROPOSING_UNIT_HEAD}),
    "return": frozenset({STANDING_OFFICE}),
    "appraise": frozenset({STANDING_OFFICE}),
    "schedule": frozenset({STANDING_OFFICE}),
    "defer": frozenset({STANDING_OFFICE}),
    "council_result": frozenset({STANDING_OFFICE, CHAIRMAN}),
    "end_posting": frozenset({STANDING_OFFICE}),  # or the timer, which is no persona
    "hold": frozenset({STANDING_OFFICE}),
    "release": frozenset({STANDING_OFFICE}),
    "record_outcome": frozenset({STANDING_OFFICE}),
    "approve": frozenset({CHAIRMAN, DELEGATED_VICE_CHAIRMAN}),
    "reject": frozenset({CHAIRMAN, DELEGATED_VICE_CHAIRMAN}),
    "forward": frozenset({CHAIRMAN, DELEGATED_VICE_CHAIRMAN}),
    "revoke": frozenset({CHAIRMAN}),
}

ALWAYS, ON_AGENDA_OR_DECIDED, NEVER = "always", "on the agenda or decided", "never"


@dataclass(frozen=True)
class Persona:
    roles: frozenset[str] = frozenset()  # for the commune's dossiers
    sees_dossier: str = NEVER  # "who sees what"
    sees_meetings: bool = False  # the commune council's meeting pages
    signed_in: bool = True


PERSONAS: dict[str, Persona] = {
    "chairman": Persona(frozenset({CHAIRMAN}), ALWAYS, True),
    "vice_chairman": Persona(frozenset(), ALWAYS, True),
    "vice_chairman_delegated": Persona(frozenset({DELEGATED_VICE_CHAIRMAN}), ALWAYS, True),
    "standing_office": Persona(frozenset({STANDING_OFFICE}), ALWAYS, True),
    "council_member": Persona(frozenset(), ON_AGENDA_OR_DECIDED, True),
    "unit_head": Persona(frozenset({PROPOSING_UNIT_HEAD}), ALWAYS, False),
    "unit_head_other_unit": Persona(),
    "auditor": Persona(frozenset(), ALWAYS, True),
    "administrator": Persona(frozenset(), ALWAYS, True),
    "chairman_other_commune": Persona(),
    "standing_office_other_commune": Persona(),
    "council_member_other_commune": Persona(),
    "anonymous": Persona(signed_in=False),
}

ALLOWED, REFUSED, NOT_FOUND, SIGN_IN = "allowed", "refused", "not found", "sign in"


# --- the town: one commune with every persona, a sibling commune, built once ----------------


@dataclass
class Town:
    world: World
    council: Council
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)


def _member(username: str, role: str, authority: Authority, unit=None):
    user = factories.user(username, full_name=username)
    Membership.objects.create(
        user=user, role=role, authority=authority, unit=unit, valid_from=datetime.date(2020, 1, 1)
    )
    return user


def _build_town() -> Town:
    world = build_world()
    district_award()  # what `forward` sends up: decided by the district
    council, _seats = council_of(world, size=4)  # chairman, vice-chairman, office, member
    today = timezone.localdate()
    delegated = _member("phochutich.uyquyen", R.VICE_CHAIRMAN, world.commune)
    Delegation.objects.create(
        authority=world.commune,
        chairman=world["chairman"],
        delegate=delegated,
        valid_from=today - datetime.timedelta(days=1),
        valid_to=today + datetime.timedelta(days=30),
    )
    CouncilMember.objects.create(
        council=council,
        user=delegated,
        position=CouncilMember.Position.MEMBER,
        served_from=datetime.date(2020, 1, 1),
    )
    sibling = factories.authority(Authority.Level.COMMUNE, parent=world.district, runs_system=True)
    factories.unit(sibling)
    their_member = _member("xakhac.hoidong", R.COUNCIL_MEMBER, sibling)
    their_council = Council.objects.create(
        authority=sibling, name="Hội đồng TĐKT xã khác", established_on=datetime.date(2020, 1, 1)
    )
    CouncilMember.objects.create(
        council=their_council,
        user=their_member,
        position=CouncilMember.Position.MEMBER,
        served_from=datetime.date(2020, 1, 1),
    )
    users = {
        "chairman": world["chairman"],
        "vice_chairman": world["vice_chairman"],
        "vice_chairman_delegated": delegated,
        "standing_office": world["standing_office"],
        "council_member": world["council_member"],
        "unit_head": world["unit_head"],
        "unit_head_other_unit": world["other_unit_head"],
        "auditor": world["auditor"],
        "administrator": factories.user("quantri", is_staff=True, is_superuser=True),
        "chairman_other_commune": _member("xakhac.chutich", R.CHAIRMAN, sibling),
        "standing_office_other_commune": _member("xakhac.thuongtruc", R.STANDING_OFFICE, sibling),
        "council_member_other_commune": their_member,
        "anonymous": None,
    }
    tokens = {name: Token.objects.create(user=u).key for name, u in users.items() if u}
    return Town(world, council, users, tokens)


@pytest.fixture(scope="module")
def town(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end; every case runs
    in its own savepoint inside it, so nothing a case does outlives the case."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_town()
        transaction.set_rollback(True)


# --- scenarios: a nomination in the action's source state ---------------------------------


@dataclass
class Case:
    nomination: Nomination
    meeting: Meeting | None = None
    item: AgendaItem | None = None


@dataclass(frozen=True)
class Scenario:
    setup: Callable[[Town, str], Case]  # the town and the source state
    target: str  # where the allowed persona's action takes it (by design.md §4, by hand)
    on_agenda: bool = False
    decided_here: bool = False


def _plain(award: str = "lao-dong-tien-tien") -> Callable[[Town, str], Case]:
    return lambda town, source: Case(town.world.nomination(award, state=source))


def _eligible(town: Town, source: str) -> Case:
    nomination = town.world.nomination(state=source)
    town.world.attach_required_documents(nomination)  # the eligibility rules pass
    return Case(nomination)


def _meeting(town: Town) -> Meeting:
    return council_services.meeting_plan(
        council=town.council,
        actor=town.users["standing_office"],
        held_on=timezone.localdate(),
        place="Hội trường UBND xã",
    )


def _with_planned_meeting(town: Town, source: str) -> Case:
    return Case(town.world.nomination(state=source), meeting=_meeting(town))


def _on_agenda(town: Town, source: str, open_meeting: bool = False) -> Case:
    """Scheduled through the meeting service: the nomination is in council, on the agenda."""
    meeting = _meeting(town)
    office = town.users["standing_office"]
    nomination = town.world.nomination(state=S.APPRAISED)
    item = meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    if open_meeting:
        roster = CouncilMember.objects.filter(council=town.council).values_list("pk", flat=True)
        council_services.meeting_open(
            meeting=meeting, actor=office, present_member_ids=list(roster)
        )
    nomination.refresh_from_db()
    return Case(nomination, meeting=meeting, item=item)


def _held(town: Town, source: str) -> Case:
    return Case(town.world.nomination(state=source, held_from_state=S.APPRAISED))


def _forwarded(town: Town, source: str) -> Case:
    # Forwarded means the level above does not run this system (else it was resubmitted there).
    Authority.objects.filter(pk=town.world.district.pk).update(runs_system=False)
    return Case(town.world.nomination(state=source))


def _approved(town: Town, source: str) -> Case:
    """Approved by the commune chairman's decision, through the service."""
    nomination = town.world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nomination_approve(
        nomination=nomination,
        actor=town.users["chairman"],
        number=f"{next(_numbers)}/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    return Case(nomination)


SCENARIOS: dict[str, Scenario] = {
    "submit": Scenario(_plain(), S.SUBMITTED),
    "withdraw": Scenario(_plain(), S.WITHDRAWN),
    "resubmit": Scenario(_plain(), S.SUBMITTED),
    "return": Scenario(_plain(), S.RETURNED),
    "appraise": Scenario(_eligible, S.APPRAISED),  # Lao động tiên tiến goes to the council
    "schedule": Scenario(_with_planned_meeting, S.IN_COUNCIL),
    "defer": Scenario(_on_agenda, S.APPRAISED, on_agenda=True),
    # Nobody has voted when the meeting closes: the item fails and the nomination is rejected.
    "council_result": Scenario(
        lambda town, source: _on_agenda(town, source, open_meeting=True),
        S.REJECTED,
        on_agenda=True,
    ),
    "end_posting": Scenario(_plain(), S.AWAITING_DECISION),
    "hold": Scenario(_plain(), S.ON_HOLD),
    "release": Scenario(_held, S.APPRAISED),
    "approve": Scenario(_plain(), S.APPROVED),
    "reject": Scenario(_plain(), S.REJECTED),
    # The district runs this system: the dossier is resubmitted to its standing office.
    "forward": Scenario(_plain("giay-khen-chu-tich-huyen"), S.SUBMITTED),
    "record_outcome": Scenario(_forwarded, S.APPROVED),
    "revoke": Scenario(_approved, S.REVOKED, decided_here=True),
}

# --- routes: how each action is taken on each interface ------------------------------------


def _today(fmt: str) -> str:
    return timezone.localdate().strftime(fmt)


def _inputs(action: str, *, web: bool) -> dict:
    """What a person fills in: enough for the allowed persona to succeed."""
    day = _today("%d/%m/%Y") if web else _today("%Y-%m-%d")
    number = f"{next(_numbers)}/QĐ-UBND"
    return {
        "withdraw": {"reason": "Đơn vị rút đề nghị."},
        "return": {"reason": "Thiếu biên bản bình xét."},
        "defer": {"reason": "Cần xác minh thêm."},
        "hold": {"reason_code": "complaint", "reason": "Có đơn thư ngày 01/11."},
        "release": {"reason": "Đã xác minh, đơn không có cơ sở."},
        "approve": {"number": number, "issued_on": day},
        "reject": {"reason": "Chưa tiêu biểu."},
        "record_outcome": {"approved": "1" if web else True, "number": number, "issued_on": day},
        "revoke": {
            "reason_code": "false_declaration",
            "reason": "Kê khai sai thành tích.",
            "number": f"{next(_numbers)}/QĐ-UBND",
            "issued_on": day,
        },
    }.get(action, {})


@dataclass(frozen=True)
class WebRoute:
    url: Callable[[Case], str]
    back_to: Callable[[Case], str]  # where the page returns after acting
    refusal: str  # the message of a refusal for want of permission
    via_meeting: bool = False  # the meeting page's visibility applies, not the dossier's
    data: Callable[[Case], dict] = lambda case: {}


def _on_nomination_page(action: str) -> WebRoute:
    return WebRoute(
        url=lambda case: reverse("nominations:act", args=[case.nomination.pk, action]),
        back_to=lambda case: reverse("nominations:detail", args=[case.nomination.pk]),
        refusal="Bạn không có quyền thực hiện thao tác này với hồ sơ này.",
    )


def _meeting_page(case: Case) -> str:
    return reverse("councils:meeting", args=[case.meeting.pk])


WEB: dict[str, WebRoute] = {
    action: _on_nomination_page(action)
    for action in TABLE
    if action not in ("schedule", "defer", "council_result")
}
WEB["schedule"] = WebRoute(
    url=lambda case: reverse("councils:add_item", args=[case.meeting.pk]),
    back_to=_meeting_page,
    refusal="Chỉ thường trực Hội đồng lập chương trình họp.",
    via_meeting=True,
    data=lambda case: {"nomination": [case.nomination.pk]},
)
WEB["defer"] = WebRoute(
    url=lambda case: reverse("councils:defer", args=[case.item.pk]),
    back_to=_meeting_page,
    refusal="Bạn không có quyền thực hiện thao tác này với hồ sơ này.",
    via_meeting=True,
)
WEB["council_result"] = WebRoute(
    url=lambda case: reverse("councils:close", args=[case.meeting.pk]),
    back_to=_meeting_page,
    refusal="Chỉ thường trực Hội đồng hoặc Chủ tịch kết thúc phiên họp.",
    via_meeting=True,
)


@dataclass(frozen=True)
class ApiRoute:
    url: Callable[[Case], str]
    via_meeting: bool = False
    data: Callable[[Case], dict] = lambda case: {}


def _action_endpoint(action: str) -> ApiRoute:
    return ApiRoute(url=lambda case: f"/api/v1/nominations/{case.nomination.pk}/actions/{action}/")


API: dict[str, ApiRoute] = {action: _action_endpoint(action) for action in TABLE}
API["schedule"] = ApiRoute(url=API["schedule"].url, data=lambda case: {"meeting": case.meeting.pk})
API["council_result"] = ApiRoute(
    url=lambda case: f"/api/v1/meetings/{case.meeting.pk}/close/", via_meeting=True
)

INTERFACES = ("web", "api")


def expected(action: str, persona_name: str, interface: str) -> str:
    persona = PERSONAS[persona_name]
    if not persona.signed_in:
        return SIGN_IN
    route = WEB[action] if interface == "web" else API[action]
    scenario = SCENARIOS[action]
    if route.via_meeting:
        sees = persona.sees_meetings
    else:
        sees = persona.sees_dossier == ALWAYS or (
            persona.sees_dossier == ON_AGENDA_OR_DECIDED
            and (scenario.on_agenda or scenario.decided_here)
        )
    if not sees:
        return NOT_FOUND
    return ALLOWED if persona.roles & WHO[action] else REFUSED


CASES = [
    (action, persona, interface)
    for action in sorted(TABLE)
    for persona in PERSONAS
    for interface in INTERFACES
]


# --- the guards: nothing in the table goes untested ----------------------------------------


def test_every_action_of_the_table_has_a_rule_a_scenario_and_a_route_on_both_interfaces():
    actions = set(TABLE)
    for name, covered in [("WHO", WHO), ("SCENARIOS", SCENARIOS), ("WEB", WEB), ("API", API)]:
        assert set(covered) == actions, f"{name} misses {actions - set(covered)}"


def test_every_scenario_target_is_one_the_table_allows():
    for action, scenario in SCENARIOS.items():
        assert scenario.target in TABLE[action].targets, action


def test_the_personas_include_the_outsiders_the_issue_names():
    assert set(PERSONAS) >= {
        "unit_head_other_unit",
        "auditor",
        "anonymous",
        "council_member_other_commune",
        "chairman_other_commune",
        "vice_chairman",
        "vice_chairman_delegated",
        "administrator",
    }


def test_each_action_has_someone_allowed_and_someone_refused_on_each_interface():
    """A rule that lets nobody act, or lets everybody, is a mistake in the rule."""
    for action in TABLE:
        for interface in INTERFACES:
            answers = {expected(action, persona, interface) for persona in PERSONAS}
            assert {ALLOWED, REFUSED, NOT_FOUND, SIGN_IN} <= answers, (action, interface)


def test_the_matrix_covers_every_action_persona_and_interface(record_property):
    size = len(TABLE) * len(PERSONAS) * len(INTERFACES)
    assert len(CASES) == len(set(CASES)) == size
    record_property("permission_matrix_cases", size)
    print(f"permission matrix: {len(TABLE)} actions × {len(PERSONAS)} personas × 2 = {size}")


# --- the matrix ----------------------------------------------------------------------------


def _client(town: Town, persona: str, interface: str):
    user = town.users[persona]
    if interface == "api":
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {town.tokens[persona]}")
        return client
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()
    return client


def _post(client, action: str, interface: str, case: Case):
    if interface == "api":
        route = API[action]
        return client.post(
            route.url(case), {**_inputs(action, web=False), **route.data(case)}, format="json"
        )
    route = WEB[action]
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    data = {
        **_inputs(action, web=True),
        **route.data(case),
        "csrfmiddlewaretoken": token,
        "confirmed": "yes",  # the confirmation dialog's answer (tests/web/test_confirmations.py)
    }
    return client.post(route.url(case), data)


def _written(case: Case) -> tuple:
    nomination = Nomination.objects.get(pk=case.nomination.pk)
    meeting = Meeting.objects.get(pk=case.meeting.pk).state if case.meeting else None
    return (
        nomination.state,
        nomination.version,
        AuditEvent.objects.count(),
        Nomination.history.filter(id=nomination.pk).count(),
        meeting,
    )


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(("action", "persona", "interface"), CASES, ids=lambda value: str(value))
def test_permission_matrix(town, action, persona, interface):
    case = SCENARIOS[action].setup(town, SOURCE[action])
    assert case.nomination.state == SOURCE[action]  # the scenario itself is right
    client = _client(town, persona, interface)
    before = _written(case)
    last_event = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True)
    last_event = last_event.first() or 0

    response = _post(client, action, interface, case)

    answer = expected(action, persona, interface)
    if answer == ALLOWED:
        _assert_allowed(town, case, action, persona, interface, response, last_event)
        return
    if interface == "api":
        status, code = {REFUSED: (403, "not_permitted"), NOT_FOUND: (404, "not_found")}.get(
            answer, (401, "not_authenticated")
        )
        assert (response.status_code, response.json()["code"]) == (status, code), answer
    elif answer == REFUSED:
        route = WEB[action]
        assert (response.status_code, response["Location"]) == (302, route.back_to(case))
        assert _messages(response) == [("error", route.refusal)]
    elif answer == NOT_FOUND:
        assert response.status_code == 404
    else:
        login = reverse(settings.LOGIN_URL)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{login}?next=")
    assert _written(case) == before, f"a {answer} {action} changed the nomination"


def _assert_allowed(town, case, action, persona, interface, response, last_event) -> None:
    target = SCENARIOS[action].target
    if interface == "api":
        assert response.status_code == 200, response.content
        if not API[action].via_meeting:  # the meeting's close answers with the meeting
            assert response.json()["state"] == target
    else:
        route = WEB[action]
        assert (response.status_code, response["Location"]) == (302, route.back_to(case))
        ((level, said),) = _messages(response)
        assert level == "success"
        # The nomination page names the action done and what comes next.
        assert said.startswith(f"Đã thực hiện “{ACTIONS[action].label}”") or route.via_meeting
    nomination = Nomination.objects.get(pk=case.nomination.pk)
    assert nomination.state == target
    events = AuditEvent.objects.filter(
        sequence__gt=last_event, object_id=str(nomination.pk), action=f"nomination.{action}"
    )
    assert list(events.values_list("actor_id", "from_state", "to_state")) == [
        (town.users[persona].pk, SOURCE[action], target)
    ]


def test_a_council_result_is_only_the_meetings_close_even_for_who_may_close_it(town):
    """The action endpoint refuses council_result (409) for the standing office itself: the
    vote's result is applied by closing the meeting, the API route the matrix uses."""
    case = SCENARIOS["council_result"].setup(town, SOURCE["council_result"])
    client = _client(town, "standing_office", "api")
    before = _written(case)
    response = client.post(
        f"/api/v1/nominations/{case.nomination.pk}/actions/council_result/", {}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "wrong_state")
    assert _written(case) == before
