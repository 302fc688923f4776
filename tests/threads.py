"""Running calls at the same moment from several threads, for the concurrency tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_together(calls: list[Callable[[], object]], timeout: float = 120) -> list[object]:
    """Start every call at once (a barrier); return each one's result or the exception it
    raised. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the refusal is the result under test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
