"""The province bench runs at a tiny scale and prints every figure (none is asserted)."""

from __future__ import annotations

import io
import json
import shlex
import statistics
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nominations.models import Nomination

pytestmark = pytest.mark.django_db

PAGES = [
    "home/tasks",
    "nomination list",
    "nomination page",
    "meeting page",
    "audit timeline",
    "audit search",
    "API nomination list",
    "API audit events",
    "province reader's list",
    "province reader's API list",
]


# Stands in for scripts/peer/peer.py: prints its figures line as the peer does.
_FAKE_PEER = "print('PEER_JSON ' + '{\"ms_per_transition\": 2.0, \"transitions\": 16}')"


def test_a_tiny_province_prints_every_page_at_both_sizes(tmp_path):
    out, figures_file = io.StringIO(), tmp_path / "figures.json"
    call_command(
        "province_bench", communes=2, units=2, small=30, nominations=120, events=400,
        rounds=2, lifecycle=3, json=str(figures_file), stdout=out,
        peer_command=shlex.join([sys.executable, "-c", _FAKE_PEER]), side_by_side=2,
    )  # fmt: skip
    text = out.getvalue()
    for page in PAGES:
        assert page in text, page
    figures = json.loads(figures_file.read_text())
    assert set(figures["pages"]) == set(PAGES)
    for page in PAGES:
        row = figures["pages"][page]
        assert row["small"]["queries"] > 0
        assert row["large"]["p95_ms"] > 0
        assert row["p95_ratio"] > 0
    lifecycle = figures["lifecycle"]
    assert lifecycle["services"]["approved"] == 3  # all the way from draft to decision
    assert lifecycle["services"]["nominations_per_s"] > 0
    assert lifecycle["sql_floor"]["nominations_per_s"] > 0
    assert lifecycle["floor_ratio"] > 0
    assert set(lifecycle["services"]["queries_per_call"]) >= {"submit", "appraise", "ballot"}
    assert "Mức sàn SQL viết tay" in text
    # Issue 22: one user action, the peer's transition, the per-action floor, side by side.
    per_action = figures["per_action"]
    actions = lifecycle["services"]["user_actions"]
    assert actions == 3 * 4 + lifecycle["services"]["ballots"]  # submit…end posting, ballots
    assert per_action["floor"]["actions"] == actions
    # Timed in turn, two rounds: the figures are the medians of the rounds.
    rounds = per_action["rounds"]
    assert len(rounds) == 2
    assert [r["peer_ms"] for r in rounds] == [2.0, 2.0]  # the peer ran in each round
    assert rounds[0]["project_ms"] == lifecycle["services"]["ms_per_action"]
    assert per_action["project_ms"] == statistics.median(r["project_ms"] for r in rounds) > 0
    assert per_action["floor_ms"] == statistics.median(r["floor_ms"] for r in rounds) > 0
    assert per_action["peer_ms"] == 2.0
    assert per_action["project_over_peer"] == round(per_action["project_ms"] / 2.0, 2)
    assert [r["project_over_peer"] for r in rounds] == [
        round(r["project_ms"] / 2.0, 2) for r in rounds
    ]
    assert per_action["project_over_peer_by_round"] == statistics.median(
        r["project_over_peer"] for r in rounds
    )
    assert "Mỗi thao tác: dự án" in text
    assert "Trang có p95 quá 1.5×" in text
    # Issue 24: the province's statistics on a ledger of every approved nomination and
    # five earlier years of awards per nomination; the figure is counted, not assumed.
    counted = figures["statistics"]
    approved = 120 // len(Nomination.State.choices)
    assert counted["ledger_rows_written"] >= 120 * 5 + approved
    assert counted["communes"] == 2
    assert counted["awards_in_year"] > 0
    assert counted["province_year"]["p50_ms"] > 0
    assert counted["page"]["max_ms"] > 0
    worst = max(counted[k]["max_ms"] for k in ("province_year", "province_all_years", "page"))
    assert counted["within_target"] is (worst < 5000)
    assert "Thống kê khen thưởng cả tỉnh" in text
    # the floor's rows keep the chain whole
    assert figures["audit_verify"]["intact"] is True, figures["audit_verify"]
    assert figures["audit_verify"]["events"] >= 400  # and those the set-up itself recorded
    assert figures["flat_cost_work"]  # what was done to reach the ratios travels with them
    over = {name for name, row in figures["pages"].items() if row["p95_ratio"] > 1.5}
    assert set(figures["not_yet_flat"]) == over  # measured in the run, not written by hand


def test_it_refuses_a_database_that_holds_nominations(world):
    world.nomination()
    with pytest.raises(CommandError):
        call_command("province_bench", communes=1, units=1, small=1, nominations=2, events=2)
