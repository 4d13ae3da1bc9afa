"""Migration of an installation from before the store: ``var/pilot_atlas.sqlite`` + edited CSVs.

Those versions kept user indicators, status overrides and the change log in a
per-machine SQLite file and rewrote ``data/*.csv`` in place. :func:`import_legacy`
copies the file's rows into the store (the old change log as history that cannot be
undone); the edited CSVs are the registry :func:`geo.store.bundled.initialise` starts
from. The old file is only read, never changed: it stays as a backup.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from geo.config import LEGACY_SQLITE_NAME
from geo.store.schema import changelog, status_overrides, user_indicator_values, user_indicators

JOURNAL_NAME = "registry.journal.json"


def legacy_file(var_dir: Path) -> Path | None:
    """The pre-store SQLite file in ``var_dir``, if there is one."""
    path = Path(var_dir) / LEGACY_SQLITE_NAME
    return path if path.is_file() else None


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def legacy_journal_fix(
    var_dir: Path, files: dict[str, bytes]
) -> tuple[dict[str, bytes], str | None]:
    """Roll back, in memory, a registry edit the old version left half-written.

    The old version replaced ``data/`` files one by one with a journal of their previous
    bytes; a journal whose token never reached the change log means the edit did not
    commit, so files holding its new content get their previous bytes back.
    """
    journal = Path(var_dir) / JOURNAL_NAME
    path = legacy_file(var_dir)
    if not journal.is_file():
        return files, None
    try:
        payload = json.loads(journal.read_text(encoding="utf-8"))
        token = payload["token"]
        entries = {
            f: (base64.b64decode(v["before"]), str(v["after"])) for f, v in payload["files"].items()
        }
    except (ValueError, KeyError, TypeError):
        return files, "unreadable journal ignored (cut short before any file was replaced)"
    committed = False
    if path is not None:
        with contextlib.closing(_connect(path)) as conn:
            if "changelog" in _tables(conn):
                committed = bool(
                    conn.execute("SELECT 1 FROM changelog WHERE token = ?", (token,)).fetchone()
                )
    if committed:
        return files, "journal of a committed edit ignored"
    fixed = dict(files)
    rolled = []
    for name, (before, after_sha) in entries.items():
        if name in fixed and hashlib.sha256(fixed[name]).hexdigest() == after_sha:
            fixed[name] = before
            rolled.append(name)
    return fixed, f"uncommitted edit rolled back: {', '.join(rolled) or 'no file was replaced'}"


def import_legacy(conn: Connection, var_dir: Path) -> dict[str, int]:
    """Copy the old file's change log, overrides and user indicators (caller's transaction).

    Returns row counts per table copied.
    """
    path = legacy_file(var_dir)
    if path is None:
        return {}
    counts: dict[str, int] = {}
    with contextlib.closing(_connect(path)) as old:
        tables = _tables(old)
        if "changelog" in tables:
            counts["changelog"] = _copy_changelog(old, conn)
        if "user_indicators" in tables:
            counts.update(_copy_indicators(old, conn))
        if "status_overrides" in tables:
            columns = "project, phase, pcode, deliverable, status, updated_at, updated_by"
            counts["status_overrides"] = _copy_rows(old, conn, status_overrides, columns)
    return counts


def _copy_rows(old: sqlite3.Connection, conn: Connection, table: Any, columns: str) -> int:
    """Copy ``columns`` of the old table of the same name, row for row; the count."""
    rows = old.execute(f"SELECT {columns} FROM {table.name}").fetchall()
    for row in rows:
        conn.execute(table.insert().values(dict(zip(columns.split(", "), row, strict=True))))
    return len(rows)


def _copy_changelog(old: sqlite3.Connection, conn: Connection) -> int:
    """Old log entries as ``legacy`` entries: their ids and actions kept in the text,
    since they cannot be undone from the new store."""
    rows = old.execute(
        "SELECT id, at, user, role, action, what FROM changelog ORDER BY id"
    ).fetchall()
    for old_id, at, user, role, action, what in rows:
        conn.execute(
            changelog.insert().values(
                at=at,
                user=user,
                role=role,
                action="legacy",
                what=f"[#{old_id} {action}] {what}",
                detail=json.dumps({"legacy_id": old_id, "action": action}),
                writes="[]",
                reads="[]",
            )
        )
    return len(rows)


def _copy_indicators(old: sqlite3.Connection, conn: Connection) -> dict[str, int]:
    columns = (
        "id, label_tr, label_en, unit, level, year, source, higher_is_better, "
        "created_at, created_by"
    )
    metas = _copy_rows(old, conn, user_indicators, columns)
    values = old.execute("SELECT indicator_id, pcode, value FROM user_indicator_values").fetchall()
    if values:
        conn.execute(
            user_indicator_values.insert(),
            [{"indicator_id": i, "pcode": p, "value": float(v)} for i, p, v in values],
        )
    return {"user_indicators": metas, "user_indicator_values": len(values)}
