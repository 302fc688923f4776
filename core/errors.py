"""The one error family every service raises; views answer 403/409/400, the API likewise
(with `code` as the machine-readable name of the refusal)."""

from __future__ import annotations


class ApplicationError(Exception):
    """A refused action, with a message a person can act on (Vietnamese in the UI)."""

    http_status = 400
    code = "refused"

    def __init__(self, message: str, *, reasons: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []


class NotPermitted(ApplicationError):
    http_status = 403
    code = "not_permitted"


class WrongState(ApplicationError):
    http_status = 409
    code = "wrong_state"


class StaleVersion(ApplicationError):
    """Someone else changed the record since the caller read it (optimistic concurrency)."""

    http_status = 409
    code = "stale_version"


class InvalidInput(ApplicationError):
    http_status = 400
    code = "invalid_input"


class FileDamaged(ApplicationError):
    """A stored file no longer has the bytes it was accepted with: it is not served."""

    http_status = 409
    code = "file_damaged"


class NotFound(ApplicationError):
    """What the action names (a meeting, a dossier) does not exist."""

    http_status = 404
    code = "not_found"
