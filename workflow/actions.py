"""The one table of lifecycle actions: for each, its name (design.md §4), the label on its
button, who may take it, the inputs it takes, whether it needs a confirmation, and the service
that does it.

Services (`workflow.services`, `workflow.meetings`) attach themselves to their row with
`@performs(name)`; the web page, the API and the tests read everything else from here, so a
button, an API body and a refusal always agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from nominations.models import Nomination, Proceeding
from nominations.selectors import CatalogueGap, decision_rule_for
from workflow.permissions import (
    deciding_authority_member,
    deciding_chairman,
    is_unit_head,
    standing_office,
    standing_office_or_chairman,
    standing_office_or_system,
)

# Why a dossier is paused: the matters of NĐ 152/2025 Đ4, one list with the Proceeding model.
HoldReason = Proceeding.Kind


class RevocationReason(models.TextChoices):
    """The grounds for cancelling an award (Luật Thi đua, khen thưởng 2022 Đ93)."""

    FALSE_DECLARATION = "false_declaration", _("Gian dối trong kê khai thành tích")
    FALSE_DOCUMENTS = "false_documents", _("Giấy tờ, văn bản giả hoặc sai sự thật")
    UNLAWFUL_PROCEDURE = (
        "unlawful_procedure",
        _("Thẩm định, xét, đề nghị khen thưởng trái pháp luật"),
    )
    CRITERIA_UNMET = "criteria_unmet", _("Không đạt tiêu chuẩn trong thời gian tính thành tích")


class InputKind(models.TextChoices):
    TEXT = "text"
    PARAGRAPH = "paragraph"
    CHOICE = "choice"
    DATE = "date"
    YES_NO = "yes_no"
    MEETING = "meeting"


@dataclass(frozen=True)
class Input:
    """One value an action takes: `field` is its name in a form or an API body, `argument`
    the service's keyword."""

    field: str
    kind: str
    label: str
    argument: str = ""
    choices: type[models.TextChoices] | None = None
    # The page refuses the action before its confirmation when this is empty (the service
    # refuses it too, for the API).
    required: bool = False

    @property
    def keyword(self) -> str:
        return self.argument or self.field

    def empty(self) -> Any:
        texts = (InputKind.TEXT, InputKind.PARAGRAPH, InputKind.CHOICE)
        return "" if self.kind in texts else None


REASON = Input("reason", InputKind.PARAGRAPH, _("Lý do, nội dung"), required=True)
NOTE = Input("reason", InputKind.PARAGRAPH, _("Lý do, nội dung"))
NUMBER = Input("number", InputKind.TEXT, _("Số, ký hiệu quyết định"), required=True)
ISSUED_ON = Input("issued_on", InputKind.DATE, _("Ngày ký (dd/mm/yyyy)"), required=True)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    predicate: Callable[[User | None, Nomination], bool]
    inputs: tuple[Input, ...] = ()
    # What a confirmation says will happen; empty for an action that is easily undone.
    confirmation: str = ""
    # Taken on the nomination's own page; the others on a meeting's pages.
    on_nomination_page: bool = True
    # Whether to offer it for this nomination today (the service still explains a refusal).
    fits: Callable[[Nomination, datetime.date], bool] | None = None

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.confirmation)

    @property
    def service(self) -> Callable[..., Any] | None:
        return _SERVICES.get(self.name)

    def perform(self, *, nomination: Nomination, actor: User, values: dict[str, Any]) -> Any:
        """Call the service with this action's inputs taken from `values` (form or API)."""
        service = self.service
        if service is None:
            raise LookupError(f"no service performs {self.name!r}")
        given = {i.keyword: values.get(i.field, i.empty()) for i in self.inputs}
        return service(nomination=nomination, actor=actor, **given)


def deciding_level(nomination: Nomination, day: datetime.date) -> str | None:
    """The level that decides this award on `day` for this nominee (None where the catalogue
    has no rule).

    Kept on the instance for its award and day: one page asks it for approve, for forward and
    for the forward hint, and should read the rule once."""
    known = nomination.__dict__.setdefault("_deciding_levels", {})
    key = (nomination.award_type_id, day)
    if key not in known:
        try:
            known[key] = decision_rule_for(nomination, day).level
        except CatalogueGap:
            known[key] = None
    return known[key]


def _decided_here(nomination: Nomination, day: datetime.date) -> bool:
    """Approve is offered where this authority decides the award (or no rule says who)."""
    level = deciding_level(nomination, day)
    return level is None or level == nomination.current_authority.level


def _decided_above(nomination: Nomination, day: datetime.date) -> bool:
    level = deciding_level(nomination, day)
    return level is None or level != nomination.current_authority.level


