"""The proposing unit's actions: submit, withdraw, resubmit."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from nominations.models import Nomination
from workflow.actions import performs
from workflow.services.transitions import perform, required_text


@performs("submit")
def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    return perform(nomination=nomination, actor=actor, action="submit")


@performs("withdraw")
def nomination_withdraw(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = required_text(reason, _("Cần ghi lý do rút hồ sơ."))
    return perform(nomination=nomination, actor=actor, action="withdraw", reason=reason)


@performs("resubmit")
def nomination_resubmit(*, nomination: Nomination, actor: User) -> Nomination:
    return perform(nomination=nomination, actor=actor, action="resubmit")
