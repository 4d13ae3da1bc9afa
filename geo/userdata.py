"""Data the dashboard's editors change: user indicators, status updates and registry edits.

Everything lives in one SQLite database, ``<store_dir>/pilot_atlas.sqlite`` (WAL mode),
where ``store_dir`` defaults to ``var/`` at the repository root (git-ignored):

``user_indicators`` / ``user_indicator_values``
    Indicators uploaded by editors, keyed by P-code, beside (never replacing) the
    bundled catalog.
``status_overrides``
    Deliverable statuses set in the app. They overlay ``deliverables.csv``
    (:func:`with_status_overrides`) so a status click never rewrites the registry files.
``changelog`` / ``versions``
    Who changed what and when (UTC), with the previous bytes of every registry file
    replaced, so :func:`undo_last` restores them exactly.

Registry edits (:func:`apply_registry`) validate the whole candidate registry before
anything is written; files are replaced atomically (temporary file in the same
directory, ``fsync``, ``os.replace``) with a journal that rolls a half-finished edit
back on the next write if the process died in the middle.

Every write function checks the caller's role itself (:func:`require_editor`): the
page hiding a button is not a permission check.

Command line::

    python -m geo.userdata hash-password [--iterations N] [--stdin]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import dataclasses
import getpass
import hashlib
import hmac
import io
import json
import math
import os
import re
import secrets as _secrets
import shutil
import sqlite3
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from geo import DATA_DIR
from geo.boundaries import provinces_table, units
from geo.names import name_key
from geo.registry import Issue, Registry, RegistryError, load_registry

VAR_DIR = DATA_DIR.parent / "var"
DB_NAME = "pilot_atlas.sqlite"
JOURNAL_NAME = "registry.journal.json"
EDITOR = "editor"
#: Registry tables an editor may replace, with the columns that identify a row.
REGISTRY_TABLES: dict[str, tuple[str, ...]] = {
    "sites": ("project", "phase", "pcode"),
    "deliverables": ("project", "phase", "pcode", "deliverable"),
}
DELIVERABLE_KEY = REGISTRY_TABLES["deliverables"]
#: Files copied beside a candidate registry so it validates against current metadata.
_CONTEXT_FILES = ("projects.yaml", "vocabulary.yaml")
_SLUG = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
PBKDF2_ITERATIONS = 200_000
_MAX_ITERATIONS = 10_000_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS user_indicators (
    id TEXT PRIMARY KEY,
    label_tr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL CHECK (level IN ('province', 'district')),
    year INTEGER,
    source TEXT NOT NULL DEFAULT '',
    higher_is_better INTEGER CHECK (higher_is_better IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_indicator_values (
    indicator_id TEXT NOT NULL REFERENCES user_indicators (id) ON DELETE CASCADE,
    pcode TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (indicator_id, pcode)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS status_overrides (
    project TEXT NOT NULL,
    phase TEXT NOT NULL,
    pcode TEXT NOT NULL,
    deliverable TEXT NOT NULL,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (project, phase, pcode, deliverable)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changelog (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    what TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    token TEXT,
    undone_by INTEGER REFERENCES changelog (id)
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id INTEGER NOT NULL REFERENCES changelog (id),
    file TEXT NOT NULL,
    before BLOB NOT NULL,
    after_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changelog_action ON changelog (action, undone_by);
"""

# One lock and one writing connection per database file: threads of this process queue
# on the lock instead of spinning in SQLite's busy handler (other processes are kept out
# by BEGIN IMMEDIATE), and the connection stays open because closing the last one
# checkpoints the WAL, which made every small write several times slower.
_LOCKS: dict[Path, threading.Lock] = {}
_WRITERS: dict[Path, tuple[sqlite3.Connection, tuple[int, int]]] = {}
_LOCKS_GUARD = threading.Lock()


class UndoConflictError(RuntimeError):
    """A file changed outside the app since the edit being undone."""


# --------------------------------------------------------------------------- roles


def require_editor(role: str | None) -> None:
    """Raise :class:`PermissionError` unless ``role`` is ``"editor"``."""
    if role != EDITOR:
        raise PermissionError(f"role {role!r} may not change data; only editors can")