_TABLE = (
    # --- the proposing unit
    Action("submit", _("Gửi hồ sơ"), is_unit_head),
    Action(
        "withdraw",
        _("Rút hồ sơ"),
        is_unit_head,
        inputs=(REASON,),
        confirmation=_("Hồ sơ sẽ bị rút và không được xét tiếp trong đợt này."),
    ),
    Action("resubmit", _("Gửi lại"), is_unit_head),
    # --- the standing office
    Action("return", _("Trả lại, yêu cầu bổ sung"), standing_office, inputs=(REASON,)),
    Action("appraise", _("Thẩm định đạt"), standing_office),
    Action(
        "schedule",
        _("Đưa vào chương trình họp"),
        standing_office,
        inputs=(Input("meeting", InputKind.MEETING, _("Phiên họp")),),
        on_nomination_page=False,
    ),
    Action(
        "defer",
        _("Rút khỏi chương trình họp"),
        standing_office,
        inputs=(NOTE,),
        on_nomination_page=False,
    ),
    Action(
        "council_result",
        _("Kết quả biểu quyết"),
        standing_office_or_chairman,
        on_nomination_page=False,
    ),
    Action(
        "end_posting",
        _("Kết thúc công khai"),
        standing_office_or_system,
        confirmation=_(
            "Thời gian lấy ý kiến công khai kết thúc; hồ sơ chuyển sang chờ quyết định."
        ),
    ),
    Action(
        "hold",
        _("Tạm dừng"),
        standing_office,
        inputs=(
            Input(
                "reason_code",
                InputKind.CHOICE,
                _("Lý do tạm dừng"),
                choices=HoldReason,
                required=True,
            ),
            REASON,
        ),
    ),
    Action(
        "release",
        _("Tiếp tục xét"),
        standing_office,
        inputs=(
            Input(
                "reason",
                InputKind.PARAGRAPH,
                _("Kết quả giải quyết"),
                argument="resolution",
                required=True,
            ),
        ),
    ),
    Action(
        "record_outcome",
        _("Ghi nhận kết quả cấp trên"),
        standing_office,
        inputs=(
            Input("approved", InputKind.YES_NO, _("Kết quả của cấp trên")),
            Input("number", InputKind.TEXT, NUMBER.label, argument="decision_number"),
            Input("issued_on", InputKind.DATE, ISSUED_ON.label, argument="decision_date"),
            NOTE,
        ),
        confirmation=_("Kết quả của cấp trên được ghi vào hồ sơ và sổ khen thưởng."),
    ),
    # --- the chairman (or a delegated vice-chairman)
    Action(
        "approve",
        _("Quyết định khen thưởng"),
        deciding_authority_member,
        inputs=(NUMBER, ISSUED_ON),
        confirmation=_("Quyết định khen thưởng được ban hành với số và ngày đã nhập."),
        fits=_decided_here,
    ),
    Action(
        "reject",
        _("Không khen thưởng"),
        deciding_authority_member,
        inputs=(REASON,),
        confirmation=_("Hồ sơ kết thúc với kết quả không khen thưởng."),
    ),
    Action(
        "forward",
        _("Trình cấp trên"),
        deciding_authority_member,
        confirmation=_("Hồ sơ được trình cấp trên; cơ quan không sửa được nữa."),
        fits=_decided_above,
    ),
    Action(
        "revoke",
        _("Hủy khen thưởng"),
        deciding_chairman,
        inputs=(
            Input(
                "reason_code",
                InputKind.CHOICE,
                _("Căn cứ hủy (Luật TĐKT Đ93)"),
                choices=RevocationReason,
                required=True,
            ),
            REASON,
            Input(
                "number",
                InputKind.TEXT,
                _("Số quyết định hủy"),
                argument="decision_number",
                required=True,
            ),
            Input(
                "issued_on",
                InputKind.DATE,
                _("Ngày ký quyết định hủy"),
                argument="decided_on",
                required=True,
            ),
        ),
        confirmation=_("Quyết định khen thưởng của hồ sơ này bị hủy; việc này không hoàn tác."),
    ),
)
ACTIONS: dict[str, Action] = {action.name: action for action in _TABLE}
_SERVICES: dict[str, Callable[..., Any]] = {}


def performs(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Attach a service to its action; each action has one."""
    if name not in ACTIONS:
        raise LookupError(f"no action {name!r} in the table")

    def attach(service: Callable[..., Any]) -> Callable[..., Any]:
        if _SERVICES.setdefault(name, service) is not service:
            raise LookupError(f"{name!r} already has a service")
        return service

    return attach


def page_inputs() -> list[Input]:
    """Every input of the actions taken on the nomination page, once per field name."""
    seen: dict[str, Input] = {}
    for action in _TABLE:
        if action.on_nomination_page:
            for given in action.inputs:
                seen.setdefault(given.field, given)
    return list(seen.values())


def may_perform(user: User | None, name: str, nomination: Nomination) -> bool:
    return ACTIONS[name].predicate(user, nomination)


def offered(names: list[str], nomination: Nomination, day: datetime.date) -> list[str]:
    """Of the actions a user may take, those that fit this nomination today."""
    return [n for n in names if ACTIONS[n].fits is None or ACTIONS[n].fits(nomination, day)]
