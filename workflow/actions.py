"""Each action a person takes on a nomination page or through the API: the service that does it
and the form fields it takes, shared by the web view and the API."""

from __future__ import annotations

from workflow import services as s

# Each action's service and the form fields it takes. schedule, defer and council_result are
# taken on the meeting pages, through the meeting services.
CALLS = {
    "submit": (s.nomination_submit, []),
    "withdraw": (s.nomination_withdraw, ["reason"]),
    "resubmit": (s.nomination_resubmit, []),
    "return": (s.nomination_return, ["reason"]),
    "appraise": (s.nomination_appraise, []),
    "hold": (s.nomination_hold, ["reason_code", "reason"]),
    "release": (s.nomination_release, [("resolution", "reason")]),
    "approve": (s.nomination_approve, ["number", "issued_on"]),
    "reject": (s.nomination_reject, ["reason"]),
    "forward": (s.nomination_forward, []),
    "end_posting": (s.nomination_end_posting, []),
    "record_outcome": (
        s.nomination_record_outcome,
        ["approved", ("decision_number", "number"), ("decision_date", "issued_on"), "reason"],
    ),
    "revoke": (s.nomination_revoke, ["reason_code", "reason"]),
}
