"""The audit chain bench runs at a tiny scale and prints every figure (none is asserted)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_the_benchmark_runs_at_a_tiny_scale_and_prints_every_figure():
    out = io.StringIO()
    call_command("audit_bench", events=50, stdout=out)
    printed = out.getvalue()
    for figure in ("audit events: 50", "write (bulk, chained)", "audit_verify:", "events/s"):
        assert figure in printed
    with pytest.raises(CommandError, match="đã có nhật ký"):
        call_command("audit_bench", events=5, stdout=io.StringIO())
