"""simple-history's `HistoricalRecords`, with its history manager class built once.

simple-history's descriptor builds a new manager class from the queryset class on every
access to `Model.history` or `instance.history` (`Manager.from_queryset`, which walks the
queryset's members with `inspect.getmembers`), and it reaches that descriptor for every
history row it writes: ~0.3 ms per row on the hot path of every action (issue 22). The class
is the same every time, so it is built once per queryset class here. Every model declares
its history with this `HistoricalRecords`.
"""

from __future__ import annotations

import functools

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs) -> None:
        super().__init__(*args, history_manager=history_manager, **kwargs)
