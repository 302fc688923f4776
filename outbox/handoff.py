"""Handing committed outbox rows to the broker without making the request wait for it.

After a commit the request only puts the rows' ids in a bounded in-process queue; one daemon
thread per process sends them to Celery. A broker that hangs (accepts connections, never
answers) then costs the request nothing: the thread waits out the socket timeouts, the queue
fills, later ids are dropped with a warning, and the beat sweep queues every row still
undelivered. Ids lost when the process exits are covered by the same sweep. With no broker
(tasks inline: development, tests) the hand-over runs at once, as before.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Iterable

from outbox.tasks import deliver_outbox_message, outbox_hand_over

logger = logging.getLogger(__name__)

CAPACITY = 1_000  # batches of ids; past that the sweep catches up


class _HandOff:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._queue: queue.Queue[list[int]] = queue.Queue(maxsize=CAPACITY)
        self._busy = threading.Event()

    def put(self, ids: list[int]) -> bool:
        """Queue the ids for the thread; False (and a warning) when the queue is full."""
        self._ensure_thread()
        try:
            self._queue.put_nowait(ids)
        except queue.Full:
            logger.warning("outbox: hand-over queue full; rows %s wait for the sweep", ids)
            return False
        return True

    def idle(self) -> bool:
        return self._queue.empty() and not self._busy.is_set()

    def wait_idle(self, timeout: float) -> bool:
        """For tests and shutdown hooks: True once everything queued has been tried."""
        deadline = time.monotonic() + timeout
        while not self.idle():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def _ensure_thread(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            # First use in this process (a forked worker inherits no thread): a fresh queue.
            self._queue = queue.Queue(maxsize=CAPACITY)
            threading.Thread(target=self._run, name="outbox-hand-over", daemon=True).start()
            self._pid = os.getpid()

    def _run(self) -> None:
        while True:
            ids = self._queue.get()
            self._busy.set()
            try:
                outbox_hand_over(ids)
            except Exception:  # never let the thread die: the sweep covers what failed
                logger.exception("outbox: hand-over of rows %s failed", ids)
            finally:
                self._busy.clear()
                self._queue.task_done()


hand_off = _HandOff()


def outbox_hand_over_later(ids: Iterable[int]) -> None:
    """Hand rows to the broker after a commit, without waiting for the broker."""
    ids = list(ids)
    if not ids:
        return
    if deliver_outbox_message.app.conf.task_always_eager:
        outbox_hand_over(ids)  # inline: the "broker" is this process
        return
    hand_off.put(ids)
