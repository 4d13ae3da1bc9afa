"""Concurrency: 4 processes x 200 mixed writes on one store, on SQLite and PostgreSQL.

Each process sets statuses, saves its own indicator, edits the registry now and then and
undoes its own changes; it records the change ids it got. Afterwards every recorded
change is in the log under its writer, nothing else is, and the final state is what the
last logged change of each kind says: nothing applied twice, nothing lost.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from geo.registry_edit import read_csv_bytes
from geo.store import Store, close_store
from geo.store.indicators import UserIndicatorMeta, all_indicators, save_indicator
from geo.store.registry_ops import (
    StaleEditError,
    apply_registry,
    current_files,
    update_deliverable_status,
)
from geo.store.schema import changelog
from geo.store.undo import UndoRefusedError, undo_change
from tests.support.forks import run_parallel

PROCESSES, WRITES = 4, 200
STATUSES = ("planned", "in_progress", "completed", "not_reported")


def writer(url: str, n: int, keys: list[tuple[str, ...]], journal: Path) -> None:
    """``WRITES`` mixed writes as user ``p{n}``; appends ``[action, change id]`` lines."""
    store, rng, who = Store(url), random.Random(n), {"user": f"p{n}", "role": "editor"}
    mine: list[int] = []
    with journal.open("w", encoding="utf-8") as out:
        for i in range(WRITES):
            if i % 40 == 39:  # a registry edit: this process's note on its own site row
                change = _edit_own_row(store, n, f"p{n} edit {i}", who)
                action, extra = "apply", i
            elif i % 10 == 9:
                meta = UserIndicatorMeta(f"p{n}_ind", f"P{n}", f"P{n}", "", "province", 2024, "")
                values = pd.Series({"TUR006": float(i), "TUR034": float(n)})
                save_indicator(store, meta, values, replace=True, **who)
                change, action, extra = _own_latest(store, who["user"]), "indicator_save", i
            elif i % 10 == 4 and mine:
                try:
                    change, action, extra = undo_change(store, mine[-1], **who), "undo", mine[-1]
                except UndoRefusedError:
                    continue  # another process built on it: refused, nothing written
            else:
                key = keys[rng.randrange(len(keys))]
                status = STATUSES[rng.randrange(4)]
                change = update_deliverable_status(store, key, status, **who)
                action, extra = "status", i
            if action == "undo":
                mine.remove(extra)
            else:
                mine.append(int(change))
            out.write(json.dumps([action, int(change), extra]) + "\n")
            out.flush()


def _edit_own_row(store: Store, n: int, note: str, who: dict[str, str]) -> int:
    """Read, edit, apply with the base it read; again if another process saved meanwhile."""
    while True:
        files = current_files(store)
        sites = read_csv_bytes(files["sites.csv"])
        sites.loc[n, "note_en"] = note
        base = {"sites.csv": hashlib.sha256(files["sites.csv"]).hexdigest()}
        try:
            return int(apply_registry(store, {"sites": sites}, base=base, **who).change_id)
        except StaleEditError:
            continue


def _own_latest(store: Store, user: str) -> int:
    with store.engine.connect() as conn:
        query = (
            select(changelog.c.id).where(changelog.c.user == user).order_by(changelog.c.id.desc())
        )
        return int(conn.execute(query.limit(1)).scalar_one())


def test_four_processes_write_concurrently_and_nothing_is_lost(
    store: Store, tmp_path: Path
) -> None:
    url = store.url
    frame = read_csv_bytes(current_files(store)["deliverables.csv"])
    keys = [
        tuple(r) for r in frame[["project", "phase", "pcode", "deliverable"]].head(12).to_numpy()
    ]
    journals = [tmp_path / f"p{n}.jsonl" for n in range(PROCESSES)]
    close_store(url)  # no pooled connection crosses the fork
    codes = run_parallel([lambda n=n: writer(url, n, keys, journals[n]) for n in range(PROCESSES)])
    assert codes == [0] * PROCESSES
    fresh = Store(url)
    with fresh.engine.connect() as conn:
        rows = conn.execute(
            select(changelog.c.id, changelog.c.user, changelog.c.action, changelog.c.undo_of)
        ).all()
    logged = {int(r[0]): (r[1], r[2]) for r in rows if r[2] != "init"}
    recorded, undone, notes = {}, set(), {}
    for n, journal in enumerate(journals):
        lines = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
        assert len(lines) >= WRITES * 0.9  # only refused undos are skipped
        for action, change, extra in lines:
            assert change not in recorded, f"change #{change} claimed twice"
            recorded[change] = (f"p{n}", action)
            undone.update([extra] if action == "undo" else [])
        applies = [(c, x) for a, c, x in lines if a == "apply" and c not in undone]
        notes[n] = f"p{n} edit {applies[-1][1]}" if applies else None
    assert logged == recorded  # every write logged once, under its writer; nothing else
    # The final state is the one the log describes.
    _, metas, values = all_indicators(fresh)
    assert sorted(m.id for m in metas) == [f"p{n}_ind" for n in range(PROCESSES)]
    sites = read_csv_bytes(current_files(fresh)["sites.csv"])
    for n in range(PROCESSES):
        assert values[f"p{n}_ind"]["TUR034"] == float(n)
        if notes[n] is not None:  # the last registry edit of p{n} that was not undone
            assert sites.loc[n, "note_en"] == notes[n]
        else:
            assert not sites.loc[n, "note_en"].startswith(f"p{n} edit")
    undo_marks = {int(r[3]) for r in rows if r[2] == "undo"}
    assert undo_marks == undone  # each undo names the change it reverted
    close_store(url)
