"""Crashes: a writer SIGKILLed at every step of a registry apply, an undo, an indicator save.

For each kill point the store is then opened afresh with no further write, and must
serve a registry that loads, equal to the state before or after the operation, with a
change log that says which. The loop kills at checkpoint 1, 2, 3 ... until a kill
lands after the commit, so every step of the write path is hit (see geo.store.faults).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from geo.registry_edit import read_csv_bytes
from geo.store import Store, changelog_frame, close_store, open_store
from geo.store.indicators import UserIndicatorMeta, all_indicators, save_indicator
from geo.store.registry_ops import (
    apply_registry,
    current_files,
    snapshot,
    status_overrides_frame,
    update_deliverable_status,
)
from geo.store.undo import undo_change
from tests.support.forks import KILLED, run_forked

EDITOR = {"user": "ayse", "role": "editor"}
META = UserIndicatorMeta("goc_orani", "Göç oranı", "Migration", "%", "province", 2024, "TÜİK")


def state(url: str) -> tuple:
    """Everything a write can change, read by a fresh engine ("after restart")."""
    close_store(url)
    fresh = Store(url)
    found = snapshot(fresh)  # the registry loads
    _, metas, values = all_indicators(fresh)
    log = changelog_frame(fresh)
    overrides = status_overrides_frame(fresh).drop(columns=["updated_at"])
    return (
        tuple(sorted(found.files.items())),
        overrides.to_csv(index=False),
        tuple((m.id, m.label_en, tuple(values[m.id].items())) for m in metas),
        tuple(zip(log["id"], log["action"], log["undone_by"].fillna(0), strict=True))[::-1],
    )


def _edited(store: Store) -> dict[str, pd.DataFrame]:
    files = current_files(store)
    sites = read_csv_bytes(files["sites.csv"])
    deliverables = read_csv_bytes(files["deliverables.csv"])
    sites.loc[0, "note_en"] = "Edited"
    deliverables.loc[0, "status"] = "in_progress"
    deliverables = deliverables.drop(index=3)
    return {"sites": sites, "deliverables": deliverables}


def kill_everywhere(url: str, operation: Callable[[], None]) -> int:
    """Kill ``operation`` at checkpoint 1, 2, ... until the kill lands after its commit.

    Returns the number of kill points; asserts the state after each.
    """
    before = state(url)
    for k in range(1, 500):
        assert run_forked(operation, kill_at=k) == KILLED, f"not killed at checkpoint {k}"
        after = state(url)
        if after == before:
            continue
        # Committed: exactly one more change, earlier ones unchanged but for an undo's mark.
        assert len(after[3]) == len(before[3]) + 1
        assert [r[:2] for r in after[3][:-1]] == [r[:2] for r in before[3]]
        return k
    raise AssertionError("the operation never committed")


@pytest.fixture
def url(store: Store) -> str:
    return store.url


def test_sigkill_at_every_step_of_apply_undo_and_indicator_save(url: str) -> None:
    store = open_store(url)
    tables = _edited(store)
    reference = {}

    points = {}
    # 1. A registry apply: killed before its commit, the registry stays as it was.
    before_apply = state(url)
    points["apply"] = kill_everywhere(url, lambda: apply_registry(Store(url), tables, **EDITOR))
    applied = state(url)
    assert applied[0] != before_apply[0] and applied[3][-1][1] == "apply"
    reference["apply"] = applied
    # 2. Undo of that apply, by its id.
    change = int(applied[3][-1][0])
    points["undo"] = kill_everywhere(url, lambda: undo_change(Store(url), change, **EDITOR))
    undone = state(url)
    assert undone[0] == before_apply[0]  # byte-identical registry again
    assert undone[3][-1][1] == "undo" and {r[0]: r[2] for r in undone[3]}[change] > 0
    # 3. An indicator save: metadata and values are separate statements.
    values = pd.Series({"TUR006": 1.5, "TUR034": -2.0, "TUR027": 3.25})
    points["indicator_save"] = kill_everywhere(
        url, lambda: save_indicator(Store(url), META, values, **EDITOR)
    )
    saved = state(url)
    assert saved[2] == (
        ("goc_orani", "Migration", (("TUR006", 1.5), ("TUR027", 3.25), ("TUR034", -2.0))),
    )
    # 4. A status change.
    key = tuple(
        read_csv_bytes(current_files(store)["deliverables.csv"]).iloc[5][
            ["project", "phase", "pcode", "deliverable"]
        ]
    )
    points["status"] = kill_everywhere(
        url, lambda: update_deliverable_status(Store(url), key, "planned", **EDITOR)
    )
    assert sum(points.values()) >= 20, points
    print(f"kill points: {points}")


def test_kill_points_are_counted_in_the_write_path(url: str, tmp_path: Path) -> None:
    """The checkpoints name the steps: begin, statements, validation, log, commit."""
    from geo.store import faults

    store = open_store(url)
    faults.arm(-1)
    try:
        apply_registry(store, _edited(store), **EDITOR)
    finally:
        trace = faults.trace()
        faults.arm(0)
    assert trace[0] in ("sql", "begin") and trace[-2:] == ["commit", "committed"]
    assert {"apply:validated", "logged:apply", "file:sites.csv"} <= set(trace)
    assert trace.count("sql") >= 10
