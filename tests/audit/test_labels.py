"""Every action the code records has a Vietnamese name on the auditor's screens."""

from __future__ import annotations

import ast
from pathlib import Path

from audit.labels import action_label
from workflow.actions import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "audit", "backups", "councils", "nominations", "workflow")


def _recorded_actions() -> set[str]:
    """The literal `action=` of every call that records an event, in the apps' source."""
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", None)):
                    continue
                if node.func.id not in (
                    "audit_event_record",
                    "save_and_record",
                    "create_and_record",
                ):
                    continue
                for keyword in node.keywords:
                    value = keyword.value
                    if keyword.arg == "action" and isinstance(value, ast.Constant):
                        found.add(value.value)
    return found


def test_every_recorded_action_has_a_vietnamese_label():
    actions = _recorded_actions()
    # The scan works: events of the recording calls are found.
    assert {"nomination.create", "attachment.add", "ballot.cast", "auth.login"} <= actions
    unlabelled = sorted(a for a in actions if action_label(a) == a)
    assert unlabelled == []


def test_every_transition_has_a_vietnamese_label():
    unlabelled = sorted(a for a in ACTIONS if action_label(f"nomination.{a}") == f"nomination.{a}")
    assert unlabelled == []
