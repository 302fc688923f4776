"""How each kind of outbox job is delivered, registered by the app that owns it.

`workflow` registers the e-mail, `nominations` the paper, both in their `AppConfig.ready()`;
the outbox itself knows only the kinds' names (its model's choices).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Called with the row's payload and its key (unique per event: an e-mail's Message-ID).
Deliver = Callable[..., None]


@dataclass(frozen=True)
class Handler:
    deliver: Deliver
    # Slow work that is idempotent by itself runs without holding the row's lock (a paper
    # takes seconds in LibreOffice); an e-mail, which cannot be taken back, runs under it.
    under_lock: bool


_HANDLERS: dict[str, Handler] = {}


def register(kind: str, deliver: Deliver, *, under_lock: bool) -> None:
    _HANDLERS[kind] = Handler(deliver, under_lock)


def handler_for(kind: str) -> Handler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"no outbox handler registered for {kind!r}") from None
