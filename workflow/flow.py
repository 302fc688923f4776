"""The nomination lifecycle of design.md §4, declared once with viewflow.fsm.

Each transition names its source states, its target(s) and its permission predicate. Services,
views, the API and tests ask this class (`NominationFlow.table()`, `available_actions`) instead
of repeating the table. A transition method only changes fields of the nomination; locking,
saving, history and the audit event are the services' job (workflow/services/).
"""

from __future__ import annotations

from dataclasses import dataclass

from viewflow import fsm

from accounts.models import User
from councils.models import Authority
from nominations.models import Nomination
from workflow.actions import may_perform

S = Nomination.State
HOLDABLE = [S.SUBMITTED, S.APPRAISED, S.IN_COUNCIL, S.POSTED, S.AWAITING_DECISION]


def _permission(action: str):
    return lambda flow, user: may_perform(user, action, flow.nomination)


@dataclass(frozen=True)
class TransitionRow:
    action: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


class NominationFlow:
    state = fsm.State(S, default=S.DRAFT)

    def __init__(self, nomination: Nomination) -> None:
        self.nomination = nomination

    @state.getter()
    def _get_state(self) -> str:
        return self.nomination.state

    @state.setter()
    def _set_state(self, value: str) -> None:
        self.nomination.state = value

    # --- the proposing unit -------------------------------------------------------------
    @state.transition(source=S.DRAFT, target=S.SUBMITTED, permission=_permission("submit"))
    def submit(self) -> None:
        pass

    @state.transition(
        source=[S.DRAFT, S.SUBMITTED, S.RETURNED],
        target=S.WITHDRAWN,
        permission=_permission("withdraw"),
    )
    def withdraw(self) -> None:
        pass

    @state.transition(source=S.RETURNED, target=S.SUBMITTED, permission=_permission("resubmit"))
    def resubmit(self) -> None:
        pass

    # --- the standing office ------------------------------------------------------------
    # "return" is a Python keyword: the method is return_, the action stays "return".
    @state.transition(
        source=S.SUBMITTED,
        target=S.RETURNED,
        permission=_permission("return"),
        custom={"action": "return"},
    )
    def return_(self) -> None:
        pass

    @state.transition(
        source=S.SUBMITTED,
        target=fsm.State.GET_STATE(
            lambda flow: (
                S.APPRAISED
                if flow.nomination.award_type.needs_council_vote
                and not flow.nomination.uses_simplified_procedure
                else S.AWAITING_DECISION
            ),
            states=[S.APPRAISED, S.AWAITING_DECISION],
        ),
        permission=_permission("appraise"),
    )
    def appraise(self) -> None:
        pass

    @state.transition(source=S.APPRAISED, target=S.IN_COUNCIL, permission=_permission("schedule"))
    def schedule(self) -> None:
        pass

    @state.transition(source=S.IN_COUNCIL, target=S.APPRAISED, permission=_permission("defer"))
    def defer(self) -> None:
        pass

    @state.transition(
        source=S.IN_COUNCIL,
        target=fsm.State.GET_STATE(
            lambda flow, *, passed: flow._after_council(passed),
            states=[S.POSTED, S.AWAITING_DECISION, S.REJECTED],
        ),
        permission=_permission("council_result"),
        custom={"action": "council_result"},
    )
    def council_result(self, *, passed: bool) -> None:
        pass

    def _after_council(self, passed: bool) -> str:
        if not passed:
            return S.REJECTED
        posting = self.nomination.award_type.posting_stage
        return S.POSTED if posting == "after_council" else S.AWAITING_DECISION

    @state.transition(
        source=S.POSTED, target=S.AWAITING_DECISION, permission=_permission("end_posting")
    )
    def end_posting(self) -> None:
        pass

    @state.transition(source=HOLDABLE, target=S.ON_HOLD, permission=_permission("hold"))
    def hold(self) -> None:
        self.nomination.held_from_state = self.state_before

    @state.transition(
        source=S.ON_HOLD,
        target=fsm.State.GET_STATE(lambda flow: flow.nomination.held_from_state, states=HOLDABLE),
        permission=_permission("release"),
    )
    def release(self) -> None:
        self.nomination.held_from_state = ""

    @state.transition(
        source=S.FORWARDED,
        target=fsm.State.GET_STATE(
            lambda flow, *, approved: S.APPROVED if approved else S.REJECTED,
            states=[S.APPROVED, S.REJECTED],
        ),
        permission=_permission("record_outcome"),
    )
    def record_outcome(self, *, approved: bool) -> None:
        pass

    # --- the chairman -------------------------------------------------------------------
    @state.transition(
        source=S.AWAITING_DECISION, target=S.APPROVED, permission=_permission("approve")
    )
    def approve(self) -> None:
        pass

    @state.transition(
        source=S.AWAITING_DECISION, target=S.REJECTED, permission=_permission("reject")
    )
    def reject(self) -> None:
        pass

    @state.transition(
        source=S.AWAITING_DECISION,
        target=fsm.State.GET_STATE(
            lambda flow, *, parent: S.SUBMITTED if parent.runs_system else S.FORWARDED,
            states=[S.SUBMITTED, S.FORWARDED],
        ),
        permission=_permission("forward"),
    )
    def forward(self, *, parent: Authority) -> None:
        if parent.runs_system:
            # The same lifecycle one level up: the parent's standing office appraises it.
            self.nomination.current_authority = parent

    @state.transition(source=S.APPROVED, target=S.REVOKED, permission=_permission("revoke"))
    def revoke(self) -> None:
        pass

    # --- asking the table ---------------------------------------------------------------
    @property
    def state_before(self) -> str:
        """Inside a transition the state already holds the target; history has the source."""
        return self._source

    def run(self, action: str, **kwargs) -> str:
        self._source = self.nomination.state
        getattr(self, self.method_name(action))(**kwargs)
        return self.nomination.state

    @staticmethod
    def method_name(action: str) -> str:
        return "return_" if action == "return" else action

    def actions_from_state(self) -> set[str]:
        """Actions the table allows from the current state, whoever asks."""
        return {
            _action(t) for t in NominationFlow.state.get_outgoing_transitions(self.nomination.state)
        }

    def available_actions(self, user: User | None) -> list[str]:
        transitions = NominationFlow.state.get_available_transitions(
            self, self.nomination.state, user
        )
        return sorted(_action(t) for t in transitions)

    @classmethod
    def table(cls) -> list[TransitionRow]:
        rows: dict[str, TransitionRow] = {}
        for transitions in cls.state.get_transitions().values():
            for transition in transitions:
                action = _action(transition)
                previous = rows.get(action)
                sources = (*(previous.sources if previous else ()), transition.source)
                rows[action] = TransitionRow(action, sources, tuple(transition.declared_targets()))
        return sorted(rows.values(), key=lambda row: row.action)


def _action(transition) -> str:
    return transition.custom.get("action", transition.slug)


ACTIONS = frozenset(row.action for row in NominationFlow.table())
