"""Every change to a nomination's state, one function per action of design.md §4, grouped by
who takes it; `transitions` is the shared way each one locks, checks, saves and records."""

from workflow.services.conduct import proceeding_close, proceeding_open
from workflow.services.deciding import (
    nomination_approve,
    nomination_forward,
    nomination_reject,
    nomination_revoke,
    nominations_approve,
)
from workflow.services.office import (
    nomination_appraise,
    nomination_council_result,
    nomination_defer,
    nomination_end_posting,
    nomination_hold,
    nomination_record_outcome,
    nomination_release,
    nomination_return,
    nomination_schedule,
    nominations_council_result,
)
from workflow.services.proposing import (
    nomination_resubmit,
    nomination_submit,
    nomination_withdraw,
)
from workflow.services.succession import succession_apply, successions_due

__all__ = [
    "nomination_appraise",
    "nomination_approve",
    "nomination_council_result",
    "nomination_defer",
    "nomination_end_posting",
    "nomination_forward",
    "nomination_hold",
    "nomination_record_outcome",
    "nomination_reject",
    "nomination_release",
    "nomination_resubmit",
    "nomination_return",
    "nomination_revoke",
    "nomination_schedule",
    "nomination_submit",
    "nomination_withdraw",
    "nominations_approve",
    "nominations_council_result",
    "proceeding_close",
    "proceeding_open",
    "succession_apply",
    "successions_due",
]
