"""The one error family every service raises; views answer 403/409/400, the API likewise."""

from __future__ import annotations


class ApplicationError(Exception):
    """A refused action, with a message a person can act on (Vietnamese in the UI)."""

    http_status = 400

    def __init__(self, message: str, *, reasons: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []


class NotPermitted(ApplicationError):
    http_status = 403


class WrongState(ApplicationError):
    http_status = 409


class InvalidInput(ApplicationError):
    http_status = 400
