"""The store object and the primitives every write uses: change log, blobs, registry files.

A :class:`Store` wraps one engine. Its *version* is the id of the latest change-log
row: every write adds one, so caches keyed on the version see every change, made by any
process or server, at their next read of it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from geo.store import faults
from geo.store.engine import get_engine, normalise_url, reading
from geo.store.schema import blobs, changelog, registry_files

EDITOR = "editor"
#: Actions an editor may undo (init and legacy history may not be undone).
UNDOABLE = ("apply", "status", "indicator_save", "indicator_delete", "import", "restore")


def now() -> str:
    """UTC time as ISO text (seconds), the store's timestamp format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def require_editor(role: str | None) -> None:
    """Raise :class:`PermissionError` unless ``role`` is ``"editor"``."""
    if role != EDITOR:
        raise PermissionError(f"role {role!r} may not change data; only editors can")


class Store:
    """One Pilot Atlas store (a database), reached through a SQLAlchemy URL."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        get_engine(self.url)

    @property
    def engine(self) -> Engine:
        """This process's engine (a forked child gets its own, never its parent's pool)."""
        return get_engine(self.url)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    def version(self) -> int:
        """Id of the latest change (0 for an empty store): one indexed query."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(changelog.c.id))).scalar() or 0)

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"


def log_change(
    conn: Connection,
    *,
    user: str,
    role: str,
    action: str,
    what: str,
    detail: Mapping[str, Any] | None = None,
    writes: Iterable[str] = (),
    reads: Iterable[str] = (),
    undo_of: int | None = None,
) -> int:
    """Add a change-log row in the caller's transaction; returns its id."""
    result = conn.execute(
        changelog.insert().values(
            at=now(),
            user=user,
            role=role,
            action=action,
            what=what,
            detail=json.dumps(dict(detail or {}), ensure_ascii=False),
            writes=json.dumps(sorted(set(writes))),
            reads=json.dumps(sorted(set(reads))),
            undo_of=undo_of,
        )
    )
    faults.checkpoint(f"logged:{action}")
    return int(result.inserted_primary_key[0])


def put_blob(conn: Connection, data: bytes) -> str:
    """Store ``data`` once under its SHA-256; returns the hash."""
    digest = sha256(data)
    exists = conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == digest)).first()
    if exists is None:
        conn.execute(blobs.insert().values(sha256=digest, content=data))
    return digest


def get_blobs(conn: Connection, digests: Iterable[str]) -> dict[str, bytes]:
    wanted = sorted(set(digests))
    if not wanted:
        return {}
    rows = conn.execute(select(blobs.c.sha256, blobs.c.content).where(blobs.c.sha256.in_(wanted)))
    return {digest: bytes(content) for digest, content in rows}


def registry_shas(conn: Connection) -> dict[str, str]:
    """File name → SHA-256 of the registry in service."""
    return dict(conn.execute(select(registry_files.c.name, registry_files.c.sha256)).all())


def registry_contents(conn: Connection) -> dict[str, bytes]:
    """File name → bytes of the registry in service (empty for an uninitialised store)."""
    shas = registry_shas(conn)
    contents = get_blobs(conn, shas.values())
    return {name: contents[digest] for name, digest in shas.items()}


def set_registry(conn: Connection, files: Mapping[str, bytes]) -> dict[str, str]:
    """Put ``files`` in service (other files stay); returns their hashes."""
    done = {}
    for name, data in files.items():
        digest = put_blob(conn, data)
        conn.execute(registry_files.delete().where(registry_files.c.name == name))
        conn.execute(registry_files.insert().values(name=name, sha256=digest))
        faults.checkpoint(f"file:{name}")
        done[name] = digest
    return done


def changelog_frame(store: Store) -> pd.DataFrame:
    """Every recorded change, newest first.

    Returns
    -------
    DataFrame
        Columns ``id, at`` (UTC ISO), ``user, role, action, what, undo_of, undone_by``.
    """
    columns = ["id", "at", "user", "role", "action", "what", "undo_of", "undone_by"]
    with reading(store.engine) as conn:
        rows = conn.execute(
            select(*(changelog.c[c] for c in columns)).order_by(changelog.c.id.desc())
        ).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    return frame.astype({"id": "int64", "undo_of": "Int64", "undone_by": "Int64"})


def last_change_at(store: Store) -> str | None:
    """UTC ISO time of the newest change (one indexed look-up), ``None`` for an empty log."""
    with reading(store.engine) as conn:
        return conn.execute(
            select(changelog.c.at).order_by(changelog.c.id.desc()).limit(1)
        ).scalar_one_or_none()