def hash_password(
    password: str, iterations: int = PBKDF2_ITERATIONS, *, salt: bytes | None = None
) -> str:
    """PBKDF2-SHA256 hash in the form ``pbkdf2_sha256$iterations$salt_hex$hash_hex``."""
    if iterations < 1:
        raise ValueError("iterations must be positive")
    salt = _secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` string (constant-time)."""
    try:
        scheme, iterations_text, salt_hex, hash_hex = str(encoded).split("$")
        iterations = int(iterations_text)
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256" or not 1 <= iterations <= _MAX_ITERATIONS or not expected:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def check_credentials(username: str, password: str, secrets: Mapping[str, Any]) -> str | None:
    """Role of a user whose password matches ``secrets["editors"][username]``.

    Parameters
    ----------
    username, password : str
        What the user typed.
    secrets : Mapping
        ``st.secrets`` or any mapping with an ``editors`` table of password hashes.

    Returns
    -------
    str or None
        ``"editor"`` on a match, otherwise ``None`` (also for malformed secrets).
    """
    try:
        editors = secrets["editors"]
        stored = editors.get(username)
    except (KeyError, TypeError, AttributeError):
        stored = None
    if not isinstance(stored, str) or not username or not password:
        # Same PBKDF2 work as a real check, so timing does not reveal user names.
        hashlib.pbkdf2_hmac("sha256", (password or "").encode(), b"none", PBKDF2_ITERATIONS)
        return None
    return EDITOR if verify_password(password, stored) else None


# --------------------------------------------------------------------------- database


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _db_path(store_dir: Path | str) -> Path:
    return Path(store_dir) / DB_NAME


def _lock_for(path: Path) -> threading.Lock:
    key = path.resolve()
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


def _open(store_dir: Path | str) -> sqlite3.Connection:
    path = _db_path(store_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE).
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.executescript(_SCHEMA)
    return conn


@contextlib.contextmanager
def _reading(store_dir: Path | str) -> Iterator[sqlite3.Connection]:
    """A connection for queries; an empty in-memory store if nothing was written yet.

    Reading never creates ``store_dir``, so a viewer-only deployment on a read-only
    file system works.
    """
    path = _db_path(store_dir)
    conn = sqlite3.connect(path, timeout=30) if path.exists() else sqlite3.connect(":memory:")
    try:
        ready = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'changelog'").fetchone()
        if not ready:
            conn.close()
            conn = sqlite3.connect(":memory:")
            conn.executescript(_SCHEMA)
        yield conn
    finally:
        conn.close()


def _writer(store_dir: Path | str) -> sqlite3.Connection:
    """The process's writing connection to the store; call with the store's lock held."""
    path = _db_path(store_dir)
    key = path.resolve()
    cached = _WRITERS.get(key)
    if cached is not None:
        try:
            info = path.stat()
            if (info.st_dev, info.st_ino) == cached[1]:
                return cached[0]
        except FileNotFoundError:
            pass
        # The file was deleted or replaced: a connection to the old inode would write
        # into a file nobody reads.
        cached[0].close()
    conn = _open(store_dir)
    info = path.stat()
    _WRITERS[key] = (conn, (info.st_dev, info.st_ino))
    return conn


@contextlib.contextmanager
def _writing(store_dir: Path | str) -> Iterator[sqlite3.Connection]:
    """A write transaction holding the database's write lock from its first statement."""
    with _lock_for(_db_path(store_dir)):
        conn = _writer(store_dir)
        conn.execute("BEGIN IMMEDIATE")
        try:
            _recover(conn, Path(store_dir))
            yield conn
        except BaseException:
            # SQLite may already have rolled back (e.g. after an I/O error).
            with contextlib.suppress(sqlite3.OperationalError):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        # Only now is the change durable; the journal has done its job.
        _journal_path(Path(store_dir)).unlink(missing_ok=True)


def _log(
    conn: sqlite3.Connection,
    *,
    user: str,
    role: str,
    action: str,
    what: str,
    detail: dict | None = None,
    token: str | None = None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO changelog (at, user, role, action, what, detail, token) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (_now(), user, role, action, what, json.dumps(detail or {}, ensure_ascii=False), token),
    )
    return int(cursor.lastrowid or 0)


def changelog(store_dir: Path | str = VAR_DIR) -> pd.DataFrame:
    """Every recorded change, newest first.

    Returns
    -------
    DataFrame
        Columns ``id, at`` (UTC ISO), ``user, role, action, what, undone_by``.
        Actions: ``apply``, ``status``, ``undo``, ``indicator_save``, ``indicator_delete``.
    """
    with _reading(store_dir) as conn:
        frame = pd.read_sql_query(
            "SELECT id, at, user, role, action, what, undone_by FROM changelog ORDER BY id DESC",
            conn,
        )
    return frame.astype({"undone_by": "Int64"})


# --------------------------------------------------------------------------- files


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform (e.g. Windows).
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(target: Path, data: bytes) -> Path:
    """Write ``data`` to a synced temporary file beside ``target`` (same file system)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            temp.chmod(stat.S_IMODE(target.stat().st_mode))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def atomic_write(target: Path | str, data: bytes) -> None:
    """Replace ``target`` with ``data`` so readers see the old or the new file, never half."""
    target = Path(target)
    temp = _write_temp(target, data)
    try:
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _replace_files(
    data_dir: Path, contents: dict[str, bytes], before: dict[str, bytes], journal: Path
) -> None:
    """Replace several files; on failure restore those already replaced.

    The journal is removed once the files are back as they were; if restoring fails
    too, it stays for :func:`_recover` to finish the job on the next write.
    """
    temps: dict[str, Path] = {}
    replaced: list[str] = []
    try:
        for file, data in contents.items():
            temps[file] = _write_temp(data_dir / file, data)
        for file in contents:
            temps[file].replace(data_dir / file)
            replaced.append(file)
        _fsync_dir(data_dir)
    except BaseException:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        for file in replaced:
            atomic_write(data_dir / file, before[file])
        journal.unlink(missing_ok=True)
        raise


def _journal_path(store_dir: Path) -> Path:
    return store_dir / JOURNAL_NAME


def _write_journal(
    store_dir: Path,
    token: str,
    data_dir: Path,
    before: dict[str, bytes],
    after: dict[str, bytes],
) -> Path:
    """Record, before touching any file, how to undo a half-finished replacement."""
    payload = {
        "token": token,
        "data_dir": str(data_dir.resolve()),
        "files": {
            f: {"before": base64.b64encode(before[f]).decode("ascii"), "after": _sha(after[f])}
            for f in after
        },
    }
    path = _journal_path(store_dir)
    atomic_write(path, json.dumps(payload).encode("utf-8"))
    return path


def _recover(conn: sqlite3.Connection, store_dir: Path) -> None:
    """Finish or roll back a registry write that a crash interrupted.

    A journal whose token is in the changelog belongs to a committed change (the crash
    came after COMMIT): nothing to do. Otherwise the change never committed, so each file
    that already holds the new content gets its previous bytes back. Files with any
    other content are left alone: they were never replaced, or were edited since.
    """
    journal = _journal_path(store_dir)
    if not journal.exists():
        return
    try:
        payload = json.loads(journal.read_text(encoding="utf-8"))
        token, data_dir = payload["token"], Path(payload["data_dir"])
        files = {
            f: (base64.b64decode(v["before"]), str(v["after"])) for f, v in payload["files"].items()
        }
    except (ValueError, KeyError, TypeError):
        # An unreadable journal was itself cut short, before any file was touched.
        journal.unlink(missing_ok=True)
        return
    committed = conn.execute("SELECT 1 FROM changelog WHERE token = ?", (token,)).fetchone()
    if not committed:
        for file, (before, after_sha) in files.items():
            path = data_dir / file
            if path.exists() and _sha(path.read_bytes()) == after_sha:
                atomic_write(path, before)
    journal.unlink(missing_ok=True)


# --------------------------------------------------------------------------- diff


def diff_tables(old: pd.DataFrame, new: pd.DataFrame, key_columns: Sequence[str]) -> pd.DataFrame:
    """What changes between two versions of a table, for a preview before saving.

    Parameters
    ----------
    old, new : DataFrame
        The two versions; cells are compared as stripped text.
    key_columns : sequence of str
        Columns identifying a row (e.g. ``project, phase, pcode``). Repeated keys are
        paired in order of appearance.

    Returns
    -------
    DataFrame
        One row per added or removed record (``field`` empty) and per changed field:
        columns ``change`` (``added``/``removed``/``changed``), the key columns,
        ``field``, ``old``, ``new``.
    """
    keys = list(key_columns)
    columns = list(dict.fromkeys([*old.columns, *new.columns]))
    a, b = _as_text(old, columns), _as_text(new, columns)
    for frame in (a, b):
        frame["_n"] = frame.groupby(keys, sort=False).cumcount()
    index = [*keys, "_n"]
    a, b = a.set_index(index), b.set_index(index)
    records: list[dict[str, Any]] = []

    def key_of(idx: tuple) -> dict[str, Any]:
        return dict(zip(keys, idx[:-1], strict=True))

    for idx in a.index.difference(b.index, sort=False):
        records.append({"change": "removed", **key_of(idx), "field": "", "old": "", "new": ""})
    for idx in b.index.difference(a.index, sort=False):
        records.append({"change": "added", **key_of(idx), "field": "", "old": "", "new": ""})
    common = a.index.intersection(b.index, sort=False)
    fields = [c for c in columns if c not in keys]
    left, right = a.loc[common, fields], b.loc[common, fields]
    changed = left.ne(right)
    for idx in changed.index[changed.any(axis=1)]:
        for field in changed.columns[changed.loc[idx]]:
            records.append(
                {
                    "change": "changed",
                    **key_of(idx),
                    "field": field,
                    "old": left.at[idx, field],
                    "new": right.at[idx, field],
                }
            )
    return pd.DataFrame(records, columns=["change", *keys, "field", "old", "new"])


def _as_text(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Cells as stripped strings, missing values as ``""``."""
    text = frame.reindex(columns=columns) if columns is not None else frame
    text = text.astype(object)
    text = text.where(text.notna(), "").astype(str)
    return text.apply(lambda col: col.str.strip()).reset_index(drop=True)


def _diff_summary(diff: pd.DataFrame, columns: Sequence[str]) -> str:
    counts = diff["change"].value_counts()
    touched = set(diff.loc[diff["change"] == "changed", "field"])
    changed = [c for c in columns if c in touched]
    fields = f" ({', '.join(changed[:4])}{', …' if len(changed) > 4 else ''})" if changed else ""
    rows = diff.loc[diff["change"] == "changed"].drop(columns=["field", "old", "new"])
    return (
        f"+{counts.get('added', 0)} added, −{counts.get('removed', 0)} removed, "
        f"~{len(rows.drop_duplicates())} changed{fields}"
    )


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class ApplyResult:
    """Outcome of :func:`apply_registry`.

    Attributes
    ----------
    change_id : int or None
        Changelog id, ``None`` when the tables equal the files (nothing written).
    summary : str
        The changelog's ``what`` text.
    diffs : dict
        :func:`diff_tables` output per table name.
    """

    change_id: int | None
    summary: str
    diffs: dict[str, pd.DataFrame]


def registry_csv_bytes(frame: pd.DataFrame, lineterminator: str = "\n") -> bytes:
    """A registry table as the UTF-8 CSV bytes written to ``data/`` (cells stripped)."""
    return _as_text(frame).to_csv(index=False, lineterminator=lineterminator).encode("utf-8")


def _line_ending(data: bytes) -> str:
    # Keep the file's own line endings, so an edit of one row is a one-row diff in git.
    return "\r\n" if b"\r\n" in data.split(b"\n", 1)[0] + b"\n" else "\n"


def _read_csv_bytes(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _source_rows(frame: pd.DataFrame) -> list[int] | None:
    """Spreadsheet rows of ``frame`` when its index carries them (:func:`read_registry_xlsx`).

    Such frames mark their index with the name ``row``; any other index is positional.
    """
    index = frame.index
    if index.name != "row" or not pd.api.types.is_integer_dtype(index):
        return None
    return [int(i) for i in index]


def _validate_candidate(
    data_dir: Path, contents: dict[str, bytes], frames: dict[str, pd.DataFrame]
) -> None:
    with tempfile.TemporaryDirectory(prefix="pilot-atlas-candidate-") as tmp:
        for name in _CONTEXT_FILES:
            shutil.copy2(data_dir / name, Path(tmp) / name)
        for file, data in contents.items():
            (Path(tmp) / file).write_bytes(data)
        try:
            load_registry(tmp)
        except RegistryError as exc:
            raise RegistryError(_remap_rows(exc.issues, frames)) from None


def _remap_rows(issues: list[Issue], frames: dict[str, pd.DataFrame]) -> list[Issue]:
    """Point CSV row numbers back at the uploaded workbook's rows where they differ."""
    result = []
    for issue in issues:
        frame = frames.get(issue.file.removesuffix(".csv"))
        rows = _source_rows(frame) if frame is not None else None
        if rows and issue.row is not None and 2 <= issue.row < len(rows) + 2:
            result.append(Issue(issue.file, rows[issue.row - 2], issue.field, issue.message))
        else:
            result.append(issue)
    return result


def apply_registry(
    store_dir: Path | str,
    data_dir: Path | str,
    new_tables: Mapping[str, pd.DataFrame],
    *,
    user: str,
    role: str,
) -> ApplyResult:
    """Replace ``sites.csv`` and/or ``deliverables.csv`` after validating the result.

    Parameters
    ----------
    store_dir : path
        Directory of the SQLite store (``var/`` by default in the app).
    data_dir : path
        Registry directory whose CSV files are replaced.
    new_tables : mapping
        ``{"sites": frame, "deliverables": frame}`` (either or both); a table left out
        keeps its current file.
    user, role : str
        Who edits; ``role`` must be ``"editor"``.

    Returns
    -------
    ApplyResult

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    RegistryError
        The candidate registry has problems (every issue listed; nothing is written).

    Notes
    -----
    Status overrides of deliverables whose status the new table changes (or that it
    removes) are dropped, so the latest edit wins; :func:`undo_last` brings them back.
    """
    require_editor(role)
    unknown = set(new_tables) - set(REGISTRY_TABLES)
    if unknown:
        raise ValueError(
            f"unknown registry table(s) {sorted(unknown)}; use {list(REGISTRY_TABLES)}"
        )
    data_dir = Path(data_dir)
    store = Path(store_dir)
    with _writing(store) as conn:
        before = {f: (data_dir / f).read_bytes() for f in (f"{n}.csv" for n in REGISTRY_TABLES)}
        candidate = {
            f"{name}.csv": registry_csv_bytes(frame, _line_ending(before[f"{name}.csv"]))
            for name, frame in new_tables.items()
        }
        diffs = {
            f.removesuffix(".csv"): diff_tables(
                _read_csv_bytes(before[f]), _read_csv_bytes(data), REGISTRY_TABLES[f[:-4]]
            )
            for f, data in candidate.items()
            if data != before[f]
        }
        # Files differing only in layout (column order, quoting) are left as they are.
        diffs = {name: diff for name, diff in diffs.items() if not diff.empty}
        contents = {f"{name}.csv": candidate[f"{name}.csv"] for name in diffs}
        if not contents:
            return ApplyResult(None, "no changes", {})
        _validate_candidate(data_dir, {**before, **contents}, dict(new_tables))
        summary = "; ".join(
            f"{name}.csv: {_diff_summary(d, new_tables[name].columns)}" for name, d in diffs.items()
        )
        cleared = _overrides_superseded(conn, diffs.get("deliverables"))
        token = _secrets.token_hex(16)
        change_id = _log(
            conn,
            user=user,
            role=role,
            action="apply",
            what=summary,
            detail={"files": sorted(contents), "cleared_overrides": cleared},
            token=token,
        )
        for file, data in contents.items():
            conn.execute(
                "INSERT INTO versions (change_id, file, before, after_sha256) VALUES (?, ?, ?, ?)",
                (change_id, file, before[file], _sha(data)),
            )
        journal = _write_journal(store, token, data_dir, before, contents)
        _replace_files(data_dir, contents, before, journal)
    return ApplyResult(change_id, summary, diffs)


def _overrides_superseded(
    conn: sqlite3.Connection, diff: pd.DataFrame | None
) -> list[dict[str, str]]:
    """Delete overrides of deliverables whose status the edit sets or which it removes."""
    if diff is None or diff.empty:
        return []
    hit = diff[(diff["change"] == "removed") | (diff["field"] == "status")]
    cleared: list[dict[str, str]] = []
    for key in hit[list(DELIVERABLE_KEY)].drop_duplicates().itertuples(index=False):
        row = conn.execute(
            "SELECT status, updated_at, updated_by FROM status_overrides "
            "WHERE project = ? AND phase = ? AND pcode = ? AND deliverable = ?",
            tuple(key),
        ).fetchone()
        if row:
            conn.execute(
                "DELETE FROM status_overrides "
                "WHERE project = ? AND phase = ? AND pcode = ? AND deliverable = ?",
                tuple(key),
            )
            cleared.append(
                {
                    **dict(zip(DELIVERABLE_KEY, key, strict=True)),
                    "status": row[0],
                    "updated_at": row[1],
                    "updated_by": row[2],
                }
            )
    return cleared


def _restore_override(conn: sqlite3.Connection, item: Mapping[str, str]) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO status_overrides "
        "(project, phase, pcode, deliverable, status, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            *(item[k] for k in DELIVERABLE_KEY),
            item["status"],
            item["updated_at"],
            item["updated_by"],
        ),
    )


def last_undoable(store_dir: Path | str = VAR_DIR) -> dict[str, Any] | None:
    """The change :func:`undo_last` would revert (``id, at, user, action, what``), if any."""
    with _reading(store_dir) as conn:
        row = conn.execute(
            "SELECT id, at, user, action, what FROM changelog "
            "WHERE action IN ('apply', 'status', 'indicator_save', 'indicator_delete') "
            "AND undone_by IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return dict(zip(("id", "at", "user", "action", "what"), row, strict=True)) if row else None


def undo_last(
    store_dir: Path | str, data_dir: Path | str, *, user: str, role: str, force: bool = False
) -> int:
    """Revert the latest change not yet undone: a registry upload, a status update, or
    saving / deleting a user indicator.

    Files get back their exact previous bytes, atomically; the undo is logged.

    Parameters
    ----------
    force : bool
        Restore even if a file was changed outside the app since the edit.

    Returns
    -------
    int
        Changelog id of the undo.

    Raises
    ------
    LookupError
        Nothing to undo.
    UndoConflictError
        A file differs from what the edit wrote (and ``force`` is false).
    """
    require_editor(role)
    data_dir = Path(data_dir)
    store = Path(store_dir)
    with _writing(store) as conn:
        target = conn.execute(
            "SELECT id, action, what, detail FROM changelog "
            "WHERE action IN ('apply', 'status', 'indicator_save', 'indicator_delete') "
            "AND undone_by IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if target is None:
            raise LookupError("nothing to undo")
        change_id, action, what, detail_text = target
        detail = json.loads(detail_text)
        token = _secrets.token_hex(16)
        undo_id = _log(
            conn,
            user=user,
            role=role,
            action="undo",
            what=f"undo #{change_id} ({action}: {what})",
            detail={"undo_of": change_id},
            token=token,
        )
        conn.execute("UPDATE changelog SET undone_by = ? WHERE id = ?", (undo_id, change_id))
        if action == "status":
            _undo_status(conn, detail)
            return undo_id
        if action in ("indicator_save", "indicator_delete"):
            _restore_indicator(conn, detail["id"], detail.get("before"))
            return undo_id
        versions = conn.execute(
            "SELECT file, before, after_sha256 FROM versions WHERE change_id = ?", (change_id,)
        ).fetchall()
        current = {file: (data_dir / file).read_bytes() for file, _, _ in versions}
        drifted = [file for file, _, sha in versions if _sha(current[file]) != sha]
        if drifted and not force:
            raise UndoConflictError(
                f"{', '.join(drifted)} changed since change #{change_id}; "
                "undoing would discard those changes (use force to undo anyway)"
            )
        restored = {file: bytes(before) for file, before, _ in versions}
        for file, data in restored.items():
            conn.execute(
                "INSERT INTO versions (change_id, file, before, after_sha256) VALUES (?, ?, ?, ?)",
                (undo_id, file, current[file], _sha(data)),
            )
        for item in detail.get("cleared_overrides", []):
            _restore_override(conn, item)
        journal = _write_journal(store, token, data_dir, current, restored)
        _replace_files(data_dir, restored, current, journal)
    return undo_id


# --------------------------------------------------------------------------- statuses

_BASE_CACHE: dict[Path, tuple[tuple, dict[tuple[str, ...], str], set[str]]] = {}
_BASE_GUARD = threading.Lock()


def _base_statuses(data_dir: Path) -> tuple[dict[tuple[str, ...], str], set[str]]:
    """Statuses in ``deliverables.csv`` and allowed statuses, re-read when files change."""
    files = (data_dir / "deliverables.csv", data_dir / "vocabulary.yaml")
    stamp = tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    key = data_dir.resolve()
    with _BASE_GUARD:
        cached = _BASE_CACHE.get(key)
        if cached and cached[0] == stamp:
            return cached[1], cached[2]
    frame = _read_csv_bytes(files[0].read_bytes())
    frame = frame.apply(lambda col: col.str.strip())
    base = {
        tuple(row[:4]): row[4]
        for row in frame[[*DELIVERABLE_KEY, "status"]].itertuples(index=False)
    }
    vocabulary = yaml.safe_load(files[1].read_text(encoding="utf-8")) or {}
    allowed = set(vocabulary.get("statuses") or {})
    with _BASE_GUARD:
        _BASE_CACHE[key] = (stamp, base, allowed)
    return base, allowed


def update_deliverable_status(
    store_dir: Path | str,
    key: tuple[str, str, str, str],
    new_status: str,
    *,
    user: str,
    role: str,
    data_dir: Path | str = DATA_DIR,
) -> bool:
    """Set the status of one deliverable, recorded as an override in the store.

    Parameters
    ----------
    key : tuple
        ``(project, phase, pcode, deliverable)`` of a row of ``deliverables.csv``.
    new_status : str
        A status of ``vocabulary.yaml`` (``completed``, ``in_progress`` ...).
    data_dir : path
        Registry the key and status are checked against.

    Returns
    -------
    bool
        Whether the effective status changed (every call is logged either way).

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    KeyError
        No such deliverable.
    ValueError
        Unknown status.
    """
    require_editor(role)
    key = tuple(str(k).strip() for k in key)  # type: ignore[assignment]
    if len(key) != len(DELIVERABLE_KEY):
        raise ValueError(f"key must be {DELIVERABLE_KEY}, got {key!r}")
    base, allowed = _base_statuses(Path(data_dir))
    if key not in base:
        raise KeyError(f"no deliverable {'/'.join(key)} in deliverables.csv")
    if new_status not in allowed:
        raise ValueError(f"unknown status {new_status!r} (allowed: {', '.join(sorted(allowed))})")
    where = "project = ? AND phase = ? AND pcode = ? AND deliverable = ?"
    with _writing(store_dir) as conn:
        row = conn.execute(
            f"SELECT status, updated_at, updated_by FROM status_overrides WHERE {where}", key
        ).fetchone()
        previous = (
            {
                **dict(zip(DELIVERABLE_KEY, key, strict=True)),
                "status": row[0],
                "updated_at": row[1],
                "updated_by": row[2],
            }
            if row
            else None
        )
        old_status = row[0] if row else base[key]
        if new_status == base[key]:
            conn.execute(f"DELETE FROM status_overrides WHERE {where}", key)
        else:
            conn.execute(
                "INSERT OR REPLACE INTO status_overrides "
                "(project, phase, pcode, deliverable, status, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*key, new_status, _now(), user),
            )
        _log(
            conn,
            user=user,
            role=role,
            action="status",
            what=f"{'/'.join(key)}: {old_status} → {new_status}",
            detail={"key": list(key), "old": old_status, "new": new_status, "previous": previous},
        )
    return old_status != new_status


def _undo_status(conn: sqlite3.Connection, detail: Mapping[str, Any]) -> None:
    key = tuple(detail["key"])
    conn.execute(
        "DELETE FROM status_overrides "
        "WHERE project = ? AND phase = ? AND pcode = ? AND deliverable = ?",
        key,
    )
    if detail.get("previous"):
        _restore_override(conn, detail["previous"])


def status_overrides(store_dir: Path | str = VAR_DIR) -> pd.DataFrame:
    """Statuses set in the app: ``project, phase, pcode, deliverable, status, updated_*``."""
    with _reading(store_dir) as conn:
        return pd.read_sql_query(
            "SELECT project, phase, pcode, deliverable, status, updated_at, updated_by "
            "FROM status_overrides ORDER BY project, phase, pcode, deliverable",
            conn,
        )


def with_status_overrides(registry: Registry, store_dir: Path | str = VAR_DIR) -> Registry:
    """``registry`` with app-set statuses applied to its deliverables (a new object)."""
    overrides = status_overrides(store_dir)
    if overrides.empty:
        return registry
    table = registry.deliverables.copy()
    lookup = overrides.set_index(list(DELIVERABLE_KEY))["status"]
    keys = pd.MultiIndex.from_frame(table[list(DELIVERABLE_KEY)])
    new = pd.Series(lookup.reindex(keys).to_numpy(), index=table.index)
    table["status"] = new.fillna(table["status"])
    return dataclasses.replace(registry, deliverables=table)


# --------------------------------------------------------------------------- indicators


@dataclass(frozen=True)
class UserIndicatorMeta:
    """Description of an indicator uploaded by an editor.

    ``created_at`` (UTC ISO) and ``created_by`` are filled in by :func:`save_indicator`.
    """

    id: str
    label_tr: str
    label_en: str
    unit: str
    level: str
    year: int | None
    source: str
    higher_is_better: bool | None = None
    created_at: str = ""
    created_by: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_tr


def slugify(text: str) -> str:
    """A valid indicator id from a label: ``"Göç oranı 2024"`` → ``"goc_orani_2024"``."""
    slug = name_key(text).lower().replace(" ", "_")[:63]
    return slug if slug[:1].isalpha() else f"u_{slug}"[:63]


def _reserved_ids() -> set[str]:
    from geo.indicators import catalog

    # sege2022_rank_max is a column of indicators.table() without a catalog entry.
    return set(catalog()) | {"sege2022_rank_max"}


def _check_meta(meta: UserIndicatorMeta, values: pd.Series) -> pd.Series:
    if not _SLUG.match(meta.id):
        raise ValueError(
            f"indicator id {meta.id!r} must be 2–63 characters: lower-case letters, digits, "
            "'_', starting with a letter"
        )
    if meta.id in _reserved_ids():
        raise ValueError(f"{meta.id!r} is a bundled indicator id; choose another id")
    if not meta.label_tr.strip() or not meta.label_en.strip():
        raise ValueError("an indicator needs a Turkish and an English label")
    if meta.level not in ("province", "district"):
        raise ValueError(f"level {meta.level!r} is not province or district")
    if meta.year is not None and not 1900 <= int(meta.year) <= 2100:
        raise ValueError(f"year {meta.year!r} is out of range")
    clean = pd.to_numeric(values, errors="raise").astype(float).dropna()
    if clean.empty:
        raise ValueError("no values to save")
    if not all(math.isfinite(v) for v in clean):
        raise ValueError("values must be finite numbers")
    known = provinces_table().index if meta.level == "province" else units().index
    unknown = [str(p) for p in clean.index if p not in known]
    if unknown:
        raise ValueError(f"not {meta.level} P-codes: {', '.join(unknown[:5])}")
    if clean.index.has_duplicates:
        raise ValueError("values have duplicate P-codes")
    return clean


def save_indicator(
    store_dir: Path | str,
    meta: UserIndicatorMeta,
    values: pd.Series,
    *,
    user: str,
    role: str,
    replace: bool = False,
) -> UserIndicatorMeta:
    """Store a user indicator and its values (P-code → number).

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    ValueError
        Bad id (including a bundled indicator's id), labels, level, P-codes or values.
    FileExistsError
        The id exists and ``replace`` is false.

    Returns
    -------
    UserIndicatorMeta
        ``meta`` with ``created_at`` and ``created_by`` filled in.
    """
    require_editor(role)
    clean = _check_meta(meta, values)
    saved = dataclasses.replace(meta, created_at=_now(), created_by=user)
    with _writing(store_dir) as conn:
        before = _indicator_snapshot(conn, meta.id)
        exists = before is not None
        if exists and not replace:
            raise FileExistsError(f"a user indicator {meta.id!r} exists; replace it explicitly")
        conn.execute("DELETE FROM user_indicators WHERE id = ?", (meta.id,))
        hib = None if meta.higher_is_better is None else int(bool(meta.higher_is_better))
        conn.execute(
            "INSERT INTO user_indicators (id, label_tr, label_en, unit, level, year, source, "
            "higher_is_better, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                saved.id,
                saved.label_tr.strip(),
                saved.label_en.strip(),
                saved.unit,
                saved.level,
                saved.year,
                saved.source,
                hib,
                saved.created_at,
                saved.created_by,
            ),
        )
        conn.executemany(
            "INSERT INTO user_indicator_values (indicator_id, pcode, value) VALUES (?, ?, ?)",
            [(meta.id, str(p), float(v)) for p, v in clean.items()],
        )
        verb = "replaced" if exists else "saved"
        _log(
            conn,
            user=user,
            role=role,
            action="indicator_save",
            what=f"{verb} user indicator {meta.id} ({len(clean)} {meta.level} values)",
            detail={"id": meta.id, "before": before},
        )
    return saved


_INDICATOR_COLUMNS = (
    "id, label_tr, label_en, unit, level, year, source, higher_is_better, created_at, created_by"
)


def _indicator_snapshot(conn: sqlite3.Connection, indicator_id: str) -> dict[str, Any] | None:
    """A user indicator as stored (metadata row and values), for undoing a save or delete."""
    meta = conn.execute(
        f"SELECT {_INDICATOR_COLUMNS} FROM user_indicators WHERE id = ?", (indicator_id,)
    ).fetchone()
    if meta is None:
        return None
    values = conn.execute(
        "SELECT pcode, value FROM user_indicator_values WHERE indicator_id = ?", (indicator_id,)
    ).fetchall()
    return {"meta": list(meta), "values": [list(v) for v in values]}


def _restore_indicator(
    conn: sqlite3.Connection, indicator_id: str, snapshot: dict[str, Any] | None
) -> None:
    """Put a user indicator back as a snapshot recorded it (``None``: it did not exist)."""
    conn.execute("DELETE FROM user_indicator_values WHERE indicator_id = ?", (indicator_id,))
    conn.execute("DELETE FROM user_indicators WHERE id = ?", (indicator_id,))
    if snapshot is None:
        return
    conn.execute(
        f"INSERT INTO user_indicators ({_INDICATOR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        snapshot["meta"],
    )
    conn.executemany(
        "INSERT INTO user_indicator_values (indicator_id, pcode, value) VALUES (?, ?, ?)",
        [(indicator_id, pcode, value) for pcode, value in snapshot["values"]],
    )


def delete_indicator(store_dir: Path | str, indicator_id: str, *, user: str, role: str) -> None:
    """Delete a user indicator and its values.

    Raises
    ------
    PermissionError
        ``role`` is not editor.
    KeyError
        No user indicator with that id.
    """
    require_editor(role)
    with _writing(store_dir) as conn:
        before = _indicator_snapshot(conn, indicator_id)
        cursor = conn.execute("DELETE FROM user_indicators WHERE id = ?", (indicator_id,))
        if cursor.rowcount == 0:
            raise KeyError(f"no user indicator {indicator_id!r}")
        _log(
            conn,
            user=user,
            role=role,
            action="indicator_delete",
            what=f"deleted user indicator {indicator_id}",
            detail={"id": indicator_id, "before": before},
        )


def list_indicators(store_dir: Path | str = VAR_DIR) -> list[UserIndicatorMeta]:
    """User indicators, ordered by Turkish label."""
    with _reading(store_dir) as conn:
        rows = conn.execute(
            "SELECT id, label_tr, label_en, unit, level, year, source, higher_is_better, "
            "created_at, created_by FROM user_indicators"
        ).fetchall()
    metas = [
        UserIndicatorMeta(*row[:7], None if row[7] is None else bool(row[7]), *row[8:])
        for row in rows
    ]
    return sorted(metas, key=lambda m: (name_key(m.label_tr), m.id))


def indicator_values(store_dir: Path | str, indicator_id: str) -> pd.Series:
    """Values of a user indicator as floats indexed by P-code (``KeyError`` if unknown)."""
    with _reading(store_dir) as conn:
        if not conn.execute(
            "SELECT 1 FROM user_indicators WHERE id = ?", (indicator_id,)
        ).fetchone():
            raise KeyError(f"no user indicator {indicator_id!r}")
        rows = conn.execute(
            "SELECT pcode, value FROM user_indicator_values WHERE indicator_id = ? ORDER BY pcode",
            (indicator_id,),
        ).fetchall()
    index = pd.Index([r[0] for r in rows], name="pcode")
    return pd.Series([r[1] for r in rows], index=index, dtype=float, name=indicator_id)


def indicator_table(store_dir: Path | str, level: str) -> pd.DataFrame:
    """All user indicators of ``level`` as columns over every unit of that level."""
    index = units().index if level == "district" else provinces_table().index
    metas = [m for m in list_indicators(store_dir) if m.level == level]
    columns = {m.id: indicator_values(store_dir, m.id).reindex(index) for m in metas}
    return pd.DataFrame(columns, index=index)


# --------------------------------------------------------------------------- templates


def registry_template_xlsx(registry: Registry) -> bytes:
    """An Excel workbook for editing the registry, with dropdowns for coded columns.

    Sheets ``sites`` and ``deliverables`` hold the current rows with the columns of the
    CSV files; a hidden ``lists`` sheet feeds list validations for ``project``,
    ``phase``, ``level``, ``deliverable``, ``status`` and ``source``. Text that starts
    with ``=`` is stored as text, never as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {
        "project": list(registry.projects),
        "phase": list(dict.fromkeys(p.id for pr in registry.projects.values() for p in pr.phases)),
        "level": ["province", "district"],
        "deliverable": list(registry.vocabulary.get("deliverables", {})),
        "status": list(registry.vocabulary.get("statuses", {})),
        "source": list(registry.sources),
    }
    workbook = Workbook()
    sheets = {"sites": registry.sites, "deliverables": registry.deliverables}
    workbook.remove(workbook.active)
    list_sheet = workbook.create_sheet("lists")
    refs: dict[str, str] = {}
    for col, (name, items) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        list_sheet.cell(row=1, column=col, value=name)
        for row, item in enumerate(items, start=2):
            _text_cell(list_sheet.cell(row=row, column=col), item)
        refs[name] = f"lists!${letter}$2:${letter}${max(len(items), 1) + 1}"
    for index, (title, frame) in enumerate(sheets.items()):
        sheet = workbook.create_sheet(title, index)
        columns = list(frame.columns)
        for col, name in enumerate(columns, start=1):
            sheet.cell(row=1, column=col, value=name).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(name) + 4))
        for row, record in enumerate(frame.itertuples(index=False), start=2):
            for col, value in enumerate(record, start=1):
                cell = sheet.cell(row=row, column=col)
                if columns[col - 1] == "quantity" and str(value).strip().isdigit():
                    cell.value = int(value)
                else:
                    _text_cell(cell, "" if pd.isna(value) else str(value))
        last = len(frame) + 500
        for name, ref in refs.items():
            if name not in columns:
                continue
            letter = get_column_letter(columns.index(name) + 1)
            validation = DataValidation(
                type="list",
                formula1=ref,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Pilot Atlas",
                error=f"Listeden seçin / choose from the list ({name})",
            )
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    list_sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(cell: Any, value: str) -> None:
    cell.value = value or None
    if value:
        # openpyxl would store "=..." as a formula; force a plain string.
        cell.data_type = "s"


def read_registry_xlsx(
    data: bytes, filename: str, *, max_bytes: int = 5_000_000
) -> dict[str, pd.DataFrame]:
    """Read the ``sites`` and ``deliverables`` sheets of an edited registry workbook.

    Returns
    -------
    dict
        ``{"sites": frame, "deliverables": frame}``, all text (empty cells ``""``),
        indexed by spreadsheet row so validation problems point at workbook rows.

    Raises
    ------
    UploadError
        Not a readable workbook, too large, or a sheet missing.
    """
    from geo.upload import Message, UploadError, _load_workbook, sheet_frame

    name = Path(filename or "registry.xlsx").name
    if not data:
        raise UploadError(
            Message(f"{name}: the file is empty", f"{name}: dosya boş"), filename=name
        )
    if len(data) > max_bytes:
        raise UploadError(
            Message(
                f"{name}: the file is {len(data) / 1e6:.1f} MB; "
                f"the limit is {max_bytes / 1e6:g} MB",
                f"{name}: dosya {len(data) / 1e6:.1f} MB; sınır {max_bytes / 1e6:g} MB",
            ),
            filename=name,
        )
    workbook = _load_workbook(data, name)
    try:
        result: dict[str, pd.DataFrame] = {}
        for sheet in REGISTRY_TABLES:
            if sheet not in workbook.sheetnames:
                raise UploadError(
                    Message(
                        f"{name}: worksheet {sheet!r} is missing",
                        f"{name}: {sheet!r} sayfası eksik",
                    ),
                    filename=name,
                )
            result[sheet] = sheet_frame(workbook[sheet], name)
    finally:
        workbook.close()
    return result


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.userdata", description="Pilot Atlas data")
    commands = parser.add_subparsers(dest="command", required=True)
    hasher = commands.add_parser(
        "hash-password", help="print a password hash for .streamlit/secrets.toml [editors]"
    )
    hasher.add_argument("--iterations", type=int, default=PBKDF2_ITERATIONS)
    hasher.add_argument("--stdin", action="store_true", help="read the password from stdin")
    args = parser.parse_args(argv)
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The passwords differ.", file=sys.stderr)
            return 1
    if not password:
        print("Empty password refused.", file=sys.stderr)
        return 1
    print(hash_password(password, args.iterations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
