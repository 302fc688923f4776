"""The proposing unit's actions: submit, withdraw, resubmit."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import InvalidInput
from nominations.models import Nomination
from workflow.actions import performs
from workflow.eligibility import missing_papers
from workflow.services.transitions import perform, required_text


def _papers_attached(row: Nomination) -> None:
    """A dossier goes up with its mandatory papers (Luật TĐKT 2022 Đ84.1; NĐ 152/2025
    Đ6.2.c), so nobody appraises, votes on or posts an empty dossier."""
    missing = missing_papers(row)
    if missing:
        raise InvalidInput(_("Chưa gửi được: hồ sơ chưa đủ giấy tờ bắt buộc."), reasons=missing)


@performs("submit")
def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    return perform(nomination=nomination, actor=actor, action="submit", validate=_papers_attached)


@performs("withdraw")
def nomination_withdraw(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = required_text(reason, _("Cần ghi lý do rút hồ sơ."))
    return perform(nomination=nomination, actor=actor, action="withdraw", reason=reason)


@performs("resubmit")
def nomination_resubmit(*, nomination: Nomination, actor: User) -> Nomination:
    return perform(nomination=nomination, actor=actor, action="resubmit", validate=_papers_attached)
